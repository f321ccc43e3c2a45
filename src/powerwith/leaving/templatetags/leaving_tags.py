"""Labels for leaving's codes on the dashboard (which receives only the JSON document)."""

from __future__ import annotations

from django import template

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
