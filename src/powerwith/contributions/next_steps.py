"""The contributions part of the journey's "What's next" panel: how many things people raised
are still waiting for anyone to answer, and how long the oldest has waited."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from powerwith.common.access import Access
from powerwith.journeys.next_steps import Link, NextStep

from . import vocab
from .models import Contribution

ORDER = 20
# Waiting longer than this (in days) is drawn as a warning: a month without any answer.
TOO_LONG = 28


def provide(access: Access, user: Any) -> list[NextStep]:
    journey = access.journey
    waiting = Contribution.objects.filter(journey=journey, fate=vocab.NEW).aggregate(
        n=Count("id"), oldest=Min("raised_on")
    )
    n = waiting["n"]
    url = reverse("contributions:list", kwargs={"slug": journey.slug}) + f"?fate={vocab.NEW}"
    if not n:
        return [
            NextStep(
                "contributions",
                "Waiting for an answer",
                "Nothing: everything people raised has had a response.",
            )
        ]
    days = (timezone.localdate() - waiting["oldest"]).days
    things = "thing people raised is" if n == 1 else "things people raised are"
    waited = "since today" if days == 0 else f"for {days} day{'s' if days != 1 else ''}"
    oldest = "It has" if n == 1 else "The oldest has"
    return [
        NextStep(
            "contributions",
            "Waiting for an answer",
            f"{n} {things} waiting for a first response. {oldest} waited {waited}.",
            (Link("See what is waiting" if n > 1 else "See it", url),),
            attention=days > TOO_LONG,
        )
    ]
