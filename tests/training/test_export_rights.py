"""Training in the journey's export (people as codes, small groups empty) and in people's rights."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from powerwith.exports import all_tables, person_ids
from powerwith.rights import services as rights_services
from powerwith.training import rights, services
from powerwith.training.models import TrainingGoal

from .helpers import DAY, person, session, training_bank

pytestmark = pytest.mark.django_db


def _session_with_goal(world: Any) -> Any:
    s = session(world)
    ann = person(world, "Ann Jones")
    t = services.trainee_add(actor=world.facilitator, session=s, person=ann)
    goal = services.goal_add(
        actor=world.facilitator, trainee=t, text="Ann Jones wants to chair a meeting", set_on=DAY
    )
    services.goal_review(
        actor=world.facilitator, goal=goal, outcome="partly", note="Half of one", reviewed_on=DAY
    )
    s = services.questions_open(
        actor=world.facilitator, session=s, bank=training_bank(), anonymous=True, opens_on=DAY
    )
    return s, ann, goal


def test_export(world: Any) -> None:
    s, ann, _goal = _session_with_goal(world)
    tables, descriptions = all_tables(world.journey)
    code = person_ids(world.journey)[ann.pk]
    for name in ("training_sessions", "training_people", "training_goals", "training_before_after"):
        assert name in descriptions
    (row,) = tables["training_sessions"]
    assert row["title"] == "Chairing meetings" and row["trainer"] == "Carers Wales"
    assert row["anonymous"] is True and row["before_round_id"] == s.before_round_id
    assert tables["training_people"] == [{"session_id": s.pk, "person_id": code, "came": True}]
    (goal,) = tables["training_goals"]
    assert goal["person_id"] == code and goal["outcome"] == "partly" and goal["revisited_on"] == DAY
    first = tables["training_before_after"][0]
    assert first["question"] == "confident_speaking" and first["before_status"] == "waiting"
    assert first["before_mean"] is None and first["before_at_1"] is None and first["change"] is None
    assert "Ann" not in str(tables["training_people"]) + str(tables["training_before_after"])


def test_a_persons_copy_and_erasure(world: Any) -> None:
    _s, ann, goal = _session_with_goal(world)
    held = rights.held(ann)
    assert held["training sessions"] == [{"Session": "Chairing meetings", "Day": DAY, "Came": True}]
    assert held["training goals"][0]["Goal"] == "Ann Jones wants to chair a meeting"
    assert held["training goals"][0]["Met?"] == "Partly met"
    rights_services.person_erase(actor=world.facilitator, person=ann, remove_words=True)
    goal = TrainingGoal.objects.get(pk=goal.pk)
    # The outcome stays (the share of goals met still adds up); the words go.
    assert (goal.text, goal.outcome_note, goal.outcome) == ("", "", "partly")
    assert goal.reviewed_on == DAY and goal.set_on == DAY


def test_erasure_without_removing_words_takes_out_the_name(world: Any) -> None:
    _s, ann, goal = _session_with_goal(world)
    rights_services.person_erase(actor=world.facilitator, person=ann)
    goal = TrainingGoal.objects.get(pk=goal.pk)
    assert "Ann" not in goal.text and goal.text.endswith("wants to chair a meeting")
    assert goal.outcome_note == "Half of one"
    assert datetime.date(2025, 3, 3) == goal.set_on
