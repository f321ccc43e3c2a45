"""How to make the objects that outreach URLs take (for tests/test_access_walk.py)."""

from __future__ import annotations

import datetime
import itertools

from powerwith.outreach import services
from powerwith.outreach.models import LinkedGroup, Stakeholder
from tests.conftest import World

_n = itertools.count(1)
DAY = datetime.date(2025, 2, 1)


def make_stakeholder(world: World) -> int:
    return services.stakeholder_create(
        actor=world.facilitator,
        journey=world.journey,
        name=f"Carers' forum {next(_n)}",
        form="group",
        kind="carers",
        why="They know what discharge is like at home.",
        planned_on=DAY,
    ).pk


def make_step(world: World) -> int:
    entry = Stakeholder.objects.get(pk=make_stakeholder(world))
    return services.stakeholder_record(
        actor=world.facilitator, stakeholder=entry, status="approached", on=DAY
    ).pk


def make_group(world: World) -> int:
    return services.linked_group_create(
        actor=world.facilitator,
        journey=world.journey,
        name=f"Patients' network {next(_n)}",
        kind="network",
        since=DAY,
    ).pk


def make_activity(world: World) -> int:
    group = LinkedGroup.objects.get(pk=make_group(world))
    return services.joint_activity_add(
        actor=world.facilitator, group=group, on=DAY, what="A joint workshop"
    ).pk


OBJECTS = {
    "stakeholder_pk": make_stakeholder,
    "stakeholder_step_pk": make_step,
    "linked_group_pk": make_group,
    "joint_activity_pk": make_activity,
}
