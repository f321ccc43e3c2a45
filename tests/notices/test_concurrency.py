"""Two workers sending at the same moment send each notice once (PostgreSQL)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from powerwith.contributions import services as contribution_services
from powerwith.notices import sending
from powerwith.notices.models import Notice
from tests.conftest import World, build_world

from .conftest import SmtpServer, add_person, hears_by_email, raise_one

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db: Any) -> World:
    return build_world()


def test_two_senders_at_once_send_each_notice_once(world: World, smtp: SmtpServer) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads with their own connections need a database server")
    for name in ("Rose Hill", "Sam Ode", "Ann Lee"):
        person = add_person(world, name)
        hears_by_email(world, person, f"{name.split()[0].lower()}@example.org")
        c = raise_one(world, person)
        contribution_services.contribution_set_fate(
            actor=world.facilitator, contribution=c, fate="considering"
        )
    start = threading.Barrier(4)
    results: list[dict[str, int]] = []

    def send() -> None:
        try:
            start.wait()
            results.append(sending.send_due())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r["sent"] for r in results) == 3
    assert sorted(r[0] for r in smtp.inbox.recipients) == [
        "ann@example.org",
        "rose@example.org",
        "sam@example.org",
    ]
    assert set(Notice.objects.values_list("status", flat=True)) == {"sent"}
