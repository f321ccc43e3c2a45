"""The contributions part of the journey's "What's next" panel: how many things people raised
are still waiting for anyone to answer, and how long the oldest has waited."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

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
                gettext("Waiting for an answer"),
                gettext("Nothing: everything people raised has had a response."),
            )
        ]
    days = (timezone.localdate() - waiting["oldest"]).days
    things = ngettext(
        "%(n)d thing people raised is waiting for a first response.",
        "%(n)d things people raised are waiting for a first response.",
        n,
    ) % {"n": n}
    if days == 0:
        waited = (
            gettext("It has waited since today.")
            if n == 1
            else gettext("The oldest has waited since today.")
        )
    elif n == 1:
        waited = ngettext(
            "It has waited for %(days)d day.", "It has waited for %(days)d days.", days
        ) % {"days": days}
    else:
        waited = ngettext(
            "The oldest has waited for %(days)d day.",
            "The oldest has waited for %(days)d days.",
            days,
        ) % {"days": days}
    return [
        NextStep(
            "contributions",
            gettext("Waiting for an answer"),
            f"{things} {waited}",
            (Link(gettext("See what is waiting") if n > 1 else gettext("See it"), url),),
            attention=days > TOO_LONG,
        )
    ]
