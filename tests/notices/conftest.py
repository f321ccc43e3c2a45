"""Fixtures for notices: a real SMTP server on localhost (aiosmtpd), the real task worker."""

from __future__ import annotations

import datetime
import email
import signal
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution
from powerwith.notices import services
from powerwith.people import services as people_services
from powerwith.people.models import Person
from tests.conftest import World


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Inbox:
    """What the SMTP server received: one parsed message per DATA."""

    messages: list[Message] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.original_content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted"


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """A real SMTP server on a free localhost port, not yet started (``.start()``), with
    Django's mail settings pointing at it."""
    server = SmtpServer(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Better breast care <news@example.org>"
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server: SmtpServer) -> SmtpServer:
    smtp_server.start()
    return smtp_server


def run_worker() -> None:
    """The real worker (django-tasks-db's ``db_worker``), in this process: every task that is
    ready, then it stops. Its signal handlers are put back afterwards."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def add_person(world: World, name: str = "Rose Hill") -> Person:
    return people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=name,
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )


def hears_by_email(world: World, person: Person, address: str = "rose@example.org") -> None:
    services.hearing_back_set(
        actor=world.facilitator, person=person, way="email", email=address, consent=True
    )


def raise_one(
    world: World, person: Person, text: str = "The waiting room is too cold."
) -> Contribution:
    return contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text=text,
        channel="paper",
        raised_by=person,
        raised_on=datetime.date(2025, 2, 3),
    )
