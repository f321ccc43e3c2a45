"""Small-group suppression, used everywhere a figure concerns personal characteristics or
anonymous answers: a group smaller than ``POWERWITH_MIN_GROUP`` (5) is never shown."""

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
