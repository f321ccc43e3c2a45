"""The organisation's page across its journeys: its query count does not grow with the number of
journeys, and the demo's organisation-wide viewer sees the journeys they may open and only
aggregates of the others (issue 18)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from powerwith.insights.organisation import organisation_figures
from powerwith.journeys import services as js
from powerwith.organisations.models import Organisation
from tests.conftest import client_for
from tests.demo_snapshot import load_demo
from tests.insights.test_organisation import fill, hosted
from tests.organisations.helpers import build_org_world

TRUST_VIEWER = "trust-viewer@demo.powerwith.invalid"


def _page_queries(n: int) -> tuple[int, int]:
    """Queries of the organisation's page with ``n`` journeys, each with gatherings, turns,
    contributions and decisions: for the admin (in every journey: n rows) and for a viewer in
    the first one only (one row, the others added up)."""
    o = build_org_world(tag=str(n))
    worlds = [hosted(o, f"Journey {i}") for i in range(n)]
    for w in worlds:
        fill(w)
    js.membership_add(actor=o.admin, journey=worlds[0].journey, user=o.viewer, role="observer")
    counts = []
    for user in (o.admin, o.viewer):
        c = client_for(user)
        c.get(o.organisation.get_absolute_url())  # sessions, caches: the second visit counts
        with CaptureQueriesContext(connection) as q:
            page = c.get(o.organisation.get_absolute_url())
        assert page.status_code == 200
        counts.append(len(q.captured_queries))
    return counts[0], counts[1]


def test_the_pages_query_count_does_not_grow_with_journeys(db: Any) -> None:
    two = _page_queries(2)
    five = _page_queries(5)
    assert two == five


def test_the_demo_trust_viewer_sees_its_journeys_side_by_side_and_opens_only_its_own(
    db: Any,
) -> None:
    load_demo()
    viewer = get_user_model().objects.get(email=TRUST_VIEWER)
    trust = Organisation.objects.get(name="Riverside Hospital NHS Trust")
    council = Organisation.objects.get(name="Northfield Borough Council")
    c = client_for(viewer)

    page = c.get(trust.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "Across its journeys" in html
    # Drill-down where the viewer may: the small journey they observe.
    assert "Clearer clinic letters" in html
    assert reverse("insights:dashboard", kwargs={"slug": "clearer-clinic-letters"}) in html
    # The trust's other journey only added up: never named, never linked.
    assert "1 other journey" in html
    assert "Better breast care" not in html
    assert "/j/better-breast-care/" not in html

    assert c.get("/j/clearer-clinic-letters/dashboard/").status_code == 200
    assert c.get("/j/better-breast-care/dashboard/").status_code == 404
    assert c.get("/j/better-breast-care/").status_code == 404
    # An organisation they have no role in: not found.
    assert c.get(council.get_absolute_url()).status_code == 404


def test_the_demo_trust_viewers_aggregates_hide_small_numbers(db: Any) -> None:
    load_demo()
    viewer = get_user_model().objects.get(email=TRUST_VIEWER)
    trust = Organisation.objects.get(name="Riverside Hospital NHS Trust")
    today = datetime.date.today()
    mine = organisation_figures(trust, viewer, today=today)
    full = organisation_figures(trust, every_journey=True, today=today)
    assert [r["slug"] for r in mine["journeys"]] == ["clearer-clinic-letters"]
    assert [r["slug"] for r in full["journeys"]] == ["better-breast-care", "clearer-clinic-letters"]
    assert mine["journeys"][0] == full["journeys"][1]
    breast = full["journeys"][0]
    others = mine["others"]
    assert others["journeys"] == 1
    # Counts of records are shown as they are; counts of people of 1 to 4 are hidden.
    assert others["turns"] == breast["turns"] and others["raised"] == breast["raised"]
    for side, n in breast["people_by_side"].items():
        assert others["people_by_side"][side] == (None if 0 < n < 5 else n)
    assert others["people"] == (None if 0 < breast["people"] < 5 else breast["people"])
    assert "slug" not in others and "title" not in others
