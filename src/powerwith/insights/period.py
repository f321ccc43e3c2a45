"""A period for figures: all time, any date range, and the previous period of the same length."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q


@dataclass(frozen=True)
class Period:
    start: datetime.date | None = None  # inclusive; None = from the beginning
    end: datetime.date | None = None  # inclusive; None = up to now

    @property
    def is_all_time(self) -> bool:
        return self.start is None and self.end is None

    def contains(self, day: datetime.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def q(self, field: str) -> Q:
        """A filter keeping rows whose date ``field`` (a lookup path) falls in the period."""
        q = Q()
        if self.start is not None:
            q &= Q(**{f"{field}__gte": self.start})
        if self.end is not None:
            q &= Q(**{f"{field}__lte": self.end})
        return q

    def previous(self) -> Period | None:
        """The period of the same length just before this one (None for all time or open starts)."""
        if self.start is None:
            return None
        end = self.end or datetime.date.today()
        length = (end - self.start).days + 1
        prev_end = self.start - datetime.timedelta(days=1)
        return Period(start=prev_end - datetime.timedelta(days=length - 1), end=prev_end)

    @property
    def label(self) -> str:
        if self.is_all_time:
            return "all time"
        if self.start and self.end:
            return f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"
        if self.start:
            return f"from {self.start:%d %b %Y}"
        return f"up to {self.end:%d %b %Y}"

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }
