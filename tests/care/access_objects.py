"""How to make a care flag for the access walker."""

from __future__ import annotations

from typing import Any

from powerwith.care import services
from powerwith.care.models import CareFlag
from powerwith.people.models import Person
from tests.people.access_objects import make_person


def make_care(world: Any) -> int:
    found = CareFlag.objects.filter(journey=world.journey).first()
    if found is not None:
        return found.pk
    person = Person.objects.get(pk=make_person(world))
    return services.care_flag_create(
        actor=world.facilitator, journey=world.journey, person=person
    ).pk


OBJECTS = {"care_pk": make_care}
