"""Dates of the plan's figures, which arrive as ISO text, written for people."""

from django import template

from powerwith.common.dates import from_iso

register = template.Library()


@register.filter
def iso_short_date(text: str | None) -> str:
    """ "6 Dec 2026" from "2026-12-06"; "–" when there is no date."""
    return from_iso(text, short=True) or "–"
