"""The "who decides" section of the dashboard: figures worked out by hand, warning signs,
every key documented, and the dashboard rendering it."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from powerwith.decisions import insights
from powerwith.decisions import services as ds
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.people import services as ps
from tests.insights.doc_keys import DOC, flatten

from .helpers import DAY, LIVED, STAFF, open_vote, option_ids, paper

MAPS = {
    "by_rung",
    "by_rung_share",
    "by_taker",
    "proposed_by_side",
    "ballots_by_side",
    "top_by_side",
    "members_by_side",
}


def _decide(vw: Any, rung: str, taker: str, proposer: str | None, day: datetime.date = DAY) -> None:
    inside = taker in ("group_vote", "group_consensus")
    ds.decision_create(
        actor=vw.f,
        journey=vw.journey,
        text=f"{rung} by {taker}",
        rung=rung,
        taken_by=taker,
        gathering=vw.gathering if inside else None,
        where_outside="" if inside else "The trust's board",
        decided_on=day,
        proposed_by=vw.people[proposer] if proposer else None,
        answers=vw.items[:2] if inside else [],
    )


def scene(vw: Any) -> Any:
    _decide(vw, "informing", "organisation", "Gus")
    _decide(vw, "informing", "funder", None)
    _decide(vw, "consulting", "professional", "Hal")
    _decide(vw, "co_designing", "group_vote", "Ann")
    _decide(vw, "co_producing", "group_consensus", "Ian")
    _decide(vw, "engaging", "organisation", "Jo", day=datetime.date(2025, 1, 10))
    vote = open_vote(vw)
    a, b, c, d = option_ids(vote)
    for name in LIVED:
        paper(vw, vote, name, {a: 2, b: 1})
    for name in STAFF:
        paper(vw, vote, name, {c: 2, d: 1})
    ds.vote_close(actor=vw.f, vote=vote)
    g = ds.group_create(
        actor=vw.f,
        journey=vw.journey,
        name="Waits",
        formed_on=DAY,
        item=vw.items[0],
        members=[vw.people["Ann"], vw.people["Bea"], vw.people["Gus"]],
    )
    ds.group_action_add(actor=vw.f, group=g, what="Count", done_on=DAY)
    ds.group_action_add(actor=vw.f, group=g, what="Ask")
    return vote


def test_figures_worked_by_hand(vw: Any, django_assert_max_num_queries: Any) -> None:
    scene(vw)
    with django_assert_max_num_queries(20):
        data = insights.compute(vw.journey, Period())
    d = data["decisions"]
    assert d["n"] == d["total"] == 6
    assert d["by_rung"] == {
        "coercing": 0,
        "educating": 0,
        "informing": 2,
        "consulting": 1,
        "engaging": 1,
        "co_designing": 1,
        "co_producing": 1,
    }
    assert (d["power_sharing"], d["power_sharing_share"]) == (2, 0.333)
    assert (d["lower_rungs"], d["lower_rungs_share"]) == (3, 0.5)
    assert (d["inside_group"], d["outside_group"], d["inside_share"]) == (2, 4, 0.333)
    assert d["by_taker"]["organisation"] == 2
    assert d["proposer_known"] == 5
    assert d["proposed_by_side"] == {"lived": 1, "professional": 4}
    assert d["proposed_by_lived_share"] == 0.2
    assert d["answering"] == 2
    v = data["votes"]
    assert (v["finished"], v["ballots"]) == (1, 12)
    item = v["items"][0]
    assert item["ballots_by_side"] == {"lived": 6, "professional": 6}
    assert item["sides"]["common_ground"] == []  # the sides wanted entirely different things
    assert [(r["label"], r["rank"]) for r in item["top"]] == [
        ("Waiting times", 1),
        ("Being told results", 1),
        ("Parking", 3),
        ("Ward food", 3),
    ]
    g = data["groups"]
    assert (g["formed"], g["open"], g["actions"], g["actions_done"]) == (1, 1, 2, 1)
    assert g["members_by_side"] == {"lived": 2, "professional": 1}
    # a period leaves out the January decision
    later = insights.compute(vw.journey, Period(start=datetime.date(2025, 2, 1)))
    assert later["decisions"]["total"] == 5


def test_warning_signs(vw: Any) -> None:
    scene(vw)
    signs = {
        w["code"]: w
        for w in insights_for(vw.journey, Period())["warnings"]
        if w["section"] == "decisions"
    }
    assert signs["decisions_low_rungs"]["fired"] is False  # 50% < 60%
    assert signs["decisions_outside_group"]["fired"] is True  # 67% >= 50%
    assert signs["decisions_few_lived_proposals"]["fired"] is True  # 20% < 25%
    assert signs["vote_no_common_ground"]["fired"] is True
    assert signs["decisions_outside_group"]["explanation"].startswith("67% of the 6 decisions")
    vw.journey.options = {"warnings": {"decisions_outside_group": {"share": 0.7}}}
    vw.journey.save()
    signs = {w["code"]: w for w in insights_for(vw.journey, Period())["warnings"]}
    assert signs["decisions_outside_group"]["fired"] is False


def test_secret_vote_with_a_small_side_is_withheld(vw: Any) -> None:
    vote = open_vote(vw, secret=True)
    a = option_ids(vote)[0]
    for name in LIVED + STAFF[:3]:
        paper(vw, vote, name, {a: 1})
    ds.vote_close(actor=vw.f, vote=vote)
    item = insights.compute(vw.journey, Period())["votes"]["items"][0]
    assert item["sides"] is None and not item["by_side_shown"]
    assert "fewer than 5" in item["withheld"]


def test_every_key_is_documented(vw: Any) -> None:
    scene(vw)
    data = insights.compute(vw.journey, Period())
    text = DOC.read_text()
    part = text[text.index("## decisions") : text.index("## reflection")]
    documented = set(re.findall(r"`([^`\s]+)`", part))
    common = {"title", "n", "small_numbers", "note", "explanation", "based_on", "drill_down"}
    paths = set()
    for p in _flatten(data):
        _head, _, rest = p.partition(".")
        paths.add(f"*.{rest}" if rest in common else p)
    missing = sorted(paths - documented)
    assert not missing, missing
    for code in insights.DEFAULT_THRESHOLDS:
        assert f"`{code}`" in part


def _flatten(value: Any, path: str = "") -> set[str]:
    out: set[str] = set()
    last = path.rsplit(".", 1)[-1]
    if isinstance(value, dict):
        for k, v in value.items():
            child = f"{path}.{'*' if last in MAPS else k}" if path else k
            out.add(child)
            out |= _flatten(v, child)
    elif isinstance(value, list):
        for v in value:
            out |= _flatten(v, path + "[]")
    return out


def test_dashboard_shows_the_section(vw: Any, django_assert_max_num_queries: Any) -> None:
    scene(vw)
    c = Client()
    c.force_login(vw.world.observer)
    r = c.get(reverse("insights:dashboard", kwargs={"slug": vw.journey.slug}))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Who decides" in html and "Decisions on each step of the ladder" in html
    assert "Common ground:" in html
    assert flatten  # the shared flattener exists (kept in step with ours)


def test_people_changing_side_keep_the_side_they_proposed_from(vw: Any) -> None:
    _decide(vw, "informing", "organisation", "Gus")
    ps.person_change_role(
        actor=vw.f, person=vw.people["Gus"], role="carer", from_date=datetime.date(2025, 6, 1)
    )
    d = insights.compute(vw.journey, Period())["decisions"]
    assert d["proposed_by_side"] == {"lived": 0, "professional": 1}
