"""How to make the objects that journey URLs take (for tests/test_access_walk.py).

Each maker creates a new object in ``world.journey`` through the services and returns its pk.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from powerwith.journeys import services
from powerwith.journeys.models import Membership
from tests.conftest import World, make_user

_n = itertools.count(1)


def make_value(world: World) -> int:
    return services.value_add(
        actor=world.facilitator, journey=world.journey, name=f"Openness {next(_n)}"
    ).pk


def make_limit(world: World) -> int:
    return services.limit_add(
        actor=world.facilitator,
        journey=world.journey,
        text="The clinic's budget",
        set_by="funder",
        why="Set by the commissioners for three years.",
    ).pk


def make_membership(world: World) -> int:
    """Someone else's membership (an observer who joined for this test)."""
    user = make_user(f"walker{next(_n)}-{world.journey.slug}@example.org", "Wally")
    services.membership_add(
        actor=world.facilitator, journey=world.journey, user=user, role="observer"
    )
    return Membership.objects.get(journey=world.journey, user=user).pk


def make_invitation(world: World) -> int:
    """An invitation not yet used."""
    return services.invitation_create(
        actor=world.facilitator,
        journey=world.journey,
        email=f"invited{next(_n)}@example.org",
        role="member",
    ).pk


OBJECTS: dict[str, Callable[[World], int]] = {
    "invitation_pk": make_invitation,
    "value_pk": make_value,
    "limit_pk": make_limit,
    "membership_pk": make_membership,
}
