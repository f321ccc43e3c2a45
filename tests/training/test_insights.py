"""The training section of the insights document: every key documented, its warning sign."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.training import insights, services
from tests.insights.doc_keys import documented, flatten

from .helpers import person, session, training_bank

pytestmark = pytest.mark.django_db


def _fired(journey: Any) -> dict[str, Any]:
    doc = insights_for(journey)
    (sign,) = [w for w in doc["warnings"] if w["code"] == "training_not_followed_up"]
    return sign


def test_every_key_is_documented_and_in_the_document(world: Any) -> None:
    s = session(world)
    ann = services.trainee_add(actor=world.facilitator, session=s, person=person(world, "Ann"))
    services.goal_add(actor=world.facilitator, trainee=ann, text="Speak up", set_on=s.held_on)
    services.questions_open(
        actor=world.facilitator, session=s, bank=training_bank(), anonymous=True, opens_on=s.held_on
    )
    doc = insights_for(world.journey)
    data = doc["sections"]["training"]
    assert data["sessions"] == 1 and data["by_session"][0]["questions"][0]["before"] == {
        "status": "waiting",
        "answers": None,
        "mean": None,
        "counts": None,
        "dont_know": None,
    }
    missing = sorted(flatten(data) - documented())
    assert not missing, f"training keys missing from docs/insights.md: {missing}"
    # Outside the period, nothing.
    later = insights_for(world.journey, Period(start=s.held_on + datetime.timedelta(days=1)))
    assert later["sections"]["training"]["sessions"] == 0


def test_training_not_followed_up(world: Any) -> None:
    today = timezone.localdate()
    recent = session(world, "Recent", held_on=today - datetime.timedelta(days=27))
    old = session(world, "Old", held_on=today - datetime.timedelta(days=28))
    for s in (recent, old):
        t = services.trainee_add(actor=world.facilitator, session=s, person=person(world, s.title))
        services.goal_add(actor=world.facilitator, trainee=t, text="Learn", set_on=s.held_on)
    sign = _fired(world.journey)
    # 28 days ago counts, 27 does not yet.
    assert sign["fired"] is True
    assert sign["evidence"] == {"sessions": 1, "goals_waiting": 1, "after_missing": 0}
    assert sign["thresholds"] == {"days": 28, "min_sessions": 1}
    (goal,) = [g for t in old.trainees.all() for g in t.goals.all()]
    services.goal_review(actor=world.facilitator, goal=goal, outcome="met", reviewed_on=today)
    assert _fired(world.journey)["fired"] is False
    services.questions_open(
        actor=world.facilitator, session=old, bank=training_bank(), anonymous=False
    )
    sign = _fired(world.journey)
    assert sign["fired"] is True
    assert sign["evidence"] == {"sessions": 1, "goals_waiting": 0, "after_missing": 1}
    assert insights.DEFAULT_THRESHOLDS["training_not_followed_up"]["days"] == 28
