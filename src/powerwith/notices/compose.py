"""The words of a notice: what happened to what someone raised, and why, in plain words, in
the person's language (:func:`language_of`).

One message per person may carry several changes (a digest); each contribution appears once,
with its latest change. The same items feed the email (text and HTML), the text message and
the letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from powerwith.common.dates import long_date
from powerwith.common.models import ReadingChoice
from powerwith.common.reading import offered_or_site
from powerwith.contributions import vocab as cv
from powerwith.journeys.models import Journey
from powerwith.people.models import Person

from .models import HearingBack, Notice

SMS_LENGTH = 160


@dataclass(frozen=True)
class Item:
    said: str
    said_on: str
    fate: str
    meaning: str
    why: str
    what_we_did: str


def _hearing(person: Person) -> HearingBack | None:
    try:
        return person.hearing_back
    except HearingBack.DoesNotExist:
        return None


def _account_choice(person: Person) -> tuple[str, bool | None]:
    if person.user_id is None:
        return "", None
    row = ReadingChoice.objects.filter(user_id=person.user_id).values_list("language", "easy_read")
    return row.first() or ("", None)


def language_of(person: Person) -> str:
    """The language a person's notices are written in: the one chosen for their news (on how
    they hear back, by them or by a facilitator for someone without an account); else the one
    their account chose; else the site's language."""
    hearing = _hearing(person)
    chosen = hearing.language if hearing is not None else ""
    if not chosen:
        chosen = _account_choice(person)[0] or ""
    return offered_or_site(chosen)


def easy_read_of(person: Person) -> bool:
    """Whether a person's notices are written in easy read: chosen for their news, or chosen
    on their account for the whole site."""
    hearing = _hearing(person)
    if hearing is not None and hearing.easy_read:
        return True
    return bool(_account_choice(person)[1])


def public_link(journey: Journey) -> str:
    """The journey's public "you said, we did" page, when the group shares it; else ""."""
    if not journey.public_you_said:
        return ""
    path = reverse("public:you_said", kwargs={"slug": journey.slug})
    return settings.POWERWITH_SITE_URL.rstrip("/") + path


def _why(fate: str, reason: str, merged_text: str) -> str:
    if fate == cv.MERGED and merged_text:
        return _("It makes the same point as “%(other)s”, which carries it forward.") % {
            "other": merged_text[:80]
        }
    return reason


def items(notices: Sequence[Notice]) -> list[Item]:
    """One item per contribution, from its latest change among these notices."""
    latest: dict[int, Notice] = {}
    for n in sorted(notices, key=lambda n: (n.fate_change.at, n.fate_change_id)):
        latest[n.contribution_id] = n
    out = []
    for n in sorted(latest.values(), key=lambda n: (n.contribution.raised_on, n.contribution_id)):
        change, c = n.fate_change, n.contribution
        out.append(
            Item(
                said=c.text,
                said_on=long_date(c.raised_on),
                fate=str(cv.FATES.label(change.to_fate)),
                meaning=str(cv.FATES.explain(change.to_fate)),
                why=_why(
                    change.to_fate,
                    change.reason,
                    change.merged_into.text if change.merged_into else "",
                ),
                what_we_did=c.response,
            )
        )
    return out


def subject(journey: Journey) -> str:
    return _("What happened to what you raised: %(title)s") % {"title": journey.title}


def sms_text(journey: Journey, notices: Sequence[Notice]) -> str:
    """At most 160 plain characters: the fate, the start of the words, and the link. Written in
    plain quotes and dots, measured after, so one text is one part of the GSM alphabet."""
    found = items(notices)
    link = public_link(journey)
    if len(found) == 1:
        head = _("%(title)s: what you raised is now “%(fate)s”.") % {
            "title": journey.title[:40],
            "fate": found[0].fate,
        }
    else:
        head = _("%(title)s: %(n)s things you raised have news.") % {
            "title": journey.title[:40],
            "n": len(found),
        }
    head = _ascii_safe(head)
    tail = (" " + link) if link else ""
    room = SMS_LENGTH - len(head) - len(tail)
    said = ""
    if len(found) == 1:
        words = _ascii_safe(found[0].said)
        quoted = f' "{words}"'
        if len(quoted) > room:
            quoted = f' "{words[: max(room - 6, 0)].rstrip()}..."'
        if len(quoted) <= room and room > 12:
            said = quoted
    return (head + said + tail)[:SMS_LENGTH]


def _ascii_safe(text: str) -> str:
    """Curly quotes and ellipses as plain ones: a text in the GSM alphabet costs one part."""
    return (
        text.replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2019", "'")
        .replace("\u2026", "...")
    )
