"""A secret ballot paper cannot be paired with its voter's receipt, while the vote is open or
after it closes, read as someone with the whole database in front of them would: rows in the
order they are stored (SQLite's rowid, PostgreSQL's ctid, a plain SELECT with no order), and on
PostgreSQL the transaction that wrote each row (xmin).

The receipts are an open record (who voted, when, in the order they voted: the journey's log
says the same). Twenty people vote, sides mixed, each a different ballot, so the test knows
whose every paper is. Pairing the k-th receipt with the k-th paper must get no more right than
chance (about one; the test allows fewer than ten, which chance exceeds about once in three
million runs).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection

from powerwith.decisions import services as ds
from powerwith.decisions.models import BallotPaper, BallotReceipt, Vote
from powerwith.people import services as ps
from powerwith.people.models import Person
from tests.stored import fixed_points, stored, xmins

N = 20


def _ballot(i: int, a: int, b: int) -> dict[int, int]:
    """A score ballot only voter ``i`` casts (scores 0..5 on two items)."""
    return {a: i % 6, b: 1 + i // 6}


def _voter(marks: dict[str, int], a: int, b: int) -> int:
    return marks.get(str(a), 0) + 6 * (marks[str(b)] - 1)


def _vote(world: Any) -> tuple[Vote, list[Person], int, int]:
    f, j = world.facilitator, world.journey
    voters = [
        ps.person_create(
            actor=f,
            journey=j,
            name=f"Voter {i}",
            role="service_user" if i % 2 else "frontline_staff",
            joined_on=datetime.date(2025, 1, 6),
        )
        for i in range(N)
    ]
    vote = ds.vote_create(
        actor=f,
        journey=j,
        title="What first?",
        method="score",
        score_max=5,
        secret=True,
        labels=["Waiting", "Parking", "Food"],
    )
    vote = ds.vote_open(actor=f, vote=vote)
    a, b, _ = vote.options.values_list("pk", flat=True)
    for i, p in enumerate(voters):
        receipt, counted = ds.ballot_cast(
            actor=f, vote=vote, person=p, marks=_ballot(i, a, b), channel="paper"
        )
        assert counted and receipt.marks is None
    return vote, voters, a, b


def _check_orders(vote: Vote, voters: list[Person], a: int, b: int) -> None:
    turn = {p.pk: i for i, p in enumerate(voters)}
    everyone = list(range(N))
    receipts = [turn[pid] for (pid,) in stored(BallotReceipt, "person")]
    # The receipts are the open record (the log has the order people voted in, with times).
    # They are usually stored in that order too, but not always: PostgreSQL may put a row in
    # space freed by an earlier test. So the papers are paired with both orders.
    assert sorted(receipts) == everyone
    papers = [_voter(_json(m), a, b) for (m,) in stored(BallotPaper, "marks")]
    assert sorted(papers) == everyone
    assert fixed_points(receipts, papers) < N // 2, papers
    assert fixed_points(everyone, papers) < N // 2, papers
    plain = [_voter(p.marks, a, b) for p in BallotPaper.objects.filter(vote=vote)]
    assert fixed_points(everyone, plain) < N // 2, plain
    by_time = [turn[r.person_id] for r in BallotReceipt.objects.filter(vote=vote)]  # cast_at
    assert fixed_points(by_time, plain) < N // 2


def _json(raw: Any) -> dict[str, int]:
    import json

    return raw if isinstance(raw, dict) else json.loads(raw)


def test_papers_are_not_stored_in_the_order_people_voted(world: Any) -> None:
    vote, voters, a, b = _vote(world)
    _check_orders(vote, voters, a, b)  # while the vote is open
    ds.vote_close(actor=world.facilitator, vote=vote)
    _check_orders(vote, voters, a, b)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_writing_transaction_pairs_no_receipt_with_its_paper() -> None:
    """xmin: each ballot commits on its own here, as in real use."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's. Run with DATABASE_URL=$(scripts/pg.sh).")
    from tests.conftest import build_world

    world = build_world()
    vote, voters, a, b = _vote(world)
    paper_x = [x for (_, x) in xmins(BallotPaper, "id")]
    receipt_x = [x for (_, x) in xmins(BallotReceipt, "id")]
    assert len(paper_x) == len(receipt_x) == N
    # Every paper was written by the latest ballot's transaction: it picks out no one's paper.
    assert len(set(paper_x)) == 1
    for x in receipt_x:
        assert paper_x.count(x) in (0, N)
    _check_orders(vote, voters, a, b)
