"""How to make the objects that budgets URLs take (for tests/test_access_walk.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from powerwith.budgets import services
from powerwith.budgets.models import Budget, Spending
from tests.conftest import World

DAY = datetime.date(2025, 2, 1)


def make_budget(world: World) -> int:
    found = Budget.objects.filter(journey=world.journey, name="Walker budget").first()
    if found is not None:
        return found.pk
    return services.budget_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Walker budget",
        amount_pence=10_000,
        final_say="group",
        starts_on=DAY,
        source="Walker fund",
    ).pk


def make_spending(world: World) -> int:
    budget = Budget.objects.get(pk=make_budget(world))
    found = Spending.objects.filter(budget=budget).first()
    if found is not None:
        return found.pk
    return services.spending_add(
        actor=world.facilitator, budget=budget, what="Tea", amount_pence=450, spent_on=DAY
    ).pk


OBJECTS: dict[str, Callable[[World], int]] = {
    "budget_pk": make_budget,
    "spending_pk": make_spending,
}
