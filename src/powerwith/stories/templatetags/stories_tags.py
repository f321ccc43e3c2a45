"""Template helpers for the stories section of the dashboard."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from powerwith.insights import charts

from .. import vocab

register = template.Library()


@register.simple_tag
def praise_chart(praise: dict[str, Any]) -> SafeString:
    """Praise (solid) and problems (striped) at each touchpoint; the table gives the same."""
    rows = [
        charts.PairBar(label=r["name"], first=r["praise"], second=r["problem"])
        for r in praise["by_touchpoint"]
    ]
    summary = _(
        "%(praise)s contributions praised something that works well and %(problem)s raised a "
        "problem, in this period."
    ) % {"praise": praise["praise"], "problem": praise["problem"]}
    return charts.pairs(
        rows,
        first_key=_("Works well (solid)"),
        second_key=_("A problem (striped)"),
        title=_("Praise and problems at each touchpoint"),
        desc=summary,
    )


@register.filter
def medium_label(code: str) -> str:
    return str(vocab.MEDIA.label(code)) if code in vocab.MEDIA else code
