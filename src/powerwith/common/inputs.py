"""Reading whole numbers and ids from what a browser sends, in one place.

``str.isdigit()`` is true for ``"²"`` (which ``int()`` refuses) and for ``"١٢"`` (which
``int()`` reads as 12), and ``int()`` happily makes ``10**20``, which no database integer column
holds (SQLite raises OverflowError). So every id or whole number read from GET, POST or a URL
goes through :func:`parse_int` / :func:`parse_id`: ASCII digits only (and a leading ``-`` where
negatives are allowed), within the 64-bit signed range or the caller's narrower one; anything
else is "not a number" (``None``), which the caller turns into "not chosen", a form error or a
404, never a server error.
"""

from __future__ import annotations

import re

# The range of a 64-bit signed integer column (BigAutoField ids, BigIntegerField).
MIN_INT = -(2**63)
MAX_INT = 2**63 - 1

_DIGITS = re.compile(r"-?[0-9]+")


def parse_int(raw: object, *, low: int = MIN_INT, high: int = MAX_INT) -> int | None:
    """``raw`` as a whole number in ``[low, high]``, or None when it is not one (only ASCII
    digits with an optional leading minus count; no spaces, signs or other scripts' digits)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and len(raw) <= 20 and _DIGITS.fullmatch(raw):
        value = int(raw)
    else:
        return None
    return value if low <= value <= high else None


def parse_id(raw: object) -> int | None:
    """``raw`` as a database id (1 to the 64-bit maximum), or None when it cannot be one."""
    return parse_int(raw, low=1, high=MAX_INT)


def is_id(raw: object) -> bool:
    return parse_id(raw) is not None
