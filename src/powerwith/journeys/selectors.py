"""Reads about journeys that are more than a get."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from powerwith.contributions import vocab as cvocab
from powerwith.people import vocab as pvocab

from .models import Journey, Limit


def active_limits(journey: Journey) -> list[Limit]:
    """Limits in force, off-the-table ones first: shown wherever the group decides things."""
    return list(journey.limits.filter(withdrawn_on__isnull=True).order_by("table", "id"))


def journey_overview(journey: Journey) -> dict[str, Any]:
    people = journey.people.filter(left_on__isnull=True).aggregate(
        total=Count("id"),
        lived=Count("id", filter=Q(side=pvocab.LIVED)),
        professional=Count("id", filter=Q(side=pvocab.PROFESSIONAL)),
    )
    contributions = journey.contributions.exclude(fate=cvocab.MERGED).aggregate(
        raised=Count("id"),
        done=Count("id", filter=Q(fate=cvocab.DONE)),
        not_possible=Count("id", filter=Q(fate=cvocab.NOT_POSSIBLE)),
        open=Count("id", filter=Q(fate__in=cvocab.OPEN_FATES)),
    )
    return {
        "people": people,
        "contributions": contributions,
        "gatherings": journey.gatherings.count(),
        "definition": journey.definitions.first(),
        "limits": active_limits(journey),
        "recent_gatherings": list(journey.gatherings.all()[:3]),
    }


def journeys_with_counts(qs: Any) -> Any:
    return (
        qs.select_related("host")
        .annotate(
            n_people=Count("people", filter=Q(people__left_on__isnull=True), distinct=True),
            n_gatherings=Count("gatherings", distinct=True),
        )
        .order_by("title")
    )
