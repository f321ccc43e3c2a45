"""The one CSV writer (``common.csvsafe``): no text cell can start a formula, and escaping can
always be undone."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from powerwith.common import csvsafe

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@given(st.text())
def test_an_escaped_cell_never_starts_a_formula(text: str) -> None:
    assert not csvsafe.escape(text).startswith(FORMULA_START)
    assert not csvsafe.cell(text).startswith(FORMULA_START)


@given(st.text())
def test_unescaping_gives_back_the_text(text: str) -> None:
    assert csvsafe.unescape(csvsafe.escape(text)) == text


@given(st.text(), st.text())
def test_two_texts_never_escape_to_the_same_cell(a: str, b: str) -> None:
    if a != b:
        assert csvsafe.escape(a) != csvsafe.escape(b)


@given(st.lists(st.lists(st.text(), max_size=4), max_size=4))
def test_the_writer_round_trips_through_a_csv_reader(rows: list[list[str]]) -> None:
    rows = [r for r in rows if r]  # an empty row is not written as a row
    text = csvsafe.rows_to_csv(rows)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert [[csvsafe.unescape(c) for c in r] for r in back] == rows
    assert not any(c.startswith(FORMULA_START) for r in back for c in r)


def test_exact_cells() -> None:
    assert csvsafe.escape("=1+1") == "'=1+1"
    assert csvsafe.escape("'tis") == "''tis"
    assert csvsafe.escape("Shorter waits") == "Shorter waits"
    assert csvsafe.escape("") == ""
    # Real numbers are written as they are; text that looks like a number is still text.
    assert csvsafe.cell(-3) == "-3"
    assert csvsafe.cell(-2.5) == "-2.5"
    assert csvsafe.cell(Decimal("-1.20")) == "-1.20"
    assert csvsafe.cell("-3") == "'-3"
    assert csvsafe.cell(True) == "True"
