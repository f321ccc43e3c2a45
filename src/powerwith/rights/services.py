"""Every write for people's rights: copies of what is held (subject access), erasure, and
removal after the retention period. Each writes one line to the journey's log, never naming
the person and never holding what the copy contained."""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from powerwith import exports
from powerwith.common import redact
from powerwith.common.access import require
from powerwith.common.models import ReadingChoice
from powerwith.common.reading import offered_or_site
from powerwith.common.redact import pseudonym_for
from powerwith.common.services import audit, invalid
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Invitation, Journey, Membership
from powerwith.people.models import Person

from . import registry, selectors

Tables = selectors.Tables

README = """\
What PowerWith holds about {who}
Made on {made} {by}.

This folder holds a copy of everything PowerWith holds about {whom}, as the UK GDPR's right of
access allows. It covers {scope}.

Every CSV file opens in a spreadsheet (LibreOffice, Excel, Google Sheets); data.json holds the
same tables in one file for programs. Dates are written year-month-day.

Answers given in anonymous reflection rounds are not here: nothing in PowerWith links them to
anyone, so nobody can find them, not even you. Only the fact that you answered is kept, so
nobody answers twice. The same goes for ballots in secret votes.

The files:
"""


def _file_name(table: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", table.lower()).strip("-") or "table"


def build_zip(tables: Tables, *, who: str, whom: str, scope: str, by: str) -> bytes:
    """A copy of ``tables``: README.txt, one CSV per table, and data.json, in a ZIP."""
    made = timezone.localdate()
    folder = f"powerwith-copy-{made.isoformat()}"
    lines = [README.format(who=who, whom=whom, scope=scope, made=made.isoformat(), by=by)]
    for name, rows in tables.items():
        n = len(rows)
        lines.append(f"{_file_name(name)}.csv: {name} ({n} {'row' if n == 1 else 'rows'})")
    lines.append("data.json: all the tables above in one file.")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{folder}/README.txt", "\n".join(lines) + "\n")
        for name, rows in tables.items():
            columns: list[str] = []
            for row in rows:
                columns.extend(c for c in row if c not in columns)
            # A byte-order mark so spreadsheet programs read the accents and symbols right.
            zf.writestr(
                f"{folder}/{_file_name(name)}.csv", "\ufeff" + exports.to_csv(rows, columns)
            )
        doc = {
            "format": "powerwith-subject-access/1",
            "made_at": timezone.now().isoformat(timespec="seconds"),
            "tables": {
                name: [{k: exports.json_value(v) for k, v in row.items()} for row in rows]
                for name, rows in tables.items()
            },
        }
        zf.writestr(f"{folder}/data.json", json.dumps(doc, ensure_ascii=False, indent=1))
    return buf.getvalue()


def _copy_made(entries: list[Person], *, actor: Any, how: str) -> None:
    for person in entries:
        audit(
            journey=person.journey,
            actor=actor,
            action="subject_access",
            obj=person,
            summary=f"Made a copy of what we hold about register entry {person.pk} ({how})",
        )


@transaction.atomic
def subject_access_for_facilitator(*, actor: Any, person: Person) -> bytes:
    """A copy of what is held about ``person`` for a facilitator of their journey to hand over,
    including the same individual's entries in other journeys only where ``actor`` is also
    facilitator. Written to each journey's log (that a copy was made, by whom)."""
    require(actor, person.journey, "manage")
    entries = selectors.entries_for_facilitator(actor, person)
    data = build_zip(
        selectors.held_tables(entries),
        who=person.name,
        whom=person.name,
        scope=", ".join(f"their entry in “{p.journey.title}”" for p in entries),
        by="by a facilitator",
    )
    _copy_made(entries, actor=actor, how="by a facilitator")
    return data


@transaction.atomic
def subject_access_for_self(*, user: Any) -> bytes:
    """A copy of what is held about the signed-in ``user``: their account and every register
    entry linked to it in any journey, whoever runs it."""
    if not getattr(user, "is_authenticated", False):
        raise invalid(None, _("Sign in to get a copy of what PowerWith holds about you."))
    entries = selectors.entries_of_user(user)
    scope = "your account" + "".join(f", your entry in “{p.journey.title}”" for p in entries)
    data = build_zip(
        selectors.held_tables(entries, user=user),
        who="you",
        whom="you",
        scope=scope,
        by="at your request",
    )
    _copy_made(entries, actor=user, how="by the person themselves")
    return data


@transaction.atomic
def subject_access_for_officer(*, person: Person) -> bytes:
    """The data-protection officer's copy, from the command line: this entry only."""
    data = build_zip(
        selectors.held_tables([person]),
        who=person.name,
        whom=person.name,
        scope=f"their entry in “{person.journey.title}”",
        by="from the command line",
    )
    _copy_made([person], actor=None, how="from the command line")
    return data


# -- erasure -----------------------------------------------------------------------------------
def _erase(person: Person, *, actor: Any, remove_words: bool, why: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for module in registry.erase_order():
        for name, n in module.erase(person, actor=actor, remove_words=remove_words).items():
            counts[name] = counts.get(name, 0) + n
    audit(
        journey=person.journey,
        actor=actor,
        action="person_erase",
        obj=person,
        summary=f"Erased the personal data of register entry {person.pk}, now "
        f"“{pseudonym_for(person.pk)}” ({why})",
    )
    return counts


def erase_mentions(*, actor: Any, person: Person) -> list[redact.Mention]:
    """Every mention of ``person``'s name, and of each part of it (3 letters or more), in the
    free text an erasure would look at, with where each is: for the facilitator to choose which
    to take out. Found by running the erasure with nothing written: every rights module's
    ``scrub_rows`` lists instead of changing, and the whole run is rolled back."""
    require(actor, person.journey, "manage")
    # A copy: the run pseudonymises the entry it is given (then rolled back in the database,
    # but not in memory).
    copy = Person.objects.select_related("journey").get(pk=person.pk)
    with transaction.atomic(), redact.collecting() as found:
        _erase(copy, actor=actor, remove_words=False, why="")
        transaction.set_rollback(True)
    unique = {m.id: m for m in found}
    return sorted(unique.values(), key=lambda m: (m.where, m.id))


@transaction.atomic
def person_erase(
    *,
    actor: Any,
    person: Person,
    remove_words: bool = False,
    password: str | None = None,
    mentions: set[str] | None = None,
) -> dict[str, int]:
    """Remove or pseudonymise everything PowerWith holds about ``person`` (one register entry),
    keeping every count the group's figures rest on. ``actor`` is a facilitator of the person's
    journey, or the person themselves (their own entry, with their ``password``: given, it is
    always checked, a facilitator's own entry included).
    ``remove_words``: their contributions' words go too, not only their name. ``mentions``
    (a facilitator's choice from ``erase_mentions``): exactly these mentions of the name and its
    parts are taken out of free text, instead of every mention of the whole name. Erasing twice
    is harmless. Returns what changed."""
    person = Person.objects.select_for_update().select_related("journey").get(pk=person.pk)
    if password is not None:
        # From the account page: their own entry only, and only with their password.
        own = (
            getattr(actor, "is_authenticated", False)
            and person.user_id is not None
            and person.user_id == actor.pk
        )
        if not own:
            raise invalid(None, _("You can only erase your own entry from your account page."))
        if not actor.check_password(password):
            raise invalid("password", _("That is not your password. Check it and try again."))
        why = "at their own request"
    else:
        require(actor, person.journey, "manage")
        why = "by a facilitator"
    if mentions is not None:
        with redact.only(mentions):
            return _erase(person, actor=actor, remove_words=remove_words, why=why)
    return _erase(person, actor=actor, remove_words=remove_words, why=why)


# -- retention ---------------------------------------------------------------------------------
@dataclass
class RetentionReport:
    warned: list[tuple[str, datetime.date]] = field(default_factory=list)  # slug, removal day
    erased: dict[str, int] = field(default_factory=dict)  # slug -> entries erased
    expired: dict[str, int] = field(default_factory=dict)  # what was kept a while -> forgotten

    def lines(self, dry_run: bool) -> list[str]:
        warn, erase = ("would warn", "would erase") if dry_run else ("warned", "erased")
        out = [
            f"{slug}: {warn} its facilitators that personal data goes on {day.isoformat()}"
            for slug, day in self.warned
        ]
        out += [
            f"{slug}: {erase} the personal data of {n} {'entry' if n == 1 else 'entries'}"
            for slug, n in self.erased.items()
        ]
        forget = "would forget" if dry_run else "forgot"
        out += [f"{forget} {what}: {n}" for what, n in self.expired.items()]
        return out or ["Nothing to do today."]


# Marked for translation here, translated when sent (in the language active then).
WARNING_SUBJECT = gettext_noop("Personal data in “{title}” will be removed on {day}")
WARNING_BODY = gettext_noop("""\
The journey “{title}” ended on {ended}. PowerWith keeps people's personal data for {days} days
after a journey ends, so on {day} it will remove it: names, contact details, profiles and needs.
The group's record and its figures stay, with each person shown as “Erased person” and a number.

Export what you need now, or extend the date on the journey's page about personal data:
{url}

You are getting this because you are a facilitator of the journey. You will get it once.
""")


def nice_date(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _warn(journey: Journey, day: datetime.date) -> None:
    facilitators = Membership.objects.filter(
        journey=journey, role=journey_vocab.FACILITATOR
    ).select_related("user")
    # The site's address, where one is configured; otherwise the page's path.
    site = settings.POWERWITH_SITE_URL.rstrip("/")
    url = f"{site}/j/{journey.slug}/rights/retention/"
    chosen = dict(
        ReadingChoice.objects.filter(user__in=[m.user for m in facilitators]).values_list(
            "user_id", "language"
        )
    )
    for m in facilitators:
        if not m.user.email:
            continue
        # Each facilitator reads it in the language their account chose, else the site's.
        with translation.override(offered_or_site(chosen.get(m.user.pk))):
            subject = _(WARNING_SUBJECT).format(title=journey.title, day=nice_date(day))
            body = _(WARNING_BODY).format(
                title=journey.title,
                ended=nice_date(journey.ended_on) if journey.ended_on else "",
                days=selectors.retention_days(journey),
                day=nice_date(day),
                url=url,
            )
        send_mail(subject, body, None, [m.user.email])
    journey.options = {**journey.options, "retention_warned_for": day.isoformat()}
    journey.save(update_fields=["options"])
    audit(
        journey=journey,
        actor=None,
        action="retention_warning",
        obj=journey,
        summary=f"Warned the facilitators that personal data will be removed on {nice_date(day)}",
    )


@transaction.atomic
def retention_run(*, today: datetime.date | None = None, dry_run: bool = False) -> RetentionReport:
    """The daily run: warn facilitators once, ``POWERWITH_RETENTION_WARNING_DAYS`` before a
    journey's personal data goes; on the day (and after), erase every register entry not yet
    erased and delete the journey's invitations (their email addresses); and forget what the
    apps keep only for a while once its time is up (``expire`` in their rights modules).
    Running it twice in a day does nothing more. ``dry_run``: say what would happen, change
    nothing."""
    today = today or timezone.localdate()
    report = RetentionReport()
    for journey in Journey.objects.filter(ended_on__isnull=False).order_by("slug"):
        day = selectors.removal_date(journey)
        start = selectors.warning_date(journey)
        if day is None or start is None or today < start:
            continue
        if today < day:
            if journey.options.get("retention_warned_for") != day.isoformat():
                report.warned.append((journey.slug, day))
                if not dry_run:
                    _warn(journey, day)
            continue
        people = [
            p
            for p in Person.objects.filter(journey=journey).select_related("journey")
            if not selectors.is_erased(p)
        ]
        if not people:
            continue
        report.erased[journey.slug] = len(people)
        if dry_run:
            continue
        for person in people:
            _erase(person, actor=None, remove_words=False, why="the retention period ended")
        Invitation.objects.filter(journey=journey).delete()
    # What the apps keep only for a while (a day of API answers for repeats, ...): gone within
    # a day, whether or not anything else comes along to clear it.
    now = timezone.now()
    for module in registry.expiring():
        for what, n in module.expire(now, dry_run=dry_run).items():
            if n:
                report.expired[what] = n
    return report


@transaction.atomic
def retention_set(*, actor: Any, journey: Journey, days: int | None) -> Journey:
    """Set how many days after its end this journey keeps personal data (None: the site's
    default, ``POWERWITH_RETENTION_DAYS``). A new date means a new warning."""
    require(actor, journey, "manage")
    if days is not None and not 1 <= days <= 36500:
        raise invalid("days", _("Enter a number of days between 1 and 36500."))
    options = {k: v for k, v in journey.options.items() if k != "retention_days"}
    if days is not None:
        options["retention_days"] = days
    journey.options = options
    journey.save(update_fields=["options"])
    audit(
        journey=journey,
        actor=actor,
        action="retention_set",
        obj=journey,
        summary=f"Set personal data to be kept {selectors.retention_days(journey)} days after "
        "the journey ends",
    )
    return journey
