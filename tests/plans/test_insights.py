"""The plan section of the insights document, on the worked example of docs/insights.md
("## plan"): every figure worked out by hand."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from powerwith.cli import main
from powerwith.gatherings import services as gathering_services
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.plans import insights, services
from powerwith.plans.models import Stage
from tests.insights.doc_keys import DOC, flatten

D = datetime.date


def _worked_example(world: Any) -> None:
    """The co-production cycle from 6 January 2025: co-commissioning done (6 January to
    10 April, planned to end 30 March), co-design started 11 April (planned 31 March to
    22 June); four gatherings: two in co-commissioning, one in co-design, one in no stage."""
    f, j = world.facilitator, world.journey
    services.plan_choose(actor=f, journey=j, method="cycle", starts_on=D(2025, 1, 6))
    first, second, *_ = Stage.objects.filter(journey=j)

    def dates(stage: Stage, **kw: Any) -> None:
        services.stage_update(
            actor=f,
            stage=stage,
            name=stage.name,
            planned_start=stage.planned_start,
            planned_end=stage.planned_end,
            **kw,
        )

    dates(first, started_on=D(2025, 1, 6), ended_on=D(2025, 4, 10))
    dates(second, started_on=D(2025, 4, 11))

    def gathering(title: str, day: datetime.date) -> Any:
        return gathering_services.gathering_create(
            actor=f, journey=j, title=title, kind="workshop", held_on=day, venue_kind="community"
        )

    g1, g2 = gathering("Kick-off", D(2025, 1, 10)), gathering("What is needed", D(2025, 2, 10))
    g3 = gathering("Designing", D(2025, 5, 1))
    gathering("Coffee morning", D(2025, 5, 20))
    services.stage_set_gatherings(actor=f, stage=first, gatherings=[g1, g2])
    services.gathering_set_stage(actor=f, gathering=g3, stage=second)


def test_worked_example(world: Any) -> None:
    _worked_example(world)
    doc = insights_for(world.journey, Period(end=D(2025, 7, 10)))
    data = doc["sections"]["plan"]
    assert {k: v for k, v in data.items() if k != "stages"} == {
        "method": "cycle",
        "as_of": "2025-07-10",
        "total": 4,
        "done": 1,
        "late": 1,
        "current": {
            "position": 2,
            "name": "Co-design",
            "planned_start": "2025-03-31",
            "planned_end": "2025-06-22",
            "late": True,
            "days_late": 18,
        },
        "next": {
            "position": 3,
            "name": "Co-delivery",
            "planned_start": "2025-06-23",
            "planned_end": "2025-12-07",
        },
        "gatherings_in_stages": 3,
        "gatherings_in_no_stage": 1,
    }
    assert data["stages"][0] == {
        "position": 1,
        "name": "Co-commissioning",
        "planned_start": "2025-01-06",
        "planned_end": "2025-03-30",
        "started_on": "2025-01-06",
        "ended_on": "2025-04-10",
        "done": True,
        "current": False,
        "late": False,
        "days_late": 0,
        "gatherings": 2,
    }
    assert [
        (s["name"], s["done"], s["current"], s["days_late"], s["gatherings"])
        for s in data["stages"]
    ] == [
        ("Co-commissioning", True, False, 0, 2),
        ("Co-design", False, True, 18, 1),
        ("Co-delivery", False, False, 0, 0),
        ("Co-evaluation", False, False, 0, 0),
    ]
    (sign,) = [w for w in doc["warnings"] if w["code"] == "stage_late"]
    assert sign["fired"] is True
    assert sign["evidence"] == {"stages": ["Co-design"], "count": 1, "most_days": 18}
    assert sign["thresholds"] == {"days": 14}
    assert sign["explanation"] == (
        "1 stage is not done more than 14 days after its planned end: Co-design."
    )
    json.dumps(doc)


def test_the_plan_as_it_stood_in_february(world: Any) -> None:
    """Read on 28 February 2025, co-commissioning had not ended yet: it is the current stage,
    not late (planned to end 30 March), and only February's gathering counts."""
    _worked_example(world)
    data = insights_for(world.journey, Period(D(2025, 2, 1), D(2025, 2, 28)))["sections"]["plan"]
    assert (data["done"], data["late"], data["as_of"]) == (0, 0, "2025-02-28")
    assert data["current"]["name"] == "Co-commissioning" and data["current"]["late"] is False
    assert data["stages"][0]["started_on"] == "2025-01-06"
    assert data["stages"][0]["ended_on"] is None
    assert data["stages"][1]["started_on"] is None
    assert [s["gatherings"] for s in data["stages"]] == [1, 0, 0, 0]
    assert (data["gatherings_in_stages"], data["gatherings_in_no_stage"]) == (1, 0)


def test_warning_threshold(world: Any) -> None:
    _worked_example(world)
    period = Period(end=D(2025, 7, 10))
    data = insights.compute(world.journey, period)
    (sign,) = insights.warnings(world.journey, period, data, {"stage_late": {"days": 18}})
    assert sign.fired is False
    assert sign.explanation == "No stage is more than 18 days past its planned end."
    (sign,) = insights.warnings(world.journey, period, data, {"stage_late": {"days": 17}})
    assert sign.fired is True


def test_no_plan(world: Any) -> None:
    data = insights.compute(world.journey, Period())
    assert data["method"] is None and data["stages"] == [] and data["current"] is None
    assert data["next"] is None and data["total"] == 0


def test_every_key_is_documented_and_the_command_prints_it(world: Any, capsys: Any) -> None:
    _worked_example(world)
    data = insights.compute(world.journey, Period(end=D(2025, 7, 10)))
    known = set(re.findall(r"`([^`\s]+)`", DOC.read_text()))
    missing = sorted(p for p in flatten(data) if p not in known)
    assert not missing, f"plan keys missing from docs/insights.md: {missing}"
    assert "\n## plan\n" in DOC.read_text()
    assert main(["insights", world.journey.slug, "--json", "--to", "2025-07-10"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["sections"]["plan"]["current"]["days_late"] == 18
