"""The groundrules section's figures on the worked example (tests/groundrules/scene.py), its
warning signs, and every key documented in docs/insights.md."""

from __future__ import annotations

import datetime
import re

import pytest

from powerwith.groundrules import insights as section
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from tests.conftest import build_world
from tests.insights.doc_keys import DOC, flatten
from tests.people.builders import gathering

from .scene import Scene, build

D = datetime.date


@pytest.fixture
def scene(world) -> Scene:
    return build(world)


def data(scene: Scene, period: Period) -> dict:
    return insights_for(scene.w.journey, period)["sections"]["groundrules"]


def signs(doc: dict) -> dict:
    return {s["code"]: s for s in doc["warnings"] if s["section"] == "groundrules"}


def test_all_time(scene):
    d = data(scene, Period())
    assert d["gatherings_held"] == 2
    assert d["ground_rules"] == {
        "in_force": 2,  # r1 (Ann), r3 (the group)
        "waiting": 1,  # r4
        "no_longer_in_force": 2,  # r2 retired, r5 not taken up
        "agreed_in_period": 3,  # r1, r2, r3
        "in_force_by_proposer": {"lived": 1, "professional": 0, "group": 1},
        "in_force_lived_share": 1.0,
    }
    assert d["words"] == {
        "words": 3,
        "added_in_period": 3,
        # Ann; Cat asked on 5 March, after she became staff; PALS: nobody recorded
        "by_asker": {"lived": 1, "professional": 1, "group": 1},
    }
    assert d["framing"] == {
        "wordings": 5,  # the purpose from the settings, q1, q2, p1, q3
        "agreed_wordings": 4,
        "waiting": 1,
        "agreed_by_proposer": {"lived": 1, "professional": 2, "group": 1},
        "lived_share": 0.333,  # 1 of the 3 that name a person
        "current": {
            "purpose": {"agreed_on": "2025-03-11", "proposed_by": "professional"},
            "problem": {"agreed_on": "2025-03-11", "proposed_by": "lived"},
        },
        "current_from_lived": 1,
    }


def test_february(scene):
    d = data(scene, Period(D(2025, 2, 1), D(2025, 2, 28)))
    assert d["as_of"] == "2025-02-28" and d["gatherings_held"] == 1
    assert d["ground_rules"] == {
        "in_force": 2,  # r1, r2 (retired only on 10 March)
        "waiting": 2,  # r3 (agreed 4 March), r4
        "no_longer_in_force": 1,  # r5
        "agreed_in_period": 2,
        "in_force_by_proposer": {"lived": 1, "professional": 1, "group": 0},
        "in_force_lived_share": 0.5,
    }
    assert d["words"]["words"] == 2
    assert d["words"]["by_asker"] == {"lived": 1, "professional": 0, "group": 1}
    f = d["framing"]
    assert (f["wordings"], f["agreed_wordings"], f["waiting"]) == (2, 2, 0)
    assert f["agreed_by_proposer"] == {"lived": 0, "professional": 1, "group": 1}
    assert f["lived_share"] == 0.0
    assert f["current"]["purpose"] == {"agreed_on": "2025-01-06", "proposed_by": "group"}
    assert f["current"]["problem"] == {"agreed_on": "2025-02-11", "proposed_by": "professional"}
    s = signs(insights_for(scene.w.journey, Period(D(2025, 2, 1), D(2025, 2, 28))))
    assert s["framing_without_lived_experience"]["fired"]
    assert s["framing_without_lived_experience"]["evidence"] == {
        "agreed_wordings": 2,
        "by_named_person": 1,
        "by_lived": 0,
    }
    assert not s["no_ground_rules"]["fired"] and not s["no_words_list"]["fired"]


def test_all_time_signs_do_not_fire(scene):
    s = signs(insights_for(scene.w.journey, Period()))
    assert {code: x["fired"] for code, x in s.items()} == {
        "no_ground_rules": False,
        "no_words_list": False,
        "framing_without_lived_experience": False,
    }


def test_no_rules_or_words_once_the_group_has_met(db):
    w = build_world("2", "Another journey")
    s = signs(insights_for(w.journey, Period()))
    # Not met yet: nothing to warn about.
    assert not s["no_ground_rules"]["fired"] and not s["no_words_list"]["fired"]
    # Only the purpose typed at the start, by the group as a whole: cannot tell who framed it.
    assert not s["framing_without_lived_experience"]["fired"]
    assert s["framing_without_lived_experience"]["evidence"]["agreed_wordings"] == 1
    gathering(w, held_on=D(2025, 2, 4))
    s = signs(insights_for(w.journey, Period()))
    assert s["no_ground_rules"]["fired"] and s["no_words_list"]["fired"]
    assert s["no_ground_rules"]["evidence"] == {"gatherings_held": 1, "ground_rules": 0}
    assert "has met 1 time and has no agreed ground rules" in s["no_ground_rules"]["explanation"]


def test_every_key_and_threshold_is_documented(scene):
    text = DOC.read_text()
    known = set(re.findall(r"`([^`\s]+)`", text))
    missing = sorted(p for p in flatten(data(scene, Period())) if p not in known)
    assert not missing, f"groundrules keys missing from docs/insights.md: {missing}"
    assert "\n## groundrules\n" in text
    for code, values in section.DEFAULT_THRESHOLDS.items():
        assert f"`{code}`" in text
        for name in values:
            assert f"`{name}`" in text


def test_the_dashboard_shows_the_section(scene, client):
    client.force_login(scene.w.facilitator)
    r = client.get(f"/j/{scene.w.journey.slug}/dashboard/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "2 ground rules agreed by the group are in force." in html
    assert "People with lived experience proposed 1 of the 3 agreed wordings" in html
