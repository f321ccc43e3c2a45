"""What notices hold about a person (how they hear back, with their address details, and the
notices made for them), and erasing it (see ``powerwith.rights``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from powerwith.people.models import Person

from . import vocab
from .models import HearingBack, Notice

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    hearing = HearingBack.objects.filter(person=person).select_related("via").first()
    ways: Rows = []
    if hearing is not None:
        ways.append(
            {
                "How they hear back": str(vocab.WAYS.label(hearing.way)),
                "Email address": hearing.email,
                "Mobile number": hearing.phone,
                "Postal address": hearing.address,
                "Passed on by": hearing.via.name if hearing.via else "",
                "Agreed on": hearing.consent_on,
                "Language of the news": dict(settings.LANGUAGES).get(hearing.language, ""),
                "In easy read": "yes" if hearing.easy_read else "no",
            }
        )
    notices: Rows = [
        {
            "About what they raised on": n.contribution.raised_on,
            "Way": str(vocab.WAYS.label(n.way)),
            "Status": str(vocab.STATUSES.label(n.status)),
            "Made": n.created_at,
            "Sent": n.sent_at,
            "Tries": n.attempts,
        }
        for n in Notice.objects.filter(person=person).select_related("contribution")
    ]
    return {"how they hear back": ways, "notices": notices}


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    """Their way of hearing back and its address details go; notices not yet sent go (nothing
    more is sent). Sent notices stay as rows without any address: the outbox keeps its count."""
    ways, _ = HearingBack.objects.filter(person=person).delete()
    waiting, _ = Notice.objects.filter(person=person).exclude(status=vocab.SENT).delete()
    # Someone else's news that this person was passing on now needs another way.
    passing = HearingBack.objects.filter(via=person).update(via=None)
    return {
        "ways of hearing back": ways,
        "notices not yet sent": waiting,
        "people whose news they passed on": passing,
    }
