"""The demo journeys' ground rules, words and framing: realistic, dated on their gatherings,
the same when loaded twice, and the framing sign showing in the lab journey."""

from __future__ import annotations

import pytest

from powerwith.groundrules.models import Word
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from tests import demo_snapshot


@pytest.fixture
def demo(db):
    demo_snapshot.load_demo()
    return {j.slug: j for j in Journey.objects.all()}


def _fired(journey):
    doc = insights_for(journey, Period())
    signs = {w["code"]: w["fired"] for w in doc["warnings"] if w["section"] == "groundrules"}
    return doc["sections"]["groundrules"], signs


def test_demo_groundrules(demo):
    ebcd, lab = demo["better-breast-care"], demo["northfield-together"]
    data, signs = _fired(ebcd)
    assert data["ground_rules"]["in_force"] == 5
    assert data["ground_rules"]["waiting"] == 1 and data["ground_rules"]["no_longer_in_force"] == 1
    assert data["words"]["words"] == 7
    assert data["framing"]["agreed_by_proposer"] == {"lived": 1, "professional": 1, "group": 1}
    assert data["framing"]["lived_share"] == 0.5
    assert data["framing"]["current"]["problem"]["proposed_by"] == "lived"
    assert signs == {
        "no_ground_rules": False,
        "no_words_list": False,
        "framing_without_lived_experience": False,
    }
    assert Word.objects.filter(journey=ebcd, term="MDT").exists()
    assert Word.objects.filter(journey=ebcd, term="Discharge summary").exists()
    # The purpose pages show is still the story's (a resident's rewording is only proposed).
    assert ebcd.purpose.startswith("Patients, carers and staff of the breast unit improving")
    data, signs = _fired(lab)
    assert data["framing"]["waiting"] == 1
    assert signs["framing_without_lived_experience"] is True
    assert not signs["no_ground_rules"] and not signs["no_words_list"]
