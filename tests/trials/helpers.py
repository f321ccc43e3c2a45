"""Builders for trials tests, all through the real services."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.people import services as people_services
from powerwith.people.models import Person


def person(world: Any, name: str, role: str) -> Person:
    return people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=name,
        role=role,
        joined_on=datetime.date(2025, 1, 6),
    )
