"""The demo journeys' trials and expected outcomes: a realistic trial from plan to decision,
outcomes reviewed at the end of co-design, and loading twice gives the same demo."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.common.models import AuditEntry
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.trials.models import Trial
from tests import demo_snapshot


@pytest.fixture
def demo(db: Any) -> dict[str, Journey]:
    demo_snapshot.load_demo()
    return {j.slug: j for j in Journey.objects.all()}


def test_demo_trials(demo: dict[str, Journey]) -> None:
    ebcd, lab = demo["better-breast-care"], demo["northfield-together"]
    doc = insights_for(ebcd, Period())
    data = doc["sections"]["trials"]
    assert data["trials"]["by_status"] == {"planned": 0, "running": 0, "finished": 1, "stopped": 0}
    assert data["trials"]["measure_before_start_share"] == 1.0
    assert data["trials"]["ended_with_decision_share"] == 1.0
    assert data["trials"]["measure_changes_after_start"] == 1
    assert data["trials"]["feedback_contributions"] == 3
    assert data["outcomes"]["expected"] == 5
    assert data["outcomes"]["by_verdict"] == {
        "achieved": 2,
        "partly": 1,
        "not_achieved": 1,
        "too_early": 1,
    }
    assert data["outcomes"]["achieved_share"] == 0.5
    trial = Trial.objects.get(journey=ebcd)
    assert (trial.title, trial.where, (trial.ends_on - trial.starts_on).days) == (
        "A new discharge leaflet",
        "Ward 4 only",
        42,
    )
    # The log reads as a timeline: the start is dated on the day it started.
    start = AuditEntry.objects.get(journey=ebcd, action="trial_start")
    assert start.at.date() == trial.started_on
    lab_data = insights_for(lab, Period())["sections"]["trials"]
    assert lab_data["trials"]["by_status"]["running"] == 1
    assert lab_data["trials"]["by_status"]["planned"] == 1
    assert lab_data["outcomes"]["reviewed"] == 0
