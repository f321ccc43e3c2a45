"""How to make the objects behind the journeys app's URL arguments (for the access walker)."""

from __future__ import annotations

from typing import Any

from powerwith.journeys import services
from powerwith.journeys.models import JourneyValue, Limit, Membership


def make_value(world: Any) -> int:
    found = JourneyValue.objects.filter(journey=world.journey, code="equality").first()
    if found is not None:
        return found.pk
    return services.value_add(actor=world.facilitator, journey=world.journey, code="equality").pk


def make_limit(world: Any) -> int:
    found = Limit.objects.filter(journey=world.journey, text="The clinic's budget").first()
    if found is not None:
        return found.pk
    return services.limit_add(
        actor=world.facilitator,
        journey=world.journey,
        text="The clinic's budget",
        set_by="funder",
        why="The grant pays for staff time only.",
    ).pk


def make_membership(world: Any) -> int:
    """The observer's membership: changing or removing it never locks the journey."""
    return Membership.objects.get(journey=world.journey, user=world.observer).pk


OBJECTS = {"value_pk": make_value, "limit_pk": make_limit, "membership_pk": make_membership}
