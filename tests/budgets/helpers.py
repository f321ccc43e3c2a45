"""A small worked example for the money figures (the same one docs/insights.md walks through)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from powerwith.budgets import services
from powerwith.decisions import services as decision_services
from powerwith.inclusion import services as ledger
from powerwith.people import services as people_services
from tests.conftest import World

D = datetime.date


@dataclass
class Money:
    w: World
    grants: Any
    running: Any
    decisions: dict[str, Any]
    people: dict[str, Any]


def decide(
    w: World, text: str, rung: str, on: datetime.date, taken_by: str = "group_consensus"
) -> Any:
    return decision_services.decision_create(
        actor=w.facilitator,
        journey=w.journey,
        text=text,
        taken_by=taken_by,
        rung=rung,
        decided_on=on,
        where_outside="The group's meeting",
    )


def build_money(w: World) -> Money:
    f = w.facilitator
    grants = services.budget_create(
        actor=f,
        journey=w.journey,
        name="Small grants",
        amount_pence=100_000,
        final_say="group",
        starts_on=D(2025, 1, 1),
        ends_on=D(2025, 12, 31),
        source="Harbour Health Charity",
    )
    running = services.budget_create(
        actor=f,
        journey=w.journey,
        name="Running costs",
        amount_pence=200_000,
        final_say="staff",
        starts_on=D(2025, 1, 1),
        source="The trust",
    )
    d1 = decide(w, "Print our own leaflet", "co_producing", D(2025, 3, 3))
    d2 = decide(w, "Book the civic centre", "consulting", D(2025, 3, 4), "professional")
    d3 = decide(w, "Film the patient stories", "co_designing", D(2025, 3, 5))
    for budget, what, pence, day, decision in (
        (grants, "Leaflets", 12_000, D(2025, 3, 10), d1),
        (grants, "Film day", 3_000, D(2025, 3, 11), d3),
        (running, "Civic centre hire", 40_000, D(2025, 3, 12), d2),
        (running, "Tea and biscuits", 5_000, D(2025, 3, 13), None),
    ):
        services.spending_add(
            actor=f, budget=budget, what=what, amount_pence=pence, spent_on=day, decision=decision
        )
    return Money(w, grants, running, {"d1": d1, "d2": d2, "d3": d3}, {})


def build_staff_time(w: World) -> dict[str, Any]:
    """Sue (staff) gives unpaid evenings; Lin (a patient) gives unpaid time too, which is not
    staff time; Ray was a patient until 1 April 2025 and then joined the staff."""
    f = w.facilitator
    sue = people_services.person_create(
        actor=f,
        journey=w.journey,
        name="Sue",
        role="frontline_staff",
        joined_on=D(2025, 1, 6),
        paid=True,
    )
    lin = people_services.person_create(
        actor=f, journey=w.journey, name="Lin", role="service_user", joined_on=D(2025, 1, 6)
    )
    ray = people_services.person_create(
        actor=f, journey=w.journey, name="Ray", role="service_user", joined_on=D(2025, 1, 6)
    )
    people_services.person_change_role(
        actor=f, person=ray, role="frontline_staff", from_date=D(2025, 4, 1), paid=True
    )
    for person, day, hours, paid in (
        (sue, D(2025, 1, 10), "2", False),
        (sue, D(2025, 2, 14), "1.5", False),
        (sue, D(2025, 4, 3), "3", False),
        (sue, D(2025, 5, 20), "2", False),
        (sue, D(2025, 6, 11), "4", False),
        (sue, D(2025, 6, 12), "3", True),  # paid: not counted
        (lin, D(2025, 6, 1), "2", False),  # a patient: not staff
        (ray, D(2025, 3, 10), "2", False),  # a patient then: not counted
        (ray, D(2025, 5, 5), "1", False),  # staff by then: counted
    ):
        ledger.time_record(actor=f, person=person, on=day, hours=Decimal(hours), paid=paid)
    return {"sue": sue, "lin": lin, "ray": ray}
