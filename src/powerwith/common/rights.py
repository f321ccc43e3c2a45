"""What the journey's log holds about a person, and erasing it (see ``powerwith.rights``).

Log lines stay (how many, what was done, when); lines that name the person are rewritten to
use their pseudonym. ``common`` knows no domain app, so the person is taken as it comes.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from .models import AuditEntry
from .redact import pseudonym_for, scrub_rows

Rows = list[dict[str, object]]


def _lines(person: Any) -> Any:
    about = Q(on_behalf_of=person) | Q(summary__icontains=person.name.strip())
    if person.user_id is not None:
        about |= Q(actor_id=person.user_id)
    return AuditEntry.objects.filter(about, journey_id=person.journey_id)


def held(person: Any) -> dict[str, Rows]:
    lines: Rows = [
        {
            "When": e.at,
            "What": e.summary,
            "Done by them": person.user_id is not None and e.actor_id == person.user_id,
            "Done on their behalf": e.on_behalf_of_id == person.pk,
            "Channel": e.channel,
        }
        for e in _lines(person).order_by("at", "id")
    ]
    return {"log lines": lines}


def erase(person: Any, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    lines = AuditEntry.objects.filter(journey_id=person.journey_id)
    return {"log lines naming them": scrub_rows(lines, ["summary"], person.name, label)}
