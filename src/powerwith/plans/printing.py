"""The plan as an A4 PDF made on the server (WeasyPrint, as ``commonground/printing.py`` and
``notices/letters.py`` do), to send to members and funders who do not sign in."""

from __future__ import annotations

from django.template.loader import render_to_string

from powerwith.common.pdf import html_pdf
from powerwith.journeys.models import Journey

from .selectors import PlanView


def plan_pdf(journey: Journey, view: PlanView) -> bytes:
    html = render_to_string("plans/plan_pdf.html", {"journey": journey, "view": view})
    return html_pdf(html)[0]
