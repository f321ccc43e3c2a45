"""The before and after figures and the goals, on a small worked example (docs/insights.md,
"## training", worked example). Every expected value is worked out by hand."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from powerwith.insights.period import Period
from powerwith.reflection import services as reflection_services
from powerwith.reflection.selectors import bank_questions
from powerwith.training import selectors, services

from .helpers import DAY, person, rate, session, training_bank

pytestmark = pytest.mark.django_db


def test_worked_example(world: Any) -> None:
    bank = training_bank()
    chairing, speaking = (
        next(q for q in bank_questions(bank) if q.key == key)
        for key in ("confident_chairing", "confident_speaking")
    )
    s = session(world)
    s = services.questions_open(
        actor=world.facilitator,
        session=s,
        bank=bank,
        anonymous=True,
        opens_on=DAY - datetime.timedelta(days=7),
    )
    people = [person(world, name) for name in ("Ann", "Bo", "Cy", "Di", "Ed", "Flo")]
    # Before: chairing 1, 2, 2, 3, 2 and one "don't know"; speaking answered by only 4 people.
    before = [(1, 3), (2, 3), (2, 4), (3, None), (2, 2), (None, None)]
    for chair, speak in before:
        answers = {chairing.pk: chair, **({speaking.pk: speak} if speak else {})}
        rate(world, s.before_round, answers, given_on=DAY - datetime.timedelta(days=1))
    for p in people:
        services.trainee_add(actor=world.facilitator, session=s, person=p)
    s = services.after_open(actor=world.facilitator, session=s, opens_on=DAY)
    s.before_round.refresh_from_db()
    assert s.before_round.closed_on == DAY
    # After: chairing 3, 4, 4, 5, 3; speaking 4, 4, 5, 3, 4.
    for chair, speak in [(3, 4), (4, 4), (4, 5), (5, 3), (3, 4)]:
        rate(world, s.after_round, {chairing.pk: chair, speaking.pk: speak}, given_on=DAY)

    # Goals: Ann 2 (met, partly), Bo 1 (not met), Cy 1 (met), Di 1 (not revisited).
    goals = {
        "Ann": [("Chair our next meeting", "met"), ("Keep people to time", "partly")],
        "Bo": [("Stop people talking over each other", "not_met")],
        "Cy": [("Know what a chair does", "met")],
        "Di": [("Feel less nervous", "")],
    }
    trainees = {t.person.name: t for t in selectors.trainees_for(s)}
    for name, items in goals.items():
        for text, outcome in items:
            goal = services.goal_add(
                actor=world.facilitator, trainee=trainees[name], text=text, set_on=DAY
            )
            if outcome:
                services.goal_review(
                    actor=world.facilitator, goal=goal, outcome=outcome, reviewed_on=DAY
                )

    # While the anonymous after round is open, its figures wait.
    data = selectors.journey_figures(world.journey, Period())
    (row,) = [
        q for q in data["by_session"][0]["questions"] if q["question"] == "confident_chairing"
    ]
    assert row["after"]["status"] == "waiting" and row["change"] is None
    assert row["before"] == {
        "status": "shown",
        "answers": 5,
        "mean": 2.0,
        "counts": [1, 3, 1, 0, 0],
        "dont_know": 1,
    }

    reflection_services.round_close(actor=world.facilitator, round=s.after_round, closed_on=DAY)
    data = selectors.journey_figures(world.journey, Period())
    assert data["sessions"] == 1 and data["booked"] == 6 and data["came"] == 6
    assert data["people"] == 6 and data["with_questions"] == 1 and data["with_after"] == 1
    assert data["goals"] == {
        "set": 5,
        "reviewed": 4,
        "met": 2,
        "partly": 1,
        "not_met": 1,
        "met_share": 0.5,
        "met_or_partly_share": 0.75,
    }
    (one,) = data["by_session"]
    assert one["people_with_goals"] == 4 and one["anonymous"] is True
    rows = {q["question"]: q for q in one["questions"]}
    assert list(rows) == [
        "confident_speaking",
        "confident_chairing",
        "know_coproduction",
        "know_decisions",
        "know_support",
    ]
    # Chairing: before (1 + 2 + 2 + 3 + 2) / 5 = 2.0; after (3 + 4 + 4 + 5 + 3) / 5 = 3.8.
    assert rows["confident_chairing"]["after"] == {
        "status": "shown",
        "answers": 5,
        "mean": 3.8,
        "counts": [0, 0, 2, 2, 1],
        "dont_know": 0,
    }
    assert rows["confident_chairing"]["change"] == 1.8
    # Speaking: only 4 answers before (3, 3, 4, 2), so nothing is shown and there is no change.
    assert rows["confident_speaking"]["before"]["status"] == "too_few"
    assert rows["confident_speaking"]["before"]["mean"] is None
    assert rows["confident_speaking"]["after"]["mean"] == 4.0
    assert rows["confident_speaking"]["change"] is None
    assert rows["know_support"]["before"]["status"] == "too_few"

    # The ledger: everyone who came received the training.
    from powerwith.inclusion.models import Training

    assert Training.objects.filter(journey=world.journey, title="Chairing meetings").count() == 6


def test_mean_to_three_places(world: Any) -> None:
    figure = selectors.round_figure(None, [0, 0, 0, 0, 0], 0)
    assert figure["status"] == "not_asked"
    s = session(world)
    s = services.questions_open(
        actor=world.facilitator, session=s, bank=training_bank(), anonymous=False, opens_on=DAY
    )
    # A named round counts while open: 1, 1, 2, 2, 2, 5 -> 13 / 6 = 2.1666... -> 2.167.
    figure = selectors.round_figure(s.before_round, [2, 3, 0, 0, 1], 0)
    assert figure["mean"] == 2.167 and figure["answers"] == 6
