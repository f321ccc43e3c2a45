"""The same change sent at once from parallel connections with the same ``Idempotency-Key``,
on PostgreSQL: made once, and every request gets the first answer (the later ones wait on the
key's unique constraint until the first has committed). SQLite lets one writer in at a time,
so nothing races there."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from powerwith.api import services
from powerwith.common.models import AuditEntry
from powerwith.decisions.models import Decision
from tests.conftest import build_world

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

THREADS = 6
DECISION = {
    "text": "New letters",
    "taken_by": "group_consensus",
    "rung": "co_designing",
    "decided_on": "2025-03-03",
    "where_outside": "The trust's board",
}


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency needs PostgreSQL: SQLite admits one writer at a time.")


def test_the_same_key_at_once_makes_one_change(settings: Any) -> None:
    settings.POWERWITH_RATE_LIMITS = {**settings.POWERWITH_RATE_LIMITS, "api": (100000, 60)}
    w = build_world()
    secret = services.token_create(actor=w.member, name="Sync", scope="write", days=1)[1]
    barrier = threading.Barrier(THREADS)
    answers: list[tuple[int, bytes, bool]] = []
    errors: list[str] = []

    def send() -> None:
        try:
            barrier.wait()
            r = Client().post(
                f"/api/v1/journeys/{w.journey.slug}/decisions",
                DECISION,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {secret}",
                HTTP_IDEMPOTENCY_KEY="0b6f7c1e-2a44-4f0e-8d7e-5c1b9e3a7f20",
            )
            answers.append((r.status_code, r.content, "Idempotent-Replayed" in r.headers))
        except Exception as exc:  # the test reports any failure below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Decision.objects.filter(journey=w.journey).count() == 1
    assert AuditEntry.objects.filter(journey=w.journey, action="decision_create").count() == 1
    assert {(status, body) for status, body, _replayed in answers} == {(201, answers[0][1])}
    assert sorted(replayed for _s, _b, replayed in answers) == [False] + [True] * (THREADS - 1)
