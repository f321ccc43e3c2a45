"""Reads of care flags, and the suppressed figures over them."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from powerwith.common.privacy import is_small, suppress
from powerwith.journeys.models import Journey

from .models import CareFlag


def flags_for(journey: Journey) -> list[CareFlag]:
    """Every flag of the journey, current first (facilitators only: check before calling)."""
    return list(
        CareFlag.objects.filter(journey=journey)
        .select_related("person", "carer")
        .order_by("ended_on", "-flagged_on", "-id")
    )


def reference_day(end: datetime.date | None) -> datetime.date:
    """The day "currently" means: the period's last day, or today (never after today)."""
    today = timezone.localdate()
    return min(end, today) if end else today


def _current(
    journey: Journey, day: datetime.date, memo: dict[str, Any] | None = None
) -> dict[int, list[CareFlag]]:
    """The flags in force on ``day``, by the person in care. ``memo``: a dashboard call's
    ``Ctx.memo``, so that the figures and the warning sign read them once; callers only read
    what it returns."""
    key = f"care.current:{day.isoformat()}"
    if memo is not None and key in memo:
        kept: dict[int, list[CareFlag]] = memo[key]
        return kept
    current: dict[int, list[CareFlag]] = {}
    for flag in CareFlag.objects.filter(journey=journey, flagged_on__lte=day).order_by("id"):
        if flag.current_on(day):
            current.setdefault(flag.person_id, []).append(flag)
    if memo is not None:
        memo[key] = current
    return current


def _waiting(current: dict[int, list[CareFlag]], day: datetime.date, days: int) -> int:
    """People in care on ``day``, first flagged more than ``days`` days before it, with no
    independent support offered by then."""
    return sum(
        1
        for fs in current.values()
        if not any(f.support_offered_on and f.support_offered_on <= day for f in fs)
        and min(f.flagged_on for f in fs) + datetime.timedelta(days=days) < day
    )


def waiting_count(
    journey: Journey, day: datetime.date, days: int, *, memo: dict[str, Any] | None = None
) -> int:
    """The unsuppressed count behind the warning sign (never put in the document)."""
    return _waiting(_current(journey, day, memo), day, days)


def figures(
    journey: Journey, day: datetime.date, days: int, *, memo: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Suppressed counts about the people in the care of a member of the group on ``day``:
    every count of 1 to 4 people is None (``common/privacy.py``). ``memo``: see ``_current``."""
    current = _current(journey, day, memo)
    n = len(current)

    def any_by(people: list[list[CareFlag]], field: str) -> int:
        return sum(1 for fs in people if any((d := getattr(f, field)) and d <= day for f in fs))

    offered = any_by(list(current.values()), "support_offered_on")
    told = any_by(list(current.values()), "routes_told_on")
    waiting = _waiting(current, day, days)

    def share_of(k: int) -> float | None:
        if not n or is_small(n) or is_small(k):
            return None
        return round(k / n, 3)

    return {
        "on": day.isoformat(),
        "in_care": suppress(n, n),
        "offered_support": None if is_small(n) else suppress(offered, offered),
        "offered_support_share": share_of(offered),
        "told_anonymous_routes": None if is_small(n) else suppress(told, told),
        "told_anonymous_routes_share": share_of(told),
        "waiting": suppress(waiting, waiting),
        "waiting_days": days,
    }
