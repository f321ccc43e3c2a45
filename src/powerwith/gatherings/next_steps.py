"""The gatherings part of the journey's "What's next" panel: the next gathering, or an
invitation to plan one."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import Access
from powerwith.common.dates import day_date
from powerwith.journeys.next_steps import Link, NextStep

from .models import Gathering

ORDER = 10


def next_gathering(journey: Any) -> Gathering | None:
    """The first gathering from today on (today's counts until the day is over)."""
    return (
        Gathering.objects.filter(journey=journey, held_on__gte=timezone.localdate())
        .order_by("held_on", "starts_at", "id")
        .first()
    )


def where(g: Gathering) -> str:
    place = g.get_venue_kind_display()
    return f"{place}: {g.venue_name}" if g.venue_name else place


def provide(access: Access, user: Any) -> list[NextStep]:
    journey = access.journey
    g = next_gathering(journey)
    if g is None:
        links: tuple[Link, ...] = ()
        if access.can_record:
            links = (
                Link(_("Plan one"), reverse("gatherings:create", kwargs={"slug": journey.slug})),
            )
        return [NextStep("gathering", _("Next gathering"), _("No gathering planned."), links)]
    when = day_date(g.held_on)
    if g.starts_at:
        when += f", {g.starts_at:%H:%M}"
    calendar = reverse("gatherings:calendar", kwargs={"slug": journey.slug, "gathering_pk": g.pk})
    return [
        NextStep(
            "gathering",
            _("Next gathering"),
            f"{g.title}: {when}. {where(g)}.",
            (
                Link(_("See the gathering"), g.get_absolute_url()),
                Link(_("Add it to your calendar"), calendar, download=True),
            ),
        )
    ]
