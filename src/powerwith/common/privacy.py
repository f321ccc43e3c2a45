"""Small-group suppression, used everywhere a figure concerns personal characteristics or
anonymous answers: a group smaller than ``POWERWITH_MIN_GROUP`` (5) is never shown.

Every app imports these from here (``common`` knows no domain app), so there is one rule."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def min_group() -> int:
    return int(getattr(settings, "POWERWITH_MIN_GROUP", 5))


def is_small(n: int) -> bool:
    """True when a group of ``n`` records must be hidden (0 is not a group and is shown as 0)."""
    return 0 < n < min_group()


def suppress(value: Any, n: int) -> Any:
    """``value`` if its group is big enough to show, else None (shown as "fewer than 5")."""
    return None if is_small(n) else value


def suppress_cells(counts: list[int]) -> list[int | None]:
    """Hide every count of 1 to 4. If that hides exactly one cell, also hide the smallest other
    non-zero cell, so the hidden one cannot be worked out from the total ("secondary
    suppression")."""
    hidden = [is_small(c) for c in counts]
    if sum(hidden) == 1:
        others = [(c, i) for i, c in enumerate(counts) if not hidden[i] and c > 0]
        if others:
            hidden[min(others)[1]] = True
    return [None if h else c for c, h in zip(counts, hidden, strict=True)]
