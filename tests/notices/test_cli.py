"""`powerwith notices send` and `powerwith worker --batch`."""

from __future__ import annotations

import signal
from typing import Any

import pytest
from django.db import transaction

from powerwith.cli import main
from powerwith.contributions import services as contribution_services
from powerwith.notices.models import Notice
from tests.conftest import World, build_world

from .conftest import SmtpServer, add_person, hears_by_email, raise_one

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db: Any) -> World:
    return build_world()


def _change(world: World) -> None:
    rose = add_person(world)
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    with transaction.atomic():
        contribution_services.contribution_set_fate(
            actor=world.facilitator, contribution=c, fate="considering"
        )


def test_notices_send_sends_what_is_due(
    world: World, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _change(world)
    assert main(["notices", "send"]) == 0
    assert capsys.readouterr().out == "Sent 1; 0 to try again later; 0 could not be sent.\n"
    assert len(smtp.inbox.messages) == 1
    assert Notice.objects.get().status == "sent"


def test_the_worker_command_runs_the_queue(world: World, smtp: SmtpServer) -> None:
    _change(world)
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        assert main(["worker", "--batch"]) == 0
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)
    assert len(smtp.inbox.messages) == 1
