"""Feedback cards as a PDF: four A6 cards to an A4 page, with cut lines (WeasyPrint).

Each card has a part to write on and hand back, with the card's code for whoever types it in,
and a strip to tear off and keep, with the same code, a QR code and the short address of the
look-up page (``/receipt/``): the only way someone who gave no name can hear back.
"""

from __future__ import annotations

from typing import Any

import segno
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from powerwith.common.pdf import html_pdf

from . import receipts
from .models import CardBatch

PER_PAGE = 4


def qr_svg(url: str) -> str:
    """A QR code as inline SVG (segno); it holds the address only, nothing about anyone."""
    return str(segno.make(url, error="m").svg_inline(scale=3, dark="#000000", light="#ffffff"))


def cards_pdf(batch: CardBatch, request: Any = None) -> bytes:
    url = receipts.lookup_url(request)
    cards = [receipts.shown(c.code) for c in batch.cards.order_by("id")]
    pages = [cards[i : i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)]
    html = render_to_string(
        "contributions/cards.html",
        {
            "batch": batch,
            "journey": batch.journey,
            "gathering": batch.gathering,
            "pages": pages,
            "address": receipts.lookup_address(request),
            "qr": mark_safe(qr_svg(url)),  # segno writes the SVG from our own address
        },
    )
    return html_pdf(html)[0]
