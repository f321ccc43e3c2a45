"""How to make the objects behind the people app's URL arguments (for tests/test_access_walk.py)."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.people import services
from powerwith.people.models import Organisation, Person


def make_person(world: Any) -> int:
    found = Person.objects.filter(journey=world.journey, name="Walker Ann").first()
    if found is not None:
        return found.pk
    return services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Walker Ann",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    ).pk


def make_organisation(world: Any) -> int:
    found = Organisation.objects.filter(journey=world.journey, name="Walker Trust").first()
    if found is not None:
        return found.pk
    return services.organisation_create(
        actor=world.facilitator, journey=world.journey, name="Walker Trust", kind="voluntary"
    ).pk


OBJECTS = {"person_pk": make_person, "organisation_pk": make_organisation}
