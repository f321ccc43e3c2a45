"""Every write about hearing back: a person's way of hearing, the journey's timing, the outbox.

Nothing here sends anything: a notice is a row written in the same transaction as the fate
change it is about, and the task queue (``notices.tasks``) sends it after the commit.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from powerwith.common.access import NotAllowed, require
from powerwith.common.reading import language_codes
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.contributions import vocab as contribution_vocab
from powerwith.contributions.models import FateChange
from powerwith.gatherings.models import Gathering
from powerwith.journeys.models import Journey
from powerwith.people.models import Person

from . import queue, vocab
from .models import HearingBack, Notice, NoticeTiming

# The morning hour (local time) at which digests go.
DIGEST_HOUR = 9
MAX_ADDRESS_LINES = 6


def may_change_hearing(actor: Any, person: Person) -> bool:
    """A facilitator of the person's journey, or the person themselves (their own account)."""
    if person.user_id is not None and person.user_id == getattr(actor, "pk", None):
        return True
    try:
        return require(actor, person.journey, "manage").can_manage
    except Exception:
        return False


def uk_mobile(raw: str) -> str | None:
    """A UK mobile number written as 07xxx xxxxxx or +44 7xxx xxxxxx, as +447xxxxxxxxx."""
    digits = re.sub(r"[\s\-().]", "", raw)
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if re.fullmatch(r"07\d{9}", digits):
        return "+44" + digits[1:]
    return None


@transaction.atomic
def hearing_back_set(
    *,
    actor: Any,
    person: Person,
    way: str,
    consent: bool,
    email: str = "",
    phone: str = "",
    address: str = "",
    via: Person | None = None,
    consent_on: datetime.date | None = None,
    language: str = "",
    easy_read: bool = False,
) -> HearingBack:
    """Record how a person wants to hear what became of what they raised, with their consent.

    Only the detail the chosen way needs is kept (an email address for email, a mobile number
    for text messages, a postal address for letters, the member for news passed on); the others
    are cleared. ``consent_on`` is the day they agreed (today when not given); "not at all"
    needs no consent and keeps no details. ``language`` ("" for the one their account chose,
    else the site's) and ``easy_read`` say how their news is written, by any way.
    """
    if not may_change_hearing(actor, person):
        raise NotAllowed(_("Only a facilitator or the person themselves can change this."))
    if way not in vocab.WAYS:
        raise invalid("way", _("Choose how they want to hear back."))
    if language and language not in language_codes():
        raise invalid("language", _("Choose a language from the list."))
    email, phone, address = email.strip(), phone.strip(), address.strip()
    keep = {"email": "", "phone": "", "address": ""}
    if way == vocab.EMAIL:
        try:
            validate_email(email)
        except ValidationError:
            raise invalid(
                "email", _("Enter an email address in the right form, like name@example.org.")
            ) from None
        keep["email"] = email
    elif way == vocab.TEXT:
        number = uk_mobile(phone)
        if number is None:
            raise invalid(
                "phone", _("Enter a UK mobile number, like 07700 900123 or +44 7700 900123.")
            )
        keep["phone"] = number
    elif way == vocab.POST:
        lines = [line.strip() for line in address.splitlines() if line.strip()]
        if len(lines) < 2:
            raise invalid(
                "address",
                _("Enter the postal address on at least two lines, with the postcode last."),
            )
        if len(lines) > MAX_ADDRESS_LINES:
            raise invalid(
                "address",
                _("An address fits the envelope window on at most 6 lines. Join some lines."),
            )
        keep["address"] = "\n".join(lines)
    if way == vocab.MEMBER:
        if via is None:
            raise invalid("via", _("Choose the member of the group who passes the news on."))
        if via.journey_id != person.journey_id:
            raise invalid("via", _("Choose a person from this journey."))
        if via.pk == person.pk:
            raise invalid("via", _("Choose someone else: the news is passed on by another member."))
    else:
        via = None
    today = timezone.localdate()
    if way == vocab.NONE:
        consent_on = None
    else:
        if not consent:
            raise invalid(
                "consent",
                _(
                    "Tick to confirm that they agreed to be told this way. Without it, nothing is sent."
                ),
            )
        consent_on = consent_on or today
        if consent_on > today:
            raise invalid("consent_on", _("The day they agreed cannot be in the future."))
    hearing, _created = HearingBack.objects.update_or_create(
        person=person,
        defaults={
            "journey_id": person.journey_id,
            "way": way,
            "via": via,
            "consent_on": consent_on,
            "language": language,
            "easy_read": easy_read,
            "recorded_by": user_or_none(actor),
            **keep,
        },
    )
    own = person.user_id is not None and person.user_id == getattr(actor, "pk", None)
    with translation.override(None):  # the log stays in English: it is a record, not a page
        way_label = vocab.WAYS.label(way)
    audit(
        journey=person.journey,
        actor=actor,
        action="hearing_back_set",
        obj=hearing,
        # The way, never the address: the log is read by more people than the address is.
        summary=f"Hears back: {way_label}"
        + (f", in {language}" if language else "")
        + (", in easy read" if easy_read else ""),
        on_behalf_of=None if own else person,
    )
    if way == vocab.NONE:
        # Opting out stops what is still waiting, too.
        Notice.objects.filter(person=person, status=vocab.QUEUED).delete()
    return hearing


@transaction.atomic
def notice_timing_set(*, actor: Any, journey: Journey, timing: str) -> NoticeTiming:
    """Choose when this journey's notices go: at once, or together (gathering, week, month).
    Notices already waiting keep the time they were given."""
    require(actor, journey, "manage")
    if timing not in vocab.TIMINGS:
        raise invalid("timing", _("Choose when notices go."))
    row, _created = NoticeTiming.objects.update_or_create(
        journey=journey, defaults={"timing": timing}
    )
    with translation.override(None):  # the log stays in English
        timing_label = vocab.TIMINGS.label(timing)
    audit(
        journey=journey,
        actor=actor,
        action="notice_timing_set",
        obj=row,
        summary=f"Notices go: {timing_label}",
    )
    return row


def timing_of(journey: Journey) -> str:
    row = NoticeTiming.objects.filter(journey=journey).first()
    return row.timing if row else vocab.AT_ONCE


def _morning(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(DIGEST_HOUR)))


def due_time(journey: Journey, timing: str, now: datetime.datetime) -> datetime.datetime:
    """When a notice made at ``now`` goes (docs/notices.md, "When notices go").

    At once: now. Weekly: the next Monday at 9:00 (local time). Monthly: the 1st of next month
    at 9:00. After each gathering: 9:00 the day after the journey's next gathering (one held
    today counts); with none planned, the weekly rule.
    """
    today = timezone.localdate(now)
    if timing == vocab.AT_ONCE:
        return now
    if timing == vocab.MONTH:
        first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return _morning(first)
    if timing == vocab.GATHERING:
        next_held = (
            Gathering.objects.filter(journey=journey, held_on__gte=today)
            .order_by("held_on")
            .values_list("held_on", flat=True)
            .first()
        )
        if next_held is not None:
            return _morning(next_held + datetime.timedelta(days=1))
    monday = today + datetime.timedelta(days=7 - today.weekday())
    return _morning(monday)


def notices_for_fate_change(change: FateChange) -> Notice | None:
    """The hook ``contribution_set_fate`` calls (contributions/hooks.py), inside its
    transaction: a notice for the person who raised it, if they asked to hear back.

    None for an anonymous contribution, the first "new" line, a person who chose "not at
    all" (or never said), and a change the person recorded themselves. At most one notice per
    person and change (``notice_once``), so running twice makes nothing more.
    """
    if change.to_fate == contribution_vocab.NEW:
        return None
    contribution = change.contribution
    person = contribution.raised_by
    if person is None:
        return None
    hearing = HearingBack.objects.filter(person=person).first()
    if hearing is None or hearing.way == vocab.NONE or hearing.consent_on is None:
        return None
    if person.user_id is not None and person.user_id == change.by_id:
        return None
    journey = contribution.journey
    now = timezone.now()
    due = due_time(journey, timing_of(journey), now)
    notice, created = Notice.objects.get_or_create(
        person=person,
        fate_change=change,
        defaults={
            "journey": journey,
            "contribution": contribution,
            "way": hearing.way,
            "due_at": due,
        },
    )
    if created and hearing.way in vocab.SENT_BY_QUEUE:
        queue.send_at(due)
    return notice


def _requeue(row: Notice, now: datetime.datetime) -> bool:
    """Put one failed notice (locked by the caller) back in the queue from its first try, the
    way the person hears now. False when they no longer want to hear back."""
    hearing = HearingBack.objects.filter(person_id=row.person_id).first()
    if hearing is None or hearing.way == vocab.NONE:
        return False
    # The person may have changed how they hear since: use their way now.
    row.way, row.status, row.attempts, row.due_at, row.last_error, row.claim = (
        hearing.way,
        vocab.QUEUED,
        0,
        now,
        "",
        "",
    )
    row.save()
    return True


@transaction.atomic
def notice_retry(*, actor: Any, notice: Notice) -> Notice:
    """Try a notice that could not be sent again, now, from its first try."""
    require(actor, notice.journey, "manage")
    row = Notice.objects.select_for_update().get(pk=notice.pk)
    if row.status != vocab.FAILED:
        raise invalid(None, _("Only a notice that could not be sent can be tried again."))
    now = timezone.now()
    if not _requeue(row, now):
        raise invalid(None, _("They no longer want to hear back, so nothing is sent."))
    audit(
        journey=row.journey,
        actor=actor,
        action="notice_retry",
        obj=row,
        summary="A notice that could not be sent is being tried again",
    )
    if row.way in vocab.SENT_BY_QUEUE:
        queue.send_at(now)
    notice.refresh_from_db()
    return notice


@transaction.atomic
def notices_retry_failed(*, actor: Any, journey: Journey) -> tuple[int, int]:
    """Try every notice of the journey that could not be sent again, now, each once (the rows
    are locked and only failed ones are taken, so a second press at the same time finds none).
    Returns (how many were queued again, how many were left because the person no longer
    wants to hear back)."""
    require(actor, journey, "manage")
    now = timezone.now()
    again = skipped = 0
    by_queue = False
    for row in Notice.objects.select_for_update().filter(journey=journey, status=vocab.FAILED):
        if _requeue(row, now):
            again += 1
            by_queue = by_queue or row.way in vocab.SENT_BY_QUEUE
        else:
            skipped += 1
    if again:
        audit(
            journey=journey,
            actor=actor,
            action="notices_retry_failed",
            summary=f"{again} notice{'s' if again != 1 else ''} that could not be sent "
            f"{'are' if again != 1 else 'is'} being tried again",
        )
    if by_queue:
        queue.send_at(now)
    return again, skipped


@transaction.atomic
def notices_mark_done(*, actor: Any, journey: Journey, way: str, notice_ids: list[int]) -> int:
    """Record that these letters were posted, or this news passed on in person: they are sent.
    Only waiting notices of this journey and way are touched; returns how many."""
    require(actor, journey, "manage")
    if way not in (vocab.POST, vocab.MEMBER):
        raise invalid(None, _("Only letters and news passed on in person are marked by hand."))
    done = Notice.objects.filter(
        journey=journey, way=way, status=vocab.QUEUED, pk__in=notice_ids
    ).update(status=vocab.SENT, sent_at=timezone.now())
    if done:
        audit(
            journey=journey,
            actor=actor,
            action="notices_mark_done",
            summary=(
                f"{done} letter{'s' if done != 1 else ''} posted"
                if way == vocab.POST
                else f"{done} notice{'s' if done != 1 else ''} passed on in person"
            ),
        )
    return done
