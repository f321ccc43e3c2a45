"""The one CSV writer: every CSV file the product writes goes through it, so that nothing anyone
typed can run as a formula when the file is opened in a spreadsheet.

A spreadsheet program treats a cell beginning with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=HYPERLINK(...)`` sends data elsewhere; ``+cmd|...`` could start a program), and some also
read on past a leading tab or carriage return (we treat a leading line feed the same way). OWASP's advice is to put a single quote in front
of such a cell, which spreadsheets show as text. The rule, exactly:

- A **number** (a Python ``int``, ``float`` or ``Decimal`` value, not ``True``/``False``) is
  written as it is, so ``-3`` stays a number the spreadsheet can add up. Numbers come from our
  own figures, never from typing.
- **Text** (everything else, once turned into a string) that begins with ``=``, ``+``, ``-``,
  ``@``, a tab, a carriage return, a line feed or a single quote ``'`` gets one ``'`` in front. Text that
  only looks like a negative number (``"-1"`` typed into a text box) is escaped too: it is text.
- The quote is also added in front of a leading ``'`` so that undoing it is never ambiguous: to
  recover the text, remove one leading ``'`` from a cell that has one (:func:`unescape`).

The JSON file of an export holds the true values: JSON is read by programs, not run by
spreadsheets.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

# What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection"), and the quote
# itself, so that escaping can always be undone.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTE = "'"


def escape(text: str) -> str:
    """``text`` as a safe text cell: a ``'`` in front when it begins with a formula character or
    with ``'`` (see the module's docstring)."""
    if text.startswith((*DANGEROUS, QUOTE)):
        return QUOTE + text
    return text


def unescape(cell: str) -> str:
    """The text that :func:`escape` turned into ``cell`` (for text cells, not numbers)."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def cell(value: object) -> str:
    """One value as a safe cell: numbers as they are, everything else as escaped text."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return escape(str(value))


def rows_to_csv(rows: Iterable[Iterable[object]]) -> str:
    """Rows of values as CSV text (RFC 4180 line endings), every cell through :func:`cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return out.getvalue()
