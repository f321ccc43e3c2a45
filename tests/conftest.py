"""Shared test fixtures: real users, a journey with one account per role, built through services.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL points at one
(``make test`` does both).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from powerwith.journeys import services as journey_services
from powerwith.journeys.models import Journey

PASSWORD = "correct horse battery staple"


def make_user(email: str, name: str = "") -> Any:
    User = get_user_model()
    return User.objects.create_user(
        username=email,
        email=email,
        password=PASSWORD,
        first_name=name or email.split("@")[0].title(),
    )


@dataclass
class World:
    journey: Journey
    facilitator: Any
    member: Any
    observer: Any
    outsider: Any

    def user(self, role: str) -> Any:
        return getattr(self, role)


@pytest.fixture
def world(db: Any) -> World:
    facilitator = make_user("fran@example.org", "Fran")
    member = make_user("mo@example.org", "Mo")
    observer = make_user("olu@example.org", "Olu")
    outsider = make_user("xander@example.org", "Xander")
    journey = journey_services.journey_create(
        actor=facilitator,
        title="Better breast care",
        purpose="Improve the breast care service together.",
        stages=["co_design"],
        level="service",
        started_on=datetime.date(2025, 1, 6),
    )
    journey_services.membership_add(actor=facilitator, journey=journey, user=member, role="member")
    journey_services.membership_add(
        actor=facilitator, journey=journey, user=observer, role="observer"
    )
    return World(
        journey=journey,
        facilitator=facilitator,
        member=member,
        observer=observer,
        outsider=outsider,
    )
