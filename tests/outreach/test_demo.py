"""The demo journeys' stakeholder maps and linked groups: through the services, the same on a
second load, people who joined linked, and the warning signs have something to show."""

from __future__ import annotations

import pytest

from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.outreach.models import LinkedGroup, Stakeholder
from powerwith.outreach.network import network_figures
from tests import demo_snapshot


@pytest.mark.django_db
def test_demo_outreach():
    demo_snapshot.load_demo()
    ebcd = Journey.objects.get(slug="better-breast-care")
    lab = Journey.objects.get(slug="northfield-together")
    assert dict(
        Stakeholder.objects.filter(journey=ebcd, person__isnull=False).values_list(
            "name", "person__name"
        )
    ) == {"Yvonne": "Yvonne", "Carol": "Carol"}
    for journey in (ebcd, lab):
        doc = insights_for(journey, Period())
        m = doc["sections"]["outreach"]["map"]
        assert m["entries"] >= 6 and m["agreed"] >= 2 and m["declined"] == 1
        assert m["no_one_approaching"] == 1
        fired = {w["code"] for w in doc["warnings"] if w["fired"]}
        assert {"map_no_one_approaching", "map_waiting_long"} <= fired
        assert "map_empty" not in fired
        assert doc["sections"]["outreach"]["links"]["groups"] >= 3
        assert doc["sections"]["inclusion"]["stakeholder_map"]["entries"] == m["entries"]
    other = LinkedGroup.objects.get(journey=ebcd, name="Northfield Together")
    assert other.other_journey == lab
    fac = ebcd.created_by
    net = network_figures(ebcd.host, fac)
    # The trust hosts two of the demo's journeys, and Sam runs both.
    assert net["links"] == 4 and [j["title"] for j in net["yours"]] == [
        "Better breast care",
        "Clearer clinic letters",
    ]
