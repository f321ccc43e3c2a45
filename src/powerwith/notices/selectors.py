"""Reads for the notices pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from powerwith.journeys.models import Journey

from . import vocab
from .models import Notice


def outbox(journey: Journey, *, status: str = "") -> QuerySet[Notice]:
    rows = Notice.objects.filter(journey=journey).select_related(
        "person", "contribution", "fate_change"
    )
    if status in vocab.STATUSES:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-id")


def counts(journey: Journey) -> dict[str, int]:
    found = dict(
        Notice.objects.filter(journey=journey)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {code: found.get(code, 0) for code in vocab.STATUSES.codes}


def waiting_by_hand(journey: Journey, way: str) -> QuerySet[Notice]:
    """Letters to print, or news to pass on in person: queued and due, oldest first."""
    return (
        Notice.objects.filter(journey=journey, way=way, status=vocab.QUEUED)
        .select_related(
            "person",
            "person__hearing_back",
            "person__hearing_back__via",
            "contribution",
            "fate_change",
            "fate_change__merged_into",
            "journey",
        )
        .order_by("person__name", "person_id", "created_at", "id")
    )


def by_person(rows: Any) -> list[tuple[Any, list[Notice]]]:
    """Notices grouped by person, in the order given."""
    groups: dict[int, tuple[Any, list[Notice]]] = {}
    for n in rows:
        groups.setdefault(n.person_id, (n.person, []))[1].append(n)
    return list(groups.values())
