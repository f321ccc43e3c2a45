"""A period for figures: all time, any date range, and the previous period of the same length."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _


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
        """The period in words, in the reader's language ("01 Mar 2025 to 31 May 2025")."""
        if self.is_all_time:
            return _("all time")
        if self.start and self.end:
            return _("%(start)s to %(end)s") % {
                "start": date_format(self.start, "d M Y"),
                "end": date_format(self.end, "d M Y"),
            }
        if self.start:
            return _("from %(start)s") % {"start": date_format(self.start, "d M Y")}
        assert self.end is not None
        return _("up to %(end)s") % {"end": date_format(self.end, "d M Y")}

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }
