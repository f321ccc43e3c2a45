"""Every PDF made on the server goes through here: WeasyPrint (HTML and CSS to PDF), with
Debian's Pango (docs/architecture.md, "Parts chosen once").

The templates are only for WeasyPrint, never served to a browser, so their inline style is
outside the CSP. Paper forms share ``common/paper_base.html``: A4, large clear type, tick boxes.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string


def html_pdf(html: str) -> tuple[bytes, int]:
    """The PDF of an HTML page, and its number of pages."""
    from weasyprint import HTML  # imported here: Pango is loaded only when a PDF is made

    document = HTML(string=html).render()
    return bytes(document.write_pdf()), len(document.pages)


def template_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The PDF of a template drawn with ``context``, in the active language."""
    return html_pdf(render_to_string(template, context))[0]


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A PDF to download, named ``filename``."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
