"""Reads about the register of people and organisations (a fixed number of queries each)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from powerwith.journeys.models import Journey

from . import vocab
from .models import Organisation, Person


def people_list(
    journey: Journey, *, status: str = "current", side: str = "", role: str = ""
) -> QuerySet[Person]:
    qs = Person.objects.filter(journey=journey).select_related("organisation")
    if status == "current":
        qs = qs.filter(left_on__isnull=True)
    elif status == "left":
        qs = qs.filter(left_on__isnull=False)
    if side:
        qs = qs.filter(side=side)
    if role:
        qs = qs.filter(role=role)
    return qs.order_by("name", "id")


def people_counts(journey: Journey) -> dict[str, int]:
    """Who is taking part now, by side and pay, and how many have left."""
    return Person.objects.filter(journey=journey).aggregate(
        current=Count("id", filter=Q(left_on__isnull=True)),
        lived=Count("id", filter=Q(left_on__isnull=True, side=vocab.LIVED)),
        professional=Count("id", filter=Q(left_on__isnull=True, side=vocab.PROFESSIONAL)),
        paid_lived=Count("id", filter=Q(left_on__isnull=True, side=vocab.LIVED, paid=True)),
        unpaid=Count("id", filter=Q(left_on__isnull=True, paid=False)),
        offline=Count("id", filter=Q(left_on__isnull=True, online=False)),
        left=Count("id", filter=Q(left_on__isnull=False)),
    )


def person_record(person: Person) -> dict[str, Any]:
    """What a person did in the journey: role history, attendance, turns, what they raised."""
    from powerwith.contributions import vocab as cvocab
    from powerwith.contributions.models import Contribution
    from powerwith.gatherings import vocab as gvocab
    from powerwith.gatherings.models import Attendance, SpeakingTurn

    spells = list(person.spells.select_related("recorded_by").order_by("started_on", "id"))
    attendance = Attendance.objects.filter(person=person).aggregate(
        present=Count("id", filter=Q(status=gvocab.PRESENT)),
        apologies=Count("id", filter=Q(status=gvocab.APOLOGIES)),
        absent=Count("id", filter=Q(status=gvocab.ABSENT)),
    )
    turns = SpeakingTurn.objects.filter(person=person).aggregate(
        n=Count("id"), seconds=Sum("seconds"), gatherings=Count("gathering", distinct=True)
    )
    recent = list(
        Attendance.objects.filter(person=person)
        .select_related("gathering")
        .order_by("-gathering__held_on", "-id")[:10]
    )
    raised = list(
        Contribution.objects.filter(raised_by=person)
        .select_related("gathering")
        .order_by("-raised_on", "-id")[:50]
    )
    raised_total = Contribution.objects.filter(raised_by=person).count()
    owned = Contribution.objects.filter(owner=person).exclude(fate__in=cvocab.CLOSED_FATES).count()
    agenda = person.agenda_items.count()
    return {
        "spells": spells,
        "attendance": attendance,
        "turns": turns,
        "recent_attendance": recent,
        "raised": raised,
        "raised_total": raised_total,
        "owned_open": owned,
        "agenda_items": agenda,
    }


def organisations_list(journey: Journey) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(journey=journey)
        .annotate(
            n_current=Count("people", filter=Q(people__left_on__isnull=True)),
            n_total=Count("people"),
        )
        .order_by("name")
    )
