"""Labels for leaving's codes on the dashboard (which receives only the JSON document)."""

from __future__ import annotations

import datetime

from django import template

from powerwith.common.dates import long_date
from powerwith.inclusion import vocab as inclusion_vocab
from powerwith.people import vocab as people_vocab

from .. import vocab

register = template.Library()


@register.filter
def reason_label(code: str) -> str:
    return vocab.REASONS.label(code)


@register.filter
def side_label(code: str) -> str:
    return people_vocab.SIDES.label(code)


@register.filter
def asset_kind_label(code: str) -> str:
    return inclusion_vocab.ASSET_KINDS.label(code)


@register.filter
def iso_long_date(value: str | None) -> str:
    """A date the JSON document holds as ISO text, written the way people read dates."""
    if not value:
        return ""
    return long_date(datetime.date.fromisoformat(value))
