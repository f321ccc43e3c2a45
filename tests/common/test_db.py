"""Database expressions of our own give the same answer on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

from powerwith.common.db import DaysBetween
from powerwith.contributions import services as cs
from powerwith.contributions.models import Contribution
from tests.people.builders import D


def test_days_between_counts_whole_days_across_months_and_leap_years(world):
    c = cs.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="More chairs in the waiting room",
        raised_on=D(2024, 2, 27),
        channel="paper",
        anonymous=True,
    )
    for day, expected in ((D(2024, 2, 27), 0), (D(2024, 3, 1), 3), (D(2025, 2, 27), 366)):
        Contribution.objects.filter(pk=c.pk).update(first_response_on=day)
        got = (
            Contribution.objects.filter(pk=c.pk)
            .annotate(d=DaysBetween("first_response_on", "raised_on"))
            .values_list("d", flat=True)
            .get()
        )
        assert got == expected == (day - datetime.date(2024, 2, 27)).days
