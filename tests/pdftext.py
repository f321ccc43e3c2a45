"""Reading a PDF made on the server back as text (pypdf), for the tests of paper forms."""

from __future__ import annotations

import io

import pypdf


def read(data: bytes) -> tuple[list[str], pypdf.PdfReader]:
    """Each page's text, and the reader (for sizes and the page count)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages], reader


def flat(text: str) -> str:
    """The text with every run of spaces and line breaks as one space (the PDF wraps lines)."""
    return " ".join(text.split())


def a4(reader: pypdf.PdfReader) -> set[tuple[int, int]]:
    """The page sizes in points, each as (short side, long side): A4 is (595, 842)."""
    return {
        tuple(sorted((round(float(p.mediabox.width)), round(float(p.mediabox.height)))))  # type: ignore[misc]
        for p in reader.pages
    }
