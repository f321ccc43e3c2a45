"""The board report as an A4 PDF (WeasyPrint), from ``reports/pdf.html``.

Large clear type (13 pt), the journey's title and the period at the top of every page and
"Page N of M" at the foot. The charts are the dashboard's own SVG, which WeasyPrint draws.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import translation

from powerwith.common.pdf import html_pdf
from powerwith.journeys.models import Journey

from . import content


def render_pdf(
    journey: Journey,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    language: str = "",
) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages, in ``language`` (default: the active one)."""
    with translation.override(language or translation.get_language()):
        html = render_to_string(
            "reports/pdf.html", content.report(journey, content.period_of(start, end))
        )
        return html_pdf(html)
