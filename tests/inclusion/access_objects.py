"""How to make the objects that inclusion URLs take (for tests/test_access_walk.py).

Each maker creates a new object in ``world.journey`` through the services and returns its pk.
(``person_pk`` and ``gathering_pk`` come from the people and gatherings apps.)
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from decimal import Decimal

from powerwith.inclusion import services
from powerwith.people import services as people_services
from powerwith.people.models import Person
from tests.conftest import World

_n = itertools.count(1)
DAY = datetime.date(2025, 2, 1)


def _person(world: World) -> Person:
    return people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=f"Walker {next(_n)}",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )


def make_population(world: World) -> int:
    return services.reference_create(
        actor=world.facilitator,
        journey=world.journey,
        name=f"Borough residents {next(_n)}",
        source="Census 2021",
    ).pk


def make_action(world: World) -> int:
    return services.recruitment_create(
        actor=world.facilitator,
        journey=world.journey,
        characteristic="caring",
        category="yes",
        target="Young carers",
        channels=["own_networks"],
        actions="Ask at the carers' centre.",
        planned_on=DAY,
    ).pk


def make_need(world: World) -> int:
    return services.need_add(
        actor=world.facilitator, person=_person(world), kind="transport", since=DAY
    ).pk


def make_asset(world: World) -> int:
    return services.asset_add(
        actor=world.facilitator,
        journey=world.journey,
        person=_person(world),
        kind="knowledge",
        description="Knows every bus route",
    ).pk


def make_gap(world: World) -> int:
    return services.asset_gap_add(
        actor=world.facilitator,
        journey=world.journey,
        kind="skills",
        description="Someone who can read a budget",
    ).pk


def make_claim(world: World) -> int:
    return services.expense_claim(
        actor=world.facilitator,
        person=_person(world),
        description="Bus fare",
        amount_pence=450,
        claimed_on=DAY,
    ).pk


def make_time(world: World) -> int:
    return services.time_record(
        actor=world.facilitator, person=_person(world), on=DAY, hours=Decimal("2")
    ).pk


def make_payment(world: World) -> int:
    return services.payment_record(
        actor=world.facilitator,
        person=_person(world),
        kind="voucher",
        hours=Decimal("2"),
        rate_pence=1221,
        paid_on=DAY,
    ).pk


def make_training(world: World) -> int:
    return services.training_record(
        actor=world.facilitator, person=_person(world), title="Chairing", received_on=DAY
    ).pk


def make_task(world: World) -> int:
    return services.task_record(
        actor=world.facilitator,
        person=_person(world),
        description="Runs the drop-in",
        since=DAY,
        replaces_paid_role=True,
        paid_role="Community worker",
    ).pk


OBJECTS: dict[str, Callable[[World], int]] = {
    "population_pk": make_population,
    "action_pk": make_action,
    "need_pk": make_need,
    "asset_pk": make_asset,
    "gap_pk": make_gap,
    "claim_pk": make_claim,
    "time_pk": make_time,
    "payment_pk": make_payment,
    "training_pk": make_training,
    "task_pk": make_task,
}
