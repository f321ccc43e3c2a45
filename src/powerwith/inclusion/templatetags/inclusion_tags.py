"""Template filters for inclusion pages: money from pence, shares as percentages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy

register = template.Library()

HIDDEN = gettext_lazy("fewer than 5")


@register.filter
def pounds(pence: int | None) -> str:
    """Whole pence as pounds: 1250 -> "£12.50". Integer arithmetic only."""
    if pence is None:
        return "–"
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(int(pence)), 100)
    return f"{sign}£{whole:,}.{part:02d}"


@register.filter
def percent(share: float | None, places: int = 0) -> str:
    """A proportion (0..1) as a percentage: 0.2366 -> "24%" (or "23.7%" with places=1)."""
    if share is None:
        return "–"
    value = round(share * 100, int(places))
    if not places or float(value).is_integer():
        return f"{round(value):d}%"
    return f"{value:.{int(places)}f}%"


@register.filter
def count_or_hidden(value: int | None) -> str:
    return str(HIDDEN) if value is None else str(value)


@register.filter
def lookup(mapping: dict[str, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)


@register.filter
def hours(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"
