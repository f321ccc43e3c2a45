"""The decisions part of the export: open tables, no names, never a secret choice tied to a
voter."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.decisions import export
from powerwith.decisions import services as ds

from .helpers import LIVED, STAFF, open_vote, option_ids, paper


def test_export_tables(vw: Any) -> None:
    ds.decision_create(
        actor=vw.f,
        journey=vw.journey,
        text="Work on waits",
        taken_by="group_vote",
        rung="co_designing",
        gathering=vw.gathering,
        proposed_by=vw.people["Ann"],
        answers=vw.items[:2],
    )
    openv = open_vote(vw)
    a, b, *_ = option_ids(openv)
    paper(vw, openv, "Ann", {a: 3})
    paper(vw, openv, "Gus", {b: 2, a: 1})
    ds.vote_close(actor=vw.f, vote=openv)
    secret = open_vote(vw, title="Secret", secret=True)
    s_ids = option_ids(secret)
    for name in LIVED + STAFF[:2]:
        paper(vw, secret, name, {s_ids[0]: 1})
    ds.vote_close(actor=vw.f, vote=secret)
    g = ds.group_create(
        actor=vw.f,
        journey=vw.journey,
        name="Waits group",
        formed_on=datetime.date(2025, 3, 4),
        item=vw.items[0],
        members=[vw.people["Ann"]],
    )
    ds.group_action_add(actor=vw.f, group=g, what="Count", who=vw.people["Gus"])

    t = export.tables(vw.journey)
    assert set(t) == set(export.DESCRIPTIONS)
    (d,) = t["decisions"]
    assert (d["rung"], d["rung_level"], d["inside_group"], d["proposer_side"]) == (
        "co_designing",
        6,
        True,
        "lived",
    )
    assert d["proposed_by"].startswith("P") and d["answers_contribution_ids"].count(";") == 1
    # Open vote: its ballots, by code. Secret vote: who voted, never how.
    assert {r["vote_id"] for r in t["vote_ballots"]} == {openv.pk}
    assert sorted((r["label"], r["mark"]) for r in t["vote_ballots"]) == [
        ("Parking", 2),
        ("Waiting times", 1),
        ("Waiting times", 3),
    ]
    assert len([r for r in t["vote_voters"] if r["vote_id"] == secret.pk]) == 8
    assert not any("mark" in r for r in t["vote_voters"])
    # Secret vote with only 2 professional ballots: no by-side columns.
    secret_rows = [r for r in t["vote_results"] if r["vote_id"] == secret.pk]
    assert secret_rows and all(r["lived_share"] is None for r in secret_rows)
    open_rows = {r["option_id"]: r for r in t["vote_results"] if r["vote_id"] == openv.pk}
    assert (open_rows[a]["place"], open_rows[a]["points"], open_rows[a]["lived_share"]) == (
        1,
        4.0,
        1.0,
    )
    assert t["codesign_groups"][0]["members"].startswith("P")
    assert t["group_actions"][0]["who"].startswith("P")
    # Nobody is named anywhere.
    text = repr(t)
    for name in LIVED + STAFF:
        assert f"'{name}'" not in text
