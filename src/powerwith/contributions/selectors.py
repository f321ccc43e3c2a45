"""Reads about contributions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from powerwith.journeys.models import Journey

from . import vocab
from .models import Contribution


def you_said_counts(journey: Journey) -> dict[str, int]:
    """Counts for the top of "you said, we did". Merged contributions count once (as the one
    they were merged into)."""
    agg = (
        Contribution.objects.filter(journey=journey)
        .exclude(fate=vocab.MERGED)
        .aggregate(
            raised=Count("id"),
            done=Count("id", filter=Q(fate=vocab.DONE)),
            not_possible=Count("id", filter=Q(fate=vocab.NOT_POSSIBLE)),
            open=Count("id", filter=Q(fate__in=vocab.OPEN_FATES)),
        )
    )
    agg["merged"] = Contribution.objects.filter(journey=journey, fate=vocab.MERGED).count()
    return agg


def you_said(journey: Journey) -> dict[str, Any]:
    items = list(
        Contribution.objects.filter(journey=journey)
        .exclude(fate=vocab.MERGED)
        .select_related("raised_by", "gathering")
        .prefetch_related("tags", "merged_from")
        .order_by("fate", "-raised_on", "-id")
    )
    groups = [
        {"fate": vocab.FATES[f], "items": [c for c in items if c.fate == f]}
        for f in (
            vocab.DONE,
            vocab.IN_PROGRESS,
            vocab.PRIORITISED,
            vocab.CONSIDERING,
            vocab.NEW,
            vocab.NOT_POSSIBLE,
        )
    ]
    return {"counts": you_said_counts(journey), "groups": [g for g in groups if g["items"]]}
