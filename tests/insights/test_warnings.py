"""Each warning sign fires at its threshold and not just beyond it; journeys set their own."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from powerwith.decisions import services as ds
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.insights.thresholds import defaults, thresholds_for
from powerwith.journeys import services as js
from tests.conftest import World

from .builders import D, came, fate, gathering, item, person, raise_, set_thresholds
from .conftest import SceneA, SceneF


def sign(w: World, code: str, period: Period | None = None) -> dict[str, Any]:
    doc = insights_for(w.journey, period or Period())
    found = [s for s in doc["warnings"] if s["code"] == code]
    assert len(found) == 1
    return found[0]


def fires(w: World, code: str, **thresholds: Any) -> bool:
    set_thresholds(w, **{code: thresholds})
    return bool(sign(w, code)["fired"])


def test_every_sign_says_what_the_research_says_and_asks_a_question(scene: SceneA) -> None:
    doc = insights_for(scene.w.journey, Period())
    core_signs = [s for s in doc["warnings"] if s["section"] == "record"]
    assert {s["code"] for s in core_signs} == set(defaults()) & {s["code"] for s in core_signs}
    assert len(core_signs) == 9
    for s in core_signs:
        assert s["title"] and s["explanation"] and s["research"] and s["based_on"]
        assert s["question"].endswith("?")
        assert s["thresholds"] == thresholds_for(scene.w.journey)[s["code"]]


# Scene A: professionals took 8 of 14 turns (0.571); 5 people came; top three 0.929; Gini 0.371.


def test_professionals_hold_the_voice(scene: SceneA) -> None:
    w = scene.w
    assert fires(w, "professionals_hold_voice", share=0.571, min_turns=14)
    assert not fires(w, "professionals_hold_voice", share=0.572, min_turns=14)
    assert not fires(w, "professionals_hold_voice", share=0.571, min_turns=15)
    assert not fires(w, "professionals_hold_voice")  # default 60%
    s = sign(w, "professionals_hold_voice")
    assert s["evidence"] == {"professional_share": 0.571, "turns": 14}
    assert "57%" in s["explanation"]


def test_a_few_people_hold_the_voice(scene: SceneA) -> None:
    w = scene.w
    base = {"min_attendees": 5, "min_turns": 14}
    assert fires(w, "voice_concentrated", top3_share=0.929, gini=1.0, **base)
    assert not fires(w, "voice_concentrated", top3_share=0.93, gini=1.0, **base)
    assert fires(w, "voice_concentrated", top3_share=1.0, gini=0.371, **base)
    assert not fires(w, "voice_concentrated", top3_share=1.0, gini=0.372, **base)
    assert not fires(
        w, "voice_concentrated", top3_share=0.5, gini=0.5, min_attendees=6, min_turns=14
    )
    assert not fires(w, "voice_concentrated")  # default: needs 8 people in the room


def test_lived_experience_proposed_none_of_the_recent_agenda(scene: SceneA) -> None:
    w, p = scene.w, scene.people
    item(w, scene.g1, "Waiting times", by=p["ann"])
    for day in (D(2025, 4, 1), D(2025, 4, 8), D(2025, 4, 15)):
        item(w, gathering(w, day), "Budget", by=p["cat"])
    # The last 3 gatherings with an agenda: 3 items, all by Cat.
    assert fires(w, "lived_no_agenda", last_gatherings=3, min_items=3)
    assert not fires(w, "lived_no_agenda", last_gatherings=3, min_items=4)
    # Looking at the last 4 takes in Ann's item at G1.
    assert not fires(w, "lived_no_agenda", last_gatherings=4, min_items=3)
    assert sign(w, "lived_no_agenda")["evidence"]["from"] == "2025-02-03"


def test_many_contributions_unanswered_for_long(world: World) -> None:
    w = world
    ann = person(w, "Ann", "service_user")
    today = timezone.localdate()
    raise_(w, "Old one", "paper", today - datetime.timedelta(days=31), ann)
    raise_(w, "Exactly thirty days", "paper", today - datetime.timedelta(days=30), ann)
    answered = raise_(w, "Answered", "paper", today - datetime.timedelta(days=60), ann)
    fate(w, answered, "considering", today - datetime.timedelta(days=50))
    # Only "Old one" has waited more than 30 days.
    assert fires(w, "unanswered_long", days=30, count=1)
    assert not fires(w, "unanswered_long", days=30, count=2)
    assert fires(w, "unanswered_long", days=29, count=2)
    assert not fires(w, "unanswered_long", days=31, count=1)
    assert not fires(w, "unanswered_long")  # default: 5 or more
    assert sign(w, "unanswered_long")["evidence"]["oldest_unanswered"]["text"] == "Old one"


def test_low_acted_upon_rate(follow: SceneF) -> None:
    w = follow.w  # 2 of 5 done: 0.4
    assert not fires(w, "low_acted_upon", rate=0.4, min_raised=5)  # warns below, not at
    assert fires(w, "low_acted_upon", rate=0.41, min_raised=5)
    assert not fires(w, "low_acted_upon", rate=0.41, min_raised=6)
    assert not fires(w, "low_acted_upon")  # default: at least 10 raised


def test_everything_on_institutional_premises(scene: SceneA) -> None:
    w = scene.w  # 1 of 2 gatherings institutional
    assert fires(w, "institutional_premises", share=0.5, min_gatherings=2)
    assert not fires(w, "institutional_premises", share=0.51, min_gatherings=2)
    assert not fires(w, "institutional_premises", share=0.5, min_gatherings=3)
    assert not fires(w, "institutional_premises")


def test_no_senior_leader_where_changes_need_one(follow: SceneF, scene: SceneA) -> None:
    w = follow.w  # c6 done at organisational-culture level; no senior leader came
    assert fires(w, "no_senior_leader", min_high_level_done=1, min_open_in_hand=3)
    assert not fires(w, "no_senior_leader", min_high_level_done=2, min_open_in_hand=3)
    # Two items prioritised or in progress: c5 (considering -> prioritised) and c3.
    fate(w, follow.c[4], "prioritised", D(2025, 2, 20))
    fate(w, follow.c[2], "in_progress", D(2025, 2, 20))
    assert fires(w, "no_senior_leader", min_high_level_done=2, min_open_in_hand=2)
    assert not fires(w, "no_senior_leader", min_high_level_done=2, min_open_in_hand=3)
    # Once a senior leader comes to a gathering, it does not fire.
    boss = person(w, "Sam", "senior_leader")
    came(w, scene.g2, boss)
    assert not fires(w, "no_senior_leader", min_high_level_done=1, min_open_in_hand=1)


def test_staff_dropping_out(stays: dict[str, Any]) -> None:
    w = stays["w"]  # 2 of 3 staff dropped out (0.667)
    assert fires(w, "staff_dropping_out", min_people=2, share=0.667)
    assert not fires(w, "staff_dropping_out", min_people=2, share=0.668)
    assert not fires(w, "staff_dropping_out", min_people=3, share=0.2)
    assert fires(w, "staff_dropping_out")  # default: 1 person, 20%


def test_limits_undisclosed_while_decisions_are_made(world: World) -> None:
    w = world
    limit = js.limit_add(
        actor=w.facilitator,
        journey=w.journey,
        text="The budget is fixed",
        set_by="funder",
        why="Grant conditions",
    )
    assert not sign(w, "limits_undisclosed")["fired"]  # no decisions yet
    ds.decision_create(
        actor=w.facilitator,
        journey=w.journey,
        text="Open on Saturdays",
        taken_by="group_consensus",
        rung="co_producing",
        decided_on=D(2025, 3, 1),
        where_outside="The trust board",
    )
    s = sign(w, "limits_undisclosed")
    assert s["fired"] and s["evidence"] == {
        "decisions": 1,
        "undisclosed": 1,
        "disclosed_after_decisions": 0,
    }
    assert not fires(w, "limits_undisclosed", min_decisions=2)
    set_thresholds(w)

    def disclose(day: datetime.date) -> None:
        js.limit_update(
            actor=w.facilitator,
            limit=limit,
            text=limit.text,
            set_by=limit.set_by,
            why=limit.why,
            table=limit.table,
            disclosed_on=day,
            withdrawn_on=None,
        )

    disclose(D(2025, 3, 2))  # the day after the decision: too late
    s = sign(w, "limits_undisclosed")
    assert s["fired"] and s["evidence"]["disclosed_after_decisions"] == 1
    disclose(D(2025, 3, 1))  # the same day: shared in time
    assert not sign(w, "limits_undisclosed")["fired"]


def test_per_journey_thresholds_do_not_leak_to_other_journeys(scene: SceneA) -> None:
    from tests.conftest import build_world

    other = build_world("2", "Another journey")
    set_thresholds(scene.w, professionals_hold_voice={"share": 0.5})
    assert thresholds_for(scene.w.journey)["professionals_hold_voice"] == {
        "share": 0.5,
        "min_turns": 20,
    }
    assert thresholds_for(other.journey)["professionals_hold_voice"] == {
        "share": 0.6,
        "min_turns": 20,
    }


def test_unknown_threshold_names_are_ignored(world: World) -> None:
    set_thresholds(world, professionals_hold_voice={"colour": "red"}, no_such_sign={"x": 1})
    t = thresholds_for(world.journey)
    assert "no_such_sign" not in t and "colour" not in t["professionals_hold_voice"]


@pytest.mark.parametrize("code", sorted(defaults()))
def test_every_default_is_documented(code: str) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "insights.md").read_text()
    if code in {
        "professionals_hold_voice",
        "voice_concentrated",
        "lived_no_agenda",
        "unanswered_long",
        "low_acted_upon",
        "institutional_premises",
        "no_senior_leader",
        "staff_dropping_out",
        "limits_undisclosed",
    }:
        assert f"`{code}`" in doc
        for name, value in defaults()[code].items():
            assert f"`{name}`" in doc, (code, name, value)
