"""Results, combined and by side, worked out by hand; small sides withheld in secret votes."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

from powerwith.decisions import selectors
from powerwith.decisions import services as ds

from .helpers import LIVED, STAFF, open_vote, option_ids, paper


def test_results_by_side_worked_example(vw: Any) -> None:
    vote = open_vote(vw)  # dot voting, 3 dots, stacking allowed
    a, b, c, d = option_ids(vote)
    for name, marks in [
        ("Ann", {a: 3}),
        ("Bea", {a: 2, b: 1}),
        ("Cat", {b: 3}),
        ("Gus", {c: 3}),
        ("Hal", {c: 2, a: 1}),
        ("Ian", {d: 1, c: 2}),
    ]:
        paper(vw, vote, name, marks)
    assert not selectors.results_visible(vote)  # hidden until close by default
    vote = ds.vote_close(actor=vw.f, vote=vote)
    res = selectors.vote_results(vote)
    rows = res["rows"]
    assert [r.option.pk for r in rows] == [c, a, b, d]
    assert [(r.points, r.share, r.result.rank) for r in rows] == [
        ("7", 39, 1),
        ("6", 33, 2),
        ("4", 22, 3),
        ("1", 6, 4),
    ]
    assert res["by_side_counts"] == {"lived": 3, "professional": 3}
    by = {r.option.pk: r for r in rows}
    assert by[a].sides == {
        "lived": {"rank": 1, "share": 56, "points": "5", "value": 5, "fraction": F(5, 9)},
        "professional": {"rank": 2, "share": 11, "points": "1", "value": 1, "fraction": F(1, 9)},
    }
    assert [by[o].difference for o in (a, b, c, d)] == [44, 44, -78, -11]
    sides = res["sides"]
    assert [r.option.pk for r in sides["differ_most"]] == [c, a, b]
    assert [r.option.pk for r in sides["agree"]] == [d, a, b]
    assert [r.option.pk for r in sides["common_ground"]] == [a]
    assert sides["top_size"] == 2
    assert [r.option.pk for r in sides["tops"]["lived"]] == [a, b]
    assert [r.option.pk for r in sides["tops"]["professional"]] == [c, a, d]


def test_ranked_results_show_borda_and_the_runoff(vw: Any) -> None:
    vote = open_vote(vw, method="ranked")
    a, b, c, d = option_ids(vote)
    for name, marks in [
        ("Ann", {a: 1, b: 2}),
        ("Bea", {a: 1}),
        ("Gus", {b: 1, a: 2}),
        ("Hal", {c: 1}),
        ("Ian", {c: 1, b: 2}),
    ]:
        paper(vw, vote, name, marks)
    vote = ds.vote_close(actor=vw.f, vote=vote)
    res = selectors.vote_results(vote)
    # n = 4. Ann: a3 b2, c d 1/2 each. Bea: a3, others 1 each. Gus: b3 a2, c d 1/2.
    # Hal: c3, others 1. Ian: c3 b2, a d 1/2. a = 3+3+2+1+1/2 = 9.5; b = 2+1+3+1+2 = 9;
    # c = 1/2+1+1/2+3+3 = 8; d = 1/2+1+1/2+1+1/2 = 3.5. Total 30 = 5 ballots x 6.
    assert [(r.option.pk, r.points) for r in res["rows"]] == [
        (a, "9.5"),
        (b, "9"),
        (c, "8"),
        (d, "3.5"),
    ]
    irv = res["irv"]
    # Round 1: a2 c2 b1 d0 -> d goes. Round 2: a2 c2 b1 -> b goes, Gus's ballot moves to a.
    # Round 3: a3 c2 of 5 -> a wins.
    assert [x.pk for x in irv["winners"]] == [a] and irv["majority"]
    assert [[o.pk for o in r["eliminated"]] for r in irv["rounds"]] == [[d], [b], []]


def test_secret_vote_withholds_sides_under_five(vw: Any) -> None:
    vote = open_vote(vw, secret=True)
    a, b, *_ = option_ids(vote)
    for name in LIVED + STAFF[:4]:
        paper(vw, vote, name, {a: 1, b: 1})
    vote = ds.vote_close(actor=vw.f, vote=vote)
    res = selectors.vote_results(vote)
    assert res["sides"] is None and res["ballots"] == 10
    assert res["sides_withheld"].startswith(
        "Results by side are not shown because a side has fewer than 5"
    )
    assert all(r.sides == {} for r in res["rows"])


def test_secret_vote_shows_sides_from_five(vw: Any) -> None:
    vote = open_vote(vw, secret=True)
    a, b, *_ = option_ids(vote)
    for name in LIVED[:5]:
        paper(vw, vote, name, {a: 2})
    for name in STAFF[:5]:
        paper(vw, vote, name, {b: 2})
    vote = ds.vote_close(actor=vw.f, vote=vote)
    res = selectors.vote_results(vote)
    assert res["sides"] is not None
    by = {r.option.pk: r for r in res["rows"]}
    assert by[a].sides["lived"]["share"] == 100 and by[a].sides["professional"]["share"] == 0


def test_open_vote_with_live_results(vw: Any) -> None:
    vote = open_vote(vw, hide_results=False)
    assert selectors.results_visible(vote)
