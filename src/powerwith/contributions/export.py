"""The feedback cards' part of a journey's export (see ``powerwith.exports``).

A card row holds no personal data. Its receipt code is left out, as the contributions table
leaves out theirs: a code is a secret that lets whoever holds it read that contribution's fate,
and an export travels further than the database (docs/notices.md, "Export")."""

from __future__ import annotations

from django.utils import timezone

from powerwith.journeys.models import Journey

from .models import FeedbackCard

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "feedback_cards": "Every feedback card printed for people to write on without giving "
    "their name: the batch it was printed in, the gathering it was for, the day it was printed, "
    "and, once it came back and was typed in, the day and the contribution it became. Receipt "
    "codes are left out: each is a secret that lets whoever holds it look up that contribution.",
}


def _day(at: object) -> object:
    return timezone.localtime(at).date() if at is not None else None  # type: ignore[arg-type]


def tables(journey: Journey) -> dict[str, list[Row]]:
    cards = FeedbackCard.objects.filter(batch__journey=journey).select_related("batch")
    return {
        "feedback_cards": [
            {
                "card": n,
                "batch_id": card.batch_id,
                "gathering_id": card.batch.gathering_id,
                "printed_on": _day(card.batch.printed_at),
                "typed_in_on": _day(card.typed_in_at),
                "contribution_id": card.contribution_id,
            }
            for n, card in enumerate(cards.order_by("batch__printed_at", "batch_id", "id"), 1)
        ]
    }
