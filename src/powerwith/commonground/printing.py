"""The paper statement sheet as a PDF made on the server (WeasyPrint, as ``notices/letters.py``
does): A4, large clear type, a tick box for each answer, and the round's QR code, so a
facilitator can print it well from any device.

Each copy in the PDF starts on a new page with a code of its own (random, made the way
receipt codes are: ``contributions.receipts``), which the facilitator types in with the
answers so that one sheet cannot be counted twice. The codes are not stored when the PDF is
made: nothing records which copy went to whom."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from powerwith.common.pdf import html_pdf
from powerwith.contributions import receipts

from .models import Statement, StatementRound

# How many numbered copies one download may hold (a large event's worth, still a quick PDF).
MOST_COPIES = 200


def sheet_codes(copies: int) -> list[str]:
    """``copies`` fresh codes, as printed (``K7P4-3QX9``), none the same."""
    codes: list[str] = []
    while len(codes) < copies:
        code = receipts.shown(receipts.new_code())
        if code not in codes:
            codes.append(code)
    return codes


def sheet_pdf(
    rnd: StatementRound,
    statements: list[Statement],
    *,
    link: str,
    qr: SafeString | str,
    copies: int = 1,
) -> bytes:
    html = render_to_string(
        "commonground/sheet_pdf.html",
        {
            "round": rnd,
            "statements": statements,
            "link": link,
            "qr": qr,
            "codes": sheet_codes(max(1, min(copies, MOST_COPIES))),
        },
    )
    return html_pdf(html)[0]
