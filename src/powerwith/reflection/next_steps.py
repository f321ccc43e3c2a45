"""The reflection part of the journey's "What's next" panel: rounds open now, with a link to
answer for the person looking when they have not answered yet."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, ngettext

from powerwith.common.access import Access
from powerwith.common.dates import long_date
from powerwith.journeys.next_steps import Link, NextStep

from . import selectors
from .models import Receipt, Round

ORDER = 40


def provide(access: Access, user: Any) -> list[NextStep]:
    journey = access.journey
    rounds = list(
        Round.objects.filter(journey=journey, closed_on__isnull=True)
        .select_related("journey")
        .order_by("opens_on", "id")
    )
    if not rounds:
        return []
    me = selectors.person_for_user(journey, user)
    answered = (
        set(Receipt.objects.filter(round__in=rounds, person=me).values_list("round_id", flat=True))
        if me is not None
        else set()
    )
    links = []
    for r in rounds:
        if me is not None and r.pk not in answered:
            links.append(
                Link(gettext("Answer “%(title)s”") % {"title": r.title}, r.get_absolute_url())
            )
        else:
            links.append(
                Link(gettext("See “%(title)s”") % {"title": r.title}, r.get_absolute_url())
            )
    n = len(rounds)
    text = ngettext("%(n)d reflection round open.", "%(n)d reflection rounds open.", n) % {"n": n}
    ends = [r.closes_on for r in rounds if r.closes_on]
    if ends:
        text += " " + gettext("The first ends on %(day)s.") % {"day": long_date(min(ends))}
    left = sum(1 for r in rounds if me is not None and r.pk not in answered)
    if left:
        if n == 1:
            text += " " + gettext("You have not answered it yet.")
        else:
            text += " " + ngettext(
                "You have %(n)d to answer.", "You have %(n)d to answer.", left
            ) % {"n": left}
    return [NextStep("reflection", gettext("Reflection rounds open"), text, tuple(links))]
