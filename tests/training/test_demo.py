"""Training in the demo: a session with goals and before and after answers, the same each load."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.insights.period import Period
from powerwith.journeys.models import Journey
from powerwith.training import selectors
from powerwith.training.models import TrainingSession
from tests import demo_snapshot

pytestmark = pytest.mark.django_db


def _figures() -> dict[str, Any]:
    return {
        j.slug: selectors.journey_figures(j, Period()) for j in Journey.objects.order_by("slug")
    }


def test_demo_training() -> None:
    demo_snapshot.load_demo()
    first = _figures()
    ebcd = first["better-breast-care"]
    assert ebcd["sessions"] == 1 and ebcd["came"] == 10 and ebcd["with_after"] == 1
    assert ebcd["goals"] == {
        "set": 9,
        "reviewed": 8,
        "met": 4,
        "partly": 3,
        "not_met": 1,
        "met_share": 0.5,
        "met_or_partly_share": 0.875,
    }
    (session,) = ebcd["by_session"]
    chairing = next(q for q in session["questions"] if q["question"] == "confident_chairing")
    assert chairing["before"]["status"] == "shown" and chairing["after"]["status"] == "shown"
    assert chairing["change"] is not None and chairing["change"] > 0.5
    lab = first["northfield-together"]
    assert lab["sessions"] == 1 and lab["came"] == 0 and lab["booked"] == 5
    planned = TrainingSession.objects.get(journey__slug="northfield-together")
    assert planned.before_round is None
