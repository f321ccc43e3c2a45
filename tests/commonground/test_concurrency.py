"""Taps at once on the same statement, from parallel connections, on PostgreSQL: one response
row per participant and statement, and no tap fails. SQLite lets one writer in at a time, so
nothing races there."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from powerwith.commonground import services
from powerwith.commonground.models import Participant, Response, Statement, Vote
from tests.conftest import build_world

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

THREADS = 8


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency needs PostgreSQL: SQLite admits one writer at a time.")


def test_concurrent_taps_leave_one_response() -> None:
    w = build_world()
    rnd = services.round_create(actor=w.facilitator, journey=w.journey, question="Q?")
    st = services.statement_add(actor=w.facilitator, round=rnd, text="Open later")
    p = services.participant_join(round=rnd)
    barrier = threading.Barrier(THREADS)
    errors: list[str] = []

    def tap(vote: int) -> None:
        try:
            participant = Participant.objects.get(pk=p.pk)
            statement = Statement.objects.get(pk=st.pk)
            barrier.wait()
            services.response_record(participant=participant, statement=statement, vote=vote)
        except Exception as exc:  # the test reports any failure below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=(1 if i % 2 else -1,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Response.objects.filter(participant=p, statement=st).count() == 1


def test_concurrent_double_taps_leave_one_vote_in_the_history() -> None:
    w = build_world()
    rnd = services.round_create(actor=w.facilitator, journey=w.journey, question="Q?")
    st = services.statement_add(actor=w.facilitator, round=rnd, text="Open later")
    p = services.participant_join(round=rnd)
    barrier = threading.Barrier(THREADS)
    errors: list[str] = []

    def tap() -> None:
        try:
            participant = Participant.objects.get(pk=p.pk)
            statement = Statement.objects.get(pk=st.pk)
            barrier.wait()
            services.response_record(participant=participant, statement=statement, vote=1)
        except Exception as exc:  # the test reports any failure below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert list(Response.objects.filter(participant=p).values_list("vote", flat=True)) == [1]
    # Eight taps of the same answer at once are one vote, not eight.
    assert list(Vote.objects.filter(participant=p).values_list("vote", flat=True)) == [1]
