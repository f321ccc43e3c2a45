"""Fixtures for reflection tests: a journey with a closed anonymous round that has answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from powerwith.journeys import services as journey_services
from powerwith.people.models import Person
from powerwith.reflection import services
from powerwith.reflection.models import QuestionBank, Round

from .helpers import builtin, enter, open_round, people, question


@dataclass
class Audit:
    world: Any
    bank: QuestionBank
    round: Round
    staff: list[Person]
    patients: list[Person]


@pytest.fixture
def audit_round(world: Any) -> Audit:
    """A power audit: 5 staff who strongly agree people speak freely, 5 patients who disagree;
    trust: staff 4, patients 4 (no gap). Written answers from two patients. Closed."""
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    speak, trust = question(bank, "speak_freely"), question(bank, "trust")
    barriers = question(bank, "barriers_open")
    staff = people(world, "frontline_staff", 5, "Nurse")
    patients = people(world, "service_user", 5, "Patient")
    for p in staff:
        enter(
            world,
            rnd,
            {speak.pk: services.Answer(rating=5), trust.pk: services.Answer(rating=4)},
            person=p,
        )
    for i, p in enumerate(patients):
        answers = {speak.pk: services.Answer(rating=2), trust.pk: services.Answer(rating=4)}
        if i < 2:
            answers[barriers.pk] = services.Answer(text=f"The meetings are at 9am ({i})")
        enter(world, rnd, answers, person=p)
    services.round_close(actor=world.facilitator, round=rnd)
    rnd.refresh_from_db()
    return Audit(world=world, bank=bank, round=rnd, staff=staff, patients=patients)


def link(world: Any, user: Any, person: Person, role: str = "") -> None:
    """Link an account to a person of the journey, through the journeys service."""
    from powerwith.journeys.models import Membership

    current = Membership.objects.filter(journey=world.journey, user=user).first()
    journey_services.membership_add(
        actor=world.facilitator,
        journey=world.journey,
        user=user,
        role=role or (current.role if current else "member"),
        person=person,
    )
