"""Template helpers for the "who decides" part of the dashboard."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from powerwith.insights import charts

from .. import vocab

register = template.Library()


@register.simple_tag
def rung_chart(decisions: dict[str, Any]) -> SafeString:
    """Bars of decisions per rung, top rung first (the table beside it gives the same figures)."""
    rows = [
        charts.Bar(label=t.label, value=decisions["by_rung"].get(t.code, 0))
        for t in reversed(list(vocab.RUNGS))
    ]
    summary = (
        f"{decisions['power_sharing']} of {decisions['total']} decisions sat on the two steps "
        "that share power."
    )
    return charts.bars(rows, title=_("Decisions on each step of the ladder"), desc=summary)


@register.simple_tag
def rungs() -> list[Any]:
    return list(reversed(list(vocab.RUNGS)))


@register.simple_tag
def takers() -> list[Any]:
    return list(vocab.TAKERS)


@register.filter
def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.simple_tag(takes_context=True)
def vote_places(context: Any, contribution: Any) -> list[dict[str, Any]]:
    """The finished votes ``contribution`` was an item in, with its place in each.

    Each journey's finished votes are counted once per request however many items a page
    shows ("you said, we did" lists them all), so the cost does not grow with the list.
    """
    from ..selectors import vote_places_for_journey

    request = context.get("request")
    cache: dict[int, dict[int, list[dict[str, Any]]]] | None = (
        getattr(request, "_decisions_vote_places", None) if request is not None else None
    )
    if cache is None:
        cache = {}
        if request is not None:
            request._decisions_vote_places = cache
    journey_id = contribution.journey_id
    if journey_id not in cache:
        cache[journey_id] = vote_places_for_journey(journey_id)
    return cache[journey_id].get(contribution.pk, [])
