"""The dashboard's sections and their warning signs share what they read (``Ctx``): each of
these tables is read as often as written here for a whole document, however many sections and
warning signs use it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from tests.demo_snapshot import load_demo


@pytest.mark.django_db
def test_warning_signs_use_the_reads_their_sections_made() -> None:
    load_demo()
    journey = Journey.objects.get(slug="better-breast-care")
    with override_settings(FIGURES_CACHE=False), CaptureQueriesContext(connection) as q:
        doc = insights_for(journey, Period())

    def reads(table: str) -> int:
        return sum(f'FROM "{table}"' in x["sql"] for x in q.captured_queries)

    fired = {w["code"] for w in doc["warnings"] if w["fired"]}
    # The demo journey fires the three signs, so each is worked out from real rows.
    assert {"map_waiting_long", "care_support_not_offered", "unpaid_out_of_pocket"} <= fired
    # outreach, inclusion and the sign: the entries read once, with their steps (the map, and
    # the steps taken in the period)
    assert reads("outreach_stakeholder") == 1
    assert reads("outreach_stakeholderstep") == 0
    assert sum('JOIN "outreach_stakeholderstep"' in x["sql"] for x in q.captured_queries) == 1
    assert reads("care_careflag") == 1  # the care figures and the sign
    # Every claim read once: the period's (reciprocity) and those out of pocket now (figure and
    # sign).
    assert reads("inclusion_expenseclaim") == 1
    # The period's hours (reciprocity), and the unpaid staff time of the money section's figure
    # and its "growing" sign, each period taken from one read of the journey's unpaid lines.
    assert "staff_unpaid_time_growing" in {w["code"] for w in doc["warnings"]}
    assert doc["sections"]["budgets"]["staff_unpaid_time"]["entries"] > 0
    assert reads("inclusion_timegiven") == 2
    assert reads("people_rolespell") == 2  # the foundation's, and the sides of the money's


@pytest.mark.django_db
def test_a_feature_rich_journey_takes_few_statements() -> None:
    """Each section reads each of its tables once, and the whole document of the demo's
    journey that uses every part of PowerWith stays within a fixed number of statements (126
    before the sections' reads were merged: bench/README.md, "Fewer statements")."""
    load_demo()
    journey = Journey.objects.get(slug="better-breast-care")
    with override_settings(FIGURES_CACHE=False):
        insights_for(journey, Period())  # keeps the common ground analyses, as a server would
        with CaptureQueriesContext(connection) as q:
            doc = insights_for(journey, Period())

    def reads(table: str) -> int:
        return sum(f'FROM "{table}"' in x["sql"] for x in q.captured_queries)

    # The journey has rows in each of these, so each read is a real one.
    ebcd = doc["sections"]["ebcd"]
    assert ebcd["stories"]["told"] and ebcd["worst"] and ebcd["films"]["films"]
    once = [
        "stories_story",  # the period's stories and the all-time records
        "stories_feeling",  # the period's marks, the records and the moments that felt worst
        "stories_film",
        "trials_trial",  # the figures and the warning signs
        "trials_expectedoutcome",
        "leaving_stopask",  # who was asked, and their reasons
        "reflection_round",  # the period's rounds and the newest for the overdue sign
    ]
    assert {t: reads(t) for t in once} == dict.fromkeys(once, 1)
    assert len(q.captured_queries) <= 90
