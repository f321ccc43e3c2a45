"""Reads about journeys that are more than a get."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from powerwith.contributions import vocab as cvocab
from powerwith.people import vocab as pvocab

from .models import Journey, Limit


def shared_q() -> Q:
    """Limits the whole group has been told about (a sharing date that has come)."""
    return Q(disclosed_on__isnull=False, disclosed_on__lte=timezone.localdate())


def limits_for(journey: Journey, *, can_manage: bool) -> QuerySet[Limit]:
    """Every limit a person may see: facilitators see all (those not yet shared are marked),
    members and observers only those shared with the group."""
    qs = journey.limits.all()
    return qs if can_manage else qs.filter(shared_q())


def active_limits(journey: Journey, *, can_manage: bool = False) -> list[Limit]:
    """Limits in force, off-the-table ones first: shown wherever the group decides things.
    Only shared ones unless ``can_manage`` (a facilitator is looking)."""
    return list(
        limits_for(journey, can_manage=can_manage)
        .filter(withdrawn_on__isnull=True)
        .order_by("table", "id")
    )


def limits_line(journey: Journey, *, can_manage: bool) -> dict[str, Any]:
    """For the one line about limits on the pages where the group decides things (a ballot, a
    fate): how many apply, and (for facilitators) how many are not yet shared."""
    limits = active_limits(journey, can_manage=can_manage)
    return {
        "n": len(limits),
        "unshared": sum(1 for lim in limits if not lim.shared),
        "slug": journey.slug,
    }


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
