"""The demo journeys' plans (the breast-care journey runs the whole EBCD plan with its
gatherings in their stages; the lab follows the co-production cycle), and the plan's stages in
the journey's export."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from typing import Any

import pytest

from powerwith import exports
from powerwith.gatherings.models import Gathering
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.plans import selectors, services
from powerwith.plans.models import Stage
from tests import demo_snapshot

D = datetime.date


@pytest.fixture
def demo(db: Any) -> dict[str, Journey]:
    demo_snapshot.load_demo()
    return {j.slug: j for j in Journey.objects.all()}


def test_the_breast_care_journey_runs_the_ebcd_plan(demo: dict[str, Journey]) -> None:
    ebcd = demo["better-breast-care"]
    view = selectors.plan_view(ebcd)
    assert view.plan is not None and view.plan.method == "ebcd"
    assert [r.stage.name for r in view.rows] == [
        "Setting up",
        "Gathering staff experience",
        "Gathering patient experience",
        "Staff event",
        "Patient event",
        "Joint event",
        "Co-design groups",
        "Celebration and review",
    ]
    assert [r.done for r in view.rows] == [True] * 7 + [False]
    assert view.current is not None and view.current.stage.name == "Celebration and review"
    assert view.late == []
    # Every gathering is in a stage: the events in their own, the groups' meetings together.
    assert view.unplaced == []
    by_stage = {r.stage.name: [g.title for g in r.gatherings] for r in view.rows}
    assert by_stage["Gathering staff experience"] == ["Staff interviews"]
    assert by_stage["Joint event"] == ["Joint event: the patient film and choosing priorities"]
    assert by_stage["Celebration and review"] == [
        "What we changed together: review and celebration"
    ]
    assert len(by_stage["Co-design groups"]) == 16
    assert sum(len(v) for v in by_stage.values()) == Gathering.objects.filter(journey=ebcd).count()
    # The joint event came a week or so after it was planned, on the day it was held.
    joint = view.rows[5].stage
    assert joint.planned_end is not None and joint.ended_on is not None
    assert 7 <= (joint.ended_on - joint.planned_end).days <= 13
    assert joint.started_on == joint.ended_on == view.rows[5].gatherings[0].held_on
    plan = insights_for(ebcd, Period())["sections"]["plan"]
    assert (plan["total"], plan["done"], plan["late"]) == (8, 7, 0)


def test_the_lab_follows_the_cycle_and_is_in_co_delivery(demo: dict[str, Journey]) -> None:
    view = selectors.plan_view(demo["northfield-together"])
    assert view.plan is not None and view.plan.method == "cycle"
    assert view.current is not None and view.current.stage.name == "Co-delivery"
    assert view.following is not None and view.following.stage.name == "Co-evaluation"
    assert view.unplaced == []


def test_the_export_has_the_plans_stages(world: Any) -> None:
    services.plan_choose(
        actor=world.facilitator, journey=world.journey, method="cycle", starts_on=D(2025, 1, 6)
    )
    first = Stage.objects.filter(journey=world.journey).first()
    assert first is not None
    services.stage_update(
        actor=world.facilitator,
        stage=first,
        name="Deciding what is needed",
        description="Who needs what, and what the money is for.",
        planned_start=first.planned_start,
        planned_end=first.planned_end,
        started_on=D(2025, 1, 6),
        ended_on=D(2025, 4, 10),
    )
    _tables, descriptions = exports.all_tables(world.journey)
    assert "plan_stages" in descriptions
    with zipfile.ZipFile(io.BytesIO(exports.build_zip(world.journey))) as z:
        names = {n.rsplit("/", 1)[-1]: n for n in z.namelist()}
        text = z.read(names["plan_stages.csv"]).decode().lstrip("\ufeff")
        assert "plan_stages.csv (4 rows)" in z.read(names["README.txt"]).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {
        "stage_id": str(first.pk),
        "position": "1",
        "method": "cycle",
        "name": "Deciding what is needed",
        "what_happens": "Who needs what, and what the money is for.",
        "planned_start": "2025-01-06",
        "planned_end": "2025-03-30",
        "started_on": "2025-01-06",
        "ended_on": "2025-04-10",
        "done": "yes",
        "gathering_ids": "",
    }
    assert [r["name"] for r in rows[1:]] == ["Co-design", "Co-delivery", "Co-evaluation"]
    assert rows[1]["done"] == "no" and rows[1]["started_on"] == ""
