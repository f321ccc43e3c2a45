"""How to make the objects that plans URLs take (for tests/test_access_walk.py).

One plan per journey (experience-based co-design, dated from the journey's start), so each
stage's pages can be shown; ``gathering_pk`` comes from the gatherings app.
"""

from __future__ import annotations

from collections.abc import Callable

from powerwith.plans import services
from powerwith.plans.models import Stage
from tests.conftest import World


def make_stage(world: World) -> int:
    found = Stage.objects.filter(journey=world.journey).first()
    if found is None:
        services.plan_choose(
            actor=world.facilitator,
            journey=world.journey,
            method="ebcd",
            starts_on=world.journey.started_on,
        )
        found = Stage.objects.filter(journey=world.journey).first()
    assert found is not None
    return found.pk


OBJECTS: dict[str, Callable[[World], int]] = {"stage_pk": make_stage}
