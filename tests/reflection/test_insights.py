"""The reflection section of the dashboard and the insights JSON, worked out by hand."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.insights.thresholds import merged
from powerwith.reflection import insights, services
from tests.insights.doc_keys import flatten

from .helpers import builtin, enter, open_round, people, question

DOC = Path(__file__).resolve().parents[2] / "docs" / "insights.md"


def _signs(world: Any, data: dict[str, Any], thresholds: Any = None) -> dict[str, Any]:
    return {s.code: s for s in insights.warnings(world.journey, Period(), data, merged(thresholds))}


def test_the_section_by_hand(audit_round: Any) -> None:
    w, rnd = audit_round.world, audit_round.round
    ending = services.ending_create(
        actor=w.facilitator, journey=w.journey, title="End", held_on=datetime.date(2025, 6, 1)
    )
    services.ending_view_add(
        actor=w.facilitator, ending=ending, perspective="Staff", achieved="Something"
    )
    data = insights.compute(w.journey, Period())
    assert data["rounds"] | {"explanation": "", "based_on": "", "title": ""} == {
        "title": "",
        "n": 1,
        "open": 0,
        "anonymous": 1,
        "answers": 10,
        "results_shown": 1,
        "last_opened_on": "2025-03-03",
        "explanation": "",
        "based_on": "",
    }
    (r,) = data["by_round"]
    assert (r["id"], r["bank"], r["bank_version"], r["anonymous"], r["answers"]) == (
        rnd.pk,
        "power_audit",
        1,
        True,
        10,
    )
    assert r["by_side"] == {"lived": 5, "professional": 5}
    assert (r["results_shown"], r["statements"]) == (True, 22)
    # speak_freely: staff 5, patients 2 -> 3.0; trust: 4 and 4 -> no gap, so not listed.
    assert r["diverging"] == [
        {
            "question": "speak_freely",
            "question_version": 1,
            "text": question(audit_round.bank, "speak_freely").text,
            "lived_mean": 2.0,
            "professional_mean": 5.0,
            "gap": 3.0,
            "divergence": 3.0,
            "higher": "professional",
        }
    ]
    assert (
        data["divergence"]["round"] == rnd.pk and data["divergence"]["largest"] == r["diverging"][0]
    )
    assert data["endings"] | {"explanation": "", "based_on": ""} == {
        "title": "End-of-phase reviews",
        "n": 1,
        "views": 1,
        "realist_notes": 0,
        "explanation": "",
        "based_on": "",
    }
    signs = _signs(w, data)
    assert signs["sides_disagree"].fired
    assert "the sides disagree most about \u201cEveryone can say what they really think" in (
        signs["sides_disagree"].explanation
    )
    assert "average agreement 5.00 among professionals and 2.00 among people with lived" in (
        signs["sides_disagree"].explanation
    )
    assert signs["sides_disagree"].evidence == {
        "round": rnd.pk,
        "question": "speak_freely",
        "divergence": 3.0,
        "lived_mean": 2.0,
        "professional_mean": 5.0,
    }
    assert not _signs(w, data, {"sides_disagree": {"min_divergence": 3.5}})["sides_disagree"].fired
    # Started 6 Jan 2025, last round 3 Mar 2025: long ago by now.
    assert signs["reflection_overdue"].fired
    assert signs["reflection_overdue"].evidence["last_round_opened_on"] == "2025-03-03"
    assert not signs["lived_roles_pushed_aside"].fired


def test_open_anonymous_rounds_count_nothing_yet(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank, opens_on=datetime.date(2025, 3, 3))
    for p in people(world, "carer", 6):
        enter(world, rnd, {question(bank, "trust").pk: services.Answer(rating=2)}, person=p)
    data = insights.compute(world.journey, Period())
    (r,) = data["by_round"]
    assert (r["answers"], r["results_shown"], r["statements"], r["diverging"]) == (6, False, 0, [])
    assert r["by_side"] == {"lived": 6, "professional": 0}
    assert data["divergence"]["largest"] is None
    assert not _signs(world, data)["sides_disagree"].fired
    # Outside the period, nothing.
    later = insights.compute(world.journey, Period(start=datetime.date(2025, 4, 1)))
    assert later["rounds"]["n"] == 0 and later["by_round"] == []


def test_every_key_is_documented(audit_round: Any, django_assert_max_num_queries: Any) -> None:
    w = audit_round.world
    with django_assert_max_num_queries(12):
        data = insights.compute(w.journey, Period())
        insights.warnings(w.journey, Period(), data, merged({}))
    doc = insights_for(w.journey, Period(), compare=False)
    data = doc["sections"]["reflection"]
    text = DOC.read_text()
    section = text[text.index("\n## reflection\n") : text.index("\n## inclusion\n")]
    documented = set(re.findall(r"`([^`\s]+)`", section))
    maps = {"by_round[].by_side", "lived_roles.by_process", "divergence.largest"}
    paths = set()
    for p in flatten(data):
        for m in maps:
            if p.startswith(m + "."):
                p = m + ".*"
        if p.rsplit(".", 1)[-1] in ("title", "explanation", "based_on"):
            continue
        paths.add(p)
    assert not sorted(paths - documented)
    for code in insights.DEFAULT_THRESHOLDS:
        assert f"`{code}`" in section
    assert {w["code"] for w in doc["warnings"] if w["section"] == "reflection"} == set(
        insights.DEFAULT_THRESHOLDS
    )


def test_the_dashboard_shows_the_section(audit_round: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    w = audit_round.world
    c = Client()
    c.force_login(w.observer)
    r = c.get(reverse("insights:dashboard", kwargs={"slug": w.journey.slug}))
    assert r.status_code == 200
    body = r.content.decode()
    assert insights.TITLE in body
    assert "Where the two sides see things differently" in body
    assert "The two sides see things very differently" in body  # the fired warning sign
