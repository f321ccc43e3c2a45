"""The ground rules and words for the wall as an A4 PDF made on the server (WeasyPrint, as
``plans/printing.py`` and ``commonground/printing.py`` do): large type that reads from across
a room, whatever device or browser the facilitator prints from. In the language of the page."""

from __future__ import annotations

from django.template.loader import render_to_string

from powerwith.journeys.models import Journey

from .models import GroundRule, Word


def wall_pdf(journey: Journey, agreed: list[GroundRule], words: list[Word]) -> bytes:
    from weasyprint import HTML  # imported here: Pango is loaded only when a PDF is made

    html = render_to_string(
        "groundrules/wall_pdf.html", {"journey": journey, "agreed": agreed, "words": words}
    )
    return bytes(HTML(string=html).write_pdf())
