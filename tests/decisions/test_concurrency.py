"""Many ballots at once, from parallel clients, on a real database: none lost, none doubled.

Each thread has its own database connection (Django gives every thread its own), so the
ballots really race in PostgreSQL: on the vote's row lock and on the unique constraint of
``BallotReceipt``. SQLite lets only one writer in at a time, so there is nothing to race there.
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from powerwith.common.models import AuditEntry
from powerwith.decisions import services as ds
from powerwith.decisions.models import BallotPaper, BallotReceipt, Vote
from powerwith.journeys import services as js
from powerwith.people import services as ps
from powerwith.people.models import Person
from tests.conftest import build_world, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
]

N_LIVED, N_STAFF, THREADS = 18, 18, 12


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Concurrency needs PostgreSQL: SQLite admits one writer at a time, so nothing races. "
            "Run with DATABASE_URL=$(scripts/pg.sh)."
        )


def _setup(secret: bool) -> dict[str, Any]:
    w = build_world()
    f, j = w.facilitator, w.journey
    people: list[tuple[int, int | None]] = []  # (person id, user id voting on own device)
    for i in range(N_LIVED + N_STAFF):
        role = "service_user" if i < N_LIVED else "frontline_staff"
        p = ps.person_create(
            actor=f, journey=j, name=f"P{i}", role=role, joined_on=datetime.date(2025, 1, 6)
        )
        user_id = None
        if i % 2 == 0:  # half vote on their own phone, half are typed in from paper
            u = make_user(f"p{i}@example.org")
            js.membership_add(actor=f, journey=j, user=u, role="member", person=p)
            user_id = u.pk
        people.append((p.pk, user_id))
    vote = ds.vote_create(
        actor=f,
        journey=j,
        title="What first?",
        method="dot",
        dots=3,
        secret=secret,
        labels=["Waiting", "Parking", "Food", "Noise"],
    )
    ds.vote_open(actor=f, vote=vote)
    return {"facilitator_id": f.pk, "vote_id": vote.pk, "people": people}


def _submit(
    setup: dict[str, Any], person_id: int, user_id: int | None, marks: dict[int, int]
) -> tuple[int, bool] | str:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    try:
        vote = Vote.objects.select_related("journey").get(pk=setup["vote_id"])
        person = Person.objects.get(pk=person_id)
        if user_id is not None:
            actor, channel = User.objects.get(pk=user_id), "own_device"
        else:
            actor, channel = User.objects.get(pk=setup["facilitator_id"]), "paper"
        receipt, counted = ds.ballot_cast(
            actor=actor, vote=vote, person=person, marks=marks, channel=channel
        )
        return receipt.pk, counted
    except ValidationError as exc:
        return " ".join(exc.messages)
    finally:
        connection.close()


def _race(jobs: list[tuple[Any, ...]], setup: dict[str, Any]) -> list[Any]:
    """Run ``jobs`` spread over THREADS threads that all start at the same moment."""
    results: list[Any] = []
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)
    chunks = [jobs[i::THREADS] for i in range(THREADS)]

    def worker(chunk: list[tuple[Any, ...]]) -> None:
        barrier.wait()
        for job in chunk:
            out = _submit(setup, *job)
            with lock:
                results.append((job[0], out))

    threads = [threading.Thread(target=worker, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return results


@pytest.mark.parametrize("secret", [False, True], ids=["open", "secret"])
def test_parallel_ballots_lose_none_and_double_none(secret: bool) -> None:
    setup = _setup(secret)
    options = list(Vote.objects.get(pk=setup["vote_id"]).options.values_list("pk", flat=True))
    jobs = []
    for i, (pid, uid) in enumerate(setup["people"]):
        jobs.append((pid, uid, {options[i % 4]: 2, options[(i + 1) % 4]: 1}))
    # A third of the people press "vote" twice at the same moment (a double tap, or phone and
    # paper both): their two submissions land in different threads, released together.
    doubles = [(pid, uid, {options[3]: 3}) for pid, uid in setup["people"][::3]]
    results = _race(jobs + doubles, setup)

    assert len(results) == len(jobs) + len(doubles)
    assert not [r for _, r in results if isinstance(r, str)]  # nothing refused
    counted = Counter(pid for pid, r in results if r[1])
    assert set(counted) == {pid for pid, _ in setup["people"]}  # everyone counted...
    assert set(counted.values()) == {1}  # ...exactly once
    receipts = BallotReceipt.objects.filter(vote_id=setup["vote_id"])
    assert receipts.count() == N_LIVED + N_STAFF
    assert Counter(receipts.values_list("side", flat=True)) == {
        "lived": N_LIVED,
        "professional": N_STAFF,
    }
    # Both submissions of a double got the same, single receipt.
    by_person: dict[int, set[int]] = {}
    for pid, r in results:
        by_person.setdefault(pid, set()).add(r[0])
    assert all(len(ids) == 1 for ids in by_person.values())
    papers = BallotPaper.objects.filter(vote_id=setup["vote_id"]).count()
    assert papers == (N_LIVED + N_STAFF if secret else 0)
    casts = AuditEntry.objects.filter(
        object_type="Vote", object_id=setup["vote_id"], action__in=["ballot_cast", "ballot_enter"]
    )
    assert casts.count() == N_LIVED + N_STAFF


def test_closing_while_ballots_arrive_counts_exactly_those_accepted() -> None:
    setup = _setup(secret=True)
    options = list(Vote.objects.get(pk=setup["vote_id"]).options.values_list("pk", flat=True))
    jobs = [(pid, uid, {options[0]: 1}) for pid, uid in setup["people"]]
    closer_result: list[Any] = []

    def close_soon() -> None:
        from django.contrib.auth import get_user_model

        try:
            f = get_user_model().objects.get(pk=setup["facilitator_id"])
            ds.vote_close(actor=f, vote=Vote.objects.get(pk=setup["vote_id"]))
            closer_result.append("closed")
        finally:
            connection.close()

    closer = threading.Timer(0.05, close_soon)
    closer.start()
    results = _race(jobs, setup)
    closer.join()
    assert closer_result == ["closed"]
    accepted = [pid for pid, r in results if not isinstance(r, str)]
    refused = [r for _, r in results if isinstance(r, str)]
    assert set(refused) <= {"This vote has closed. No more ballots can be counted."}
    assert len(accepted) + len(refused) == len(jobs)
    receipts = BallotReceipt.objects.filter(vote_id=setup["vote_id"])
    assert sorted(receipts.values_list("person_id", flat=True)) == sorted(accepted)
    assert BallotPaper.objects.filter(vote_id=setup["vote_id"]).count() == len(accepted)
