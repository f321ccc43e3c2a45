"""Template helpers for the power dashboard."""

from __future__ import annotations

from typing import Any

from django import template

from powerwith.insights import labels, present

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


@register.simple_tag
def summary(doc: dict[str, Any]) -> list[present.Headline]:
    """The dashboard's first screen: the few figures that matter, each a sentence."""
    return present.summary(doc)


@register.filter
def placed(warnings: list[dict[str, Any]] | None, where: str) -> list[dict[str, Any]]:
    """The warning signs that sit in indicator (or section) ``where`` (``present.place``)."""
    return [w for w in warnings or [] if present.place(w) == where]


@register.filter
def evidence_rows(w: dict[str, Any]) -> list[tuple[str, str]]:
    """A warning sign's figures as (label, formatted value) pairs."""
    return labels.evidence(w["code"], w.get("evidence") or {})


@register.filter
def threshold_rows(w: dict[str, Any]) -> list[tuple[str, str]]:
    """A warning sign's thresholds as (label, formatted value) pairs."""
    return labels.threshold_rows(w["code"], w.get("thresholds") or {})
