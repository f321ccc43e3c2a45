"""Template helpers for the power dashboard."""

from __future__ import annotations

from typing import Any

from django import template

from powerwith.insights import present

register = template.Library()


@register.simple_tag
def record_display(data: dict[str, Any], previous: dict[str, Any] | None = None) -> list[Any]:
    """The foundation section's indicators ready to show (see ``insights.present``)."""
    return present.record(data, previous)


@register.filter
def pct(value: float | None) -> str:
    return present.pct(value)


@register.filter
def get(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)


@register.filter
def pairs(mapping: dict[str, Any] | None) -> list[tuple[str, Any]]:
    """``mapping.items()`` that cannot be shadowed by a key called "items" (Django's template
    lookup tries ``mapping["items"]`` before the method)."""
    return list((mapping or {}).items())
