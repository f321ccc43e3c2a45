"""The leaving section on the worked example of docs/insights.md, with exact values."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from powerwith.insights import core
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.leaving import insights, services
from powerwith.leaving.selectors import add_months
from tests.insights.builders import D, set_thresholds

NOTHING = {"answers": 0, "by_side": {"lived": 0, "professional": 0}}


def signs(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {w["code"]: w for w in doc["warnings"] if w["section"] == "leaving"}


def test_stopping_uses_the_retention_figures_own_people(scene: dict[str, Any]) -> None:
    j = scene["w"].journey
    data = insights.compute(j, Period())
    retention = core.compute(j, Period())["retention"]
    assert data["stopping"]["stopped"] == retention["stopped_coming"]["total"] == 3
    assert data["stopping"] == {
        "missed_gatherings": 3,
        "stopped": 3,
        "asked": 3,
        "not_asked": 0,
        "asked_share": 1.0,
        "by_side": {
            "lived": {"stopped": 2, "asked": 2},
            "professional": {"stopped": 1, "asked": 1},
        },
    }


def test_reasons_are_hidden_under_5(scene: dict[str, Any]) -> None:
    r = insights.compute(scene["w"].journey, Period())["reasons"]
    hidden = {"answers": None, "by_side": {"lived": None, "professional": 0}}
    assert r == {
        "asked": 3,
        "answered": 2,
        "no_answer": 0,
        "declined": 1,
        "by_category": {
            "times_places": hidden,
            "health_caring": hidden,
            "not_heard": hidden,
            "nothing_changed": hidden,
            "costs": NOTHING,
            "moved_on": NOTHING,
            "conflict": NOTHING,
            "other": NOTHING,
        },
        "acted_on": 0,
        "acted_on_share": 0.0,
        "unheard": {"answers": 1, "acted_on": 0, "not_acted_on": 1},
    }


def test_reasons_counted_by_side_at_the_time(scene: dict[str, Any], settings: Any) -> None:
    settings.POWERWITH_MIN_GROUP = 1
    r = insights.compute(scene["w"].journey, Period())["reasons"]["by_category"]
    one_lived = {"answers": 1, "by_side": {"lived": 1, "professional": 0}}
    assert r["times_places"] == r["health_caring"] == r["not_heard"] == one_lived
    assert r["costs"] == NOTHING
    # P2's snapshot: the role and side of the last gathering they came to.
    assert (scene["asks"][2].role, scene["asks"][2].side) == ("service_user", "lived")
    assert scene["asks"][2].last_came == D(2025, 1, 20)
    assert (scene["asks"][7].role, scene["asks"][7].last_came) == ("volunteer", D(2025, 2, 10))


def test_acting_on_reasons(scene: dict[str, Any]) -> None:
    w, asks = scene["w"], scene["asks"]
    services.stop_ask_raise(actor=w.facilitator, ask=asks[7])
    r = insights.compute(w.journey, Period())["reasons"]
    assert (r["acted_on"], r["acted_on_share"]) == (1, 0.5)
    assert r["unheard"] == {"answers": 1, "acted_on": 1, "not_acted_on": 0}
    from powerwith.decisions import services as ds

    decision = ds.decision_create(
        actor=w.facilitator,
        journey=w.journey,
        text="Meet on Thursday evenings",
        decided_on=D(2025, 4, 1),
        taken_by="organisation",
        rung="informing",
        where_outside="The trust's board",
    )
    services.stop_ask_link_decision(actor=w.facilitator, ask=asks[2], decision=decision)
    r = insights.compute(w.journey, Period())["reasons"]
    assert (r["acted_on"], r["acted_on_share"]) == (2, 1.0)


def test_in_a_period(scene: dict[str, Any]) -> None:
    """Up to 15 March 2025: P7 has stopped (missed 17, 24 Feb, 3 Mar) but was asked on 20 March,
    after the period."""
    data = insights.compute(scene["w"].journey, Period(end=D(2025, 3, 15)))
    assert data["stopping"]["asked"] == 2
    assert data["stopping"]["not_asked"] == 1
    assert data["stopping"]["asked_share"] == 0.667
    assert data["stopping"]["by_side"]["lived"] == {"stopped": 2, "asked": 1}
    r = data["reasons"]
    assert (r["asked"], r["answered"], r["declined"]) == (2, 1, 1)
    assert r["unheard"]["answers"] == 0


def test_handovers_and_actions(scene: dict[str, Any]) -> None:
    data = insights.compute(scene["w"].journey, Period())
    assert data["handovers"] == {
        "left": 1,
        "role_changes": 1,
        "occasions": 2,
        "with_handover": 1,
        "handover_share": 0.5,
        "actions_reassigned": 2,
    }
    assert data["actions_left_behind"] == {"task": 0, "group_action": 0, "contribution": 1}
    # Only what happened in the period: from February, P3's change of role only.
    feb = insights.compute(scene["w"].journey, Period(start=D(2025, 2, 1)))["handovers"]
    assert (feb["occasions"], feb["left"], feb["with_handover"], feb["handover_share"]) == (
        1,
        0,
        0,
        0.0,
    )


def test_assets_kept_and_gone(scene: dict[str, Any]) -> None:
    a = insights.compute(scene["w"].journey, Period())["assets"]
    assert a == {
        "on": timezone.localdate().isoformat(),
        "assets": 4,
        "still_in_group": 3,
        "handed_over": 1,
        "left_with_people": 1,
        "left_share": 0.25,
        "by_kind": {
            "knowledge": {"still_in_group": 1, "left_with_people": 0},
            "skills": {"still_in_group": 1, "left_with_people": 0},
            "experience": {"still_in_group": 0, "left_with_people": 0},
            "resources": {"still_in_group": 1, "left_with_people": 1},
        },
    }
    # On 29 January P4 had left (28th) and the skills were handed over only on the 30th.
    before = insights.compute(scene["w"].journey, Period(end=D(2025, 1, 29)))["assets"]
    assert (before["left_with_people"], before["handed_over"]) == (2, 0)


def test_legacy_and_reviews(scene: dict[str, Any]) -> None:
    today = timezone.localdate()
    lg = insights.compute(scene["w"].journey, Period())["legacy"]
    six, twelve = D(2026, 2, 28), D(2026, 8, 31)  # 31 Aug + 6 months: February's last day
    assert lg == {
        "journey_ends_on": None,
        "funding_ends_on": "2025-08-31",
        "ends_on": "2025-08-31",
        "days_to_funding_end": (D(2025, 8, 31) - today).days,
        "has_plan": False,
        "plan_agreed_on": None,
        "parts": 0,
        "reviews": [
            {
                "months": 6,
                "due_on": "2026-02-28",
                "done_on": None,
                "days_late": max((today - six).days, 0),
            },
            {
                "months": 12,
                "due_on": "2026-08-31",
                "done_on": None,
                "days_late": max((today - twelve).days, 0),
            },
        ],
    }


def test_add_months() -> None:
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2027, 8, 31), 6) == D(2028, 2, 29)
    assert add_months(D(2025, 3, 15), 12) == D(2026, 3, 15)
    assert add_months(D(2025, 11, 30), 6) == D(2026, 5, 30)


def test_warning_signs(scene: dict[str, Any]) -> None:
    w = scene["w"]
    s = signs(insights_for(w.journey))
    assert not s["stopped_not_asked"]["fired"]
    assert s["unheard_not_acted"]["fired"]
    assert s["unheard_not_acted"]["evidence"] == {"answers": 1, "not_acted_on": 1}
    assert s["funding_ends_no_plan"]["fired"]  # ended, no plan
    assert s["review_overdue"]["fired"] is (timezone.localdate() > D(2026, 2, 28))
    services.stop_ask_raise(actor=w.facilitator, ask=scene["asks"][7])
    services.legacy_plan_save(
        actor=w.facilitator, journey=w.journey, agreed_on=D(2025, 8, 1), record_lives="The trust"
    )
    services.review_record(
        actor=w.facilitator,
        journey=w.journey,
        months=6,
        done_on=D(2026, 3, 2),
        found="Signs stayed",
    )
    services.review_record(
        actor=w.facilitator, journey=w.journey, months=12, done_on=D(2026, 9, 2), found="Still"
    )
    s = signs(insights_for(w.journey))
    assert not s["unheard_not_acted"]["fired"]
    assert not s["funding_ends_no_plan"]["fired"]
    assert not s["review_overdue"]["fired"]


def test_funding_warning_counts_days_ahead(world: Any) -> None:
    today = timezone.localdate()
    services.funding_set(
        actor=world.facilitator,
        journey=world.journey,
        funding_ends_on=today + datetime.timedelta(days=91),
    )
    assert not signs(insights_for(world.journey))["funding_ends_no_plan"]["fired"]
    set_thresholds(world, funding_ends_no_plan={"days": 91})
    sign = signs(insights_for(world.journey))["funding_ends_no_plan"]
    assert sign["fired"] and sign["evidence"]["days_to_funding_end"] == 91


def test_nobody_asked(stays: dict[str, Any]) -> None:
    sign = signs(insights_for(stays["w"].journey))["stopped_not_asked"]
    assert sign["fired"] and sign["evidence"] == {"stopped": 3, "asked": 0}
    set_thresholds(stays["w"], stopped_not_asked={"min_people": 4})
    assert not signs(insights_for(stays["w"].journey))["stopped_not_asked"]["fired"]


def _paths(value: Any, path: str = "") -> set[str]:
    """Key paths as docs/insights.md writes them: codes of a map as ``*``, list items as
    ``[]``."""
    maps = ("by_side", "by_category", "by_kind")
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            child = f"{path}.{'*' if path.rsplit('.', 1)[-1] in maps else k}" if path else k
            out.add(child)
            out |= _paths(v, child)
    elif isinstance(value, list):
        for v in value:
            out |= _paths(v, path + "[]")
    return out


def test_every_key_and_sign_is_documented(scene: dict[str, Any]) -> None:
    import json
    import re
    from pathlib import Path

    from powerwith.insights import registry

    assert insights in registry.sections()
    text = (Path(__file__).resolve().parents[2] / "docs" / "insights.md").read_text()
    assert "\n## leaving\n" in text
    known = set(re.findall(r"`([^`\s]+)`", text))
    doc = insights_for(scene["w"].journey)
    data = doc["sections"]["leaving"]
    json.dumps(data)
    missing = sorted(p for p in _paths(data) if p not in known)
    assert not missing, f"leaving keys missing from docs/insights.md: {missing}"
    assert set(insights.DEFAULT_THRESHOLDS) == set(signs(doc))
    for code, values in insights.DEFAULT_THRESHOLDS.items():
        assert f"`{code}`" in text
        assert all(f"`{name}`" in text for name in values)
    for s in signs(doc).values():
        assert s["title"] and s["explanation"] and s["research"] and s["question"]
        assert set(s["evidence"]) == set(insights.EVIDENCE_INFO[s["code"]])


def test_the_organisation_counts_by_hand(scene: dict[str, Any]) -> None:
    """The organisation's view of the worked example (docs/insights.md, ``ROW.leaving``): P4
    left (with a handover note) and P3 changed role (without); funding ends on 31 August 2025,
    so the reviews are due on 28 February and 31 August 2026."""
    w = scene["w"]
    jid = w.journey.pk
    (row,) = insights.organisation_counts([jid], D(2026, 3, 1)).values()
    assert row == {
        "asked": 3,
        "answered": 2,
        "acted_on": 0,
        "unheard": 1,
        "unheard_not_acted_on": 1,
        "occasions": 2,
        "with_handover": 1,
        "with_legacy_plan": 0,
        "reviews_due": 1,  # 28 February 2026, not done: late
        "reviews_done": 0,
        "reviews_late": 1,
    }
    services.legacy_plan_save(
        actor=w.facilitator, journey=w.journey, agreed_on=D(2025, 8, 1), record_lives="The trust"
    )
    services.review_record(
        actor=w.facilitator, journey=w.journey, months=6, done_on=D(2026, 3, 2), found="Kept"
    )
    # On 31 August 2026 the second review is due but not late; the day after, it is late.
    on_the_day = insights.organisation_counts([jid], D(2026, 8, 31))[jid]
    day_after = insights.organisation_counts([jid], D(2026, 9, 1))[jid]
    assert [
        (r["with_legacy_plan"], r["reviews_due"], r["reviews_done"], r["reviews_late"])
        for r in (on_the_day, day_after)
    ] == [(1, 2, 1, 0), (1, 2, 1, 1)]
    # No journeys asked about: nothing.
    assert insights.organisation_counts([], D(2026, 9, 1)) == {}
