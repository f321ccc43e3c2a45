"""The demo journeys' leaving records: people asked why they stopped (and one not yet),
handovers, an asset handed over, and the end of each journey's funding."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.leaving.models import StopAsk
from tests import demo_snapshot


@pytest.fixture
def demo(db: Any) -> dict[str, Journey]:
    demo_snapshot.load_demo()
    return {j.slug: j for j in Journey.objects.all()}


def section(journey: Journey) -> tuple[dict[str, Any], set[str]]:
    doc = insights_for(journey)
    fired = {w["code"] for w in doc["warnings"] if w["section"] == "leaving" and w["fired"]}
    return doc["sections"]["leaving"], fired


def test_demo_leaving(demo: dict[str, Journey]) -> None:
    ebcd, lab = demo["better-breast-care"], demo["northfield-together"]
    data, fired = section(ebcd)
    stopping = {j.slug: section(j)[0]["stopping"] for j in (ebcd, lab)}
    assert all(s["asked"] >= 1 for s in stopping.values()), stopping
    assert StopAsk.objects.filter(answer="answered").count() >= 2
    assert StopAsk.objects.filter(contribution__isnull=False).exists() or stopping
    assert data["handovers"]["with_handover"] >= 1
    assert data["legacy"]["days_to_funding_end"] == 60 and not data["legacy"]["has_plan"]
    assert "funding_ends_no_plan" in fired
    data, fired = section(lab)
    assert data["legacy"]["has_plan"] and data["legacy"]["parts"] == 2
    assert "review_overdue" in fired and "funding_ends_no_plan" not in fired
    assert data["stopping"]["asked"] >= 1
