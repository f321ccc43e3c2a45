"""The paper statement sheet as a PDF made on the server (WeasyPrint, as ``notices/letters.py``
does): A4, large clear type, a tick box for each answer, and the round's QR code, so a
facilitator can print it well from any device."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from powerwith.common.pdf import html_pdf

from .models import Statement, StatementRound


def sheet_pdf(
    rnd: StatementRound, statements: list[Statement], *, link: str, qr: SafeString | str
) -> bytes:
    html = render_to_string(
        "commonground/sheet_pdf.html",
        {"round": rnd, "statements": statements, "link": link, "qr": qr},
    )
    return html_pdf(html)[0]
