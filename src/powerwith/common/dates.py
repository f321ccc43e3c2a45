"""One way of writing a date wherever a person reads one: "6 December 2026", or "6 Dec 2026"
in tables, with the weekday when it helps to plan ("Sunday 6 December 2026"). ISO dates
(2026-12-06) are only for machines: exports, JSON, CSV and ``<time datetime>``. The template
filters ``long_date``, ``short_date`` and ``day_date`` in ``common_tags`` call these."""

from __future__ import annotations

import datetime

from django.utils import dateformat

LONG = "j F Y"
SHORT = "j M Y"
WITH_DAY = "l j F Y"


def _fmt(value: datetime.date | datetime.datetime | None, fmt: str) -> str:
    if value is None or value == "":
        return ""
    return dateformat.format(value, fmt)


def long_date(value: datetime.date | datetime.datetime | None) -> str:
    return _fmt(value, LONG)


def short_date(value: datetime.date | datetime.datetime | None) -> str:
    return _fmt(value, SHORT)


def day_date(value: datetime.date | datetime.datetime | None) -> str:
    return _fmt(value, WITH_DAY)


def from_iso(text: str | None, *, short: bool = False) -> str:
    """A date that arrives as ISO text (from figures made ready for JSON), written for people."""
    if not text:
        return ""
    day = datetime.date.fromisoformat(str(text)[:10])
    return short_date(day) if short else long_date(day)
