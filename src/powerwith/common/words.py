"""Numbers in sentences built in Python: "1 contribution has", "3 contributions have". Templates
use Django's ``pluralize``; this is the same rule for text written by code (warning signs,
figures' sentences), ready to be replaced by ``ngettext`` if the product is translated."""

from __future__ import annotations


def count(n: int, singular: str, plural: str = "") -> str:
    """``count(1, "limit")`` is "1 limit"; ``count(2, "person", "people")`` is "2 people"."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def agree(n: int, singular: str, plural: str) -> str:
    """The verb that goes with ``n``: ``agree(n, "has", "have")``."""
    return singular if n == 1 else plural
