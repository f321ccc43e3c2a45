"""Letters for everyone who hears by post: one A4 page each, addressed for a DL window envelope.

The address block sits 20 mm from the left edge and 55 mm from the top of the page, 85 mm wide
and at most 30 mm (6 lines) high: folded in three, the top third towards the front, it shows
through the window of a standard UK DL window envelope (220 x 110 mm, window 90 x 35 mm, 20 mm
from the left and 15 mm from the bottom). Drawn by WeasyPrint from ``notices/letters.html``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from powerwith.common.dates import long_date
from powerwith.common.pdf import html_pdf
from powerwith.contributions.cards import qr_svg
from powerwith.journeys.models import Journey

from . import compose
from .models import Notice
from .selectors import by_person


def letters(journey: Journey, notices: Sequence[Notice]) -> list[dict[str, Any]]:
    """One letter per person: their name, address lines and the news, and the letter's page
    drawn in their language (``compose.language_of``) and, when chosen, in easy read."""
    out = []
    link = compose.public_link(journey)
    # Next to the address, a QR code of the public "you said, we did" page, when there is one.
    qr = mark_safe(qr_svg(link)) if link else ""  # segno writes the SVG from our own address
    for person, rows in by_person(notices):
        hearing = getattr(person, "hearing_back", None)
        lines = hearing.address.splitlines() if hearing is not None else []
        language = compose.language_of(person)
        with translation.override(language):
            letter: dict[str, Any] = {
                "name": person.name,
                "address": lines,
                "items": compose.items(rows),
                "ids": [r.pk for r in rows],
                "language": language,
                "easy_read": compose.easy_read_of(person),
            }
            letter["page"] = mark_safe(
                render_to_string(
                    "notices/_letter.html",
                    {
                        "journey": journey,
                        "letter": letter,
                        "today": long_date(timezone.localdate()),
                        "link": link,
                        "qr": qr,
                    },
                )
            )
        out.append(letter)
    return out


def letters_pdf(journey: Journey, notices: Sequence[Notice]) -> bytes:
    html = render_to_string(
        "notices/letters.html",
        {
            "journey": journey,
            "letters": letters(journey, notices),
        },
    )
    return html_pdf(html)[0]
