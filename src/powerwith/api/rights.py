"""What the API holds about a person, and erasing it (see ``powerwith.rights``).

The API keeps, for a day, the answers to changes sent with an ``Idempotency-Key``
(``api.idempotency``), so that a repeat gets the first answer. An answer may name someone (a
person added to the register, the words of a contribution). Nothing there is not already in
the record, so a person's copy lists nothing from here; erasing someone forgets the journey's
kept answers that mention their name (a repeat of one of those changes within the day is then
made again, which the erasure is worth). The daily run forgets every answer past its day
(``expire``), also for a token that never sends another change."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db.models import Q

from powerwith.common.redact import name_terms
from powerwith.people.models import Person

from .idempotency import KEEP
from .models import IdempotencyKey

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    return {}


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    mentions = Q()
    for term in name_terms(person.name):
        # The body is JSON as sent: a name outside ASCII is written there as \\u escapes.
        mentions |= Q(body__icontains=term) | Q(body__icontains=json.dumps(term)[1:-1])
    if not mentions:
        return {"API answers kept for a repeat": 0}
    forgotten, _ = IdempotencyKey.objects.filter(mentions, journey_id=person.journey_id).delete()
    return {"API answers kept for a repeat": forgotten}


def expire(now: datetime.datetime, *, dry_run: bool = False) -> dict[str, int]:
    """Forget the answers kept for a repeat that are past their day (``idempotency.KEEP``).
    A token's own next keyed change forgets its old ones too; this catches the rest."""
    old = IdempotencyKey.objects.filter(created_at__lt=now - KEEP)
    forgotten = old.count() if dry_run else old.delete()[0]
    return {"API answers kept for a repeat, past their 24 hours": forgotten}
