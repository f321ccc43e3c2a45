"""How to make the objects behind the reflection app's URL arguments (for the access walker)."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.reflection import services
from powerwith.reflection.models import Ending, QuestionBank, Round
from powerwith.reflection.selectors import bank_questions


def _walker_bank(world: Any) -> QuestionBank:
    """The journey's own bank (never a built-in one: those are visible to every journey)."""
    found = (
        QuestionBank.objects.filter(journey=world.journey, title="Walker questions")
        .order_by("-version")
        .first()
    )
    if found is not None:
        return found
    bank = services.bank_create(
        actor=world.facilitator, journey=world.journey, title="Walker questions"
    )
    return services.question_add(
        actor=world.facilitator,
        journey=world.journey,
        bank=bank,
        kind="rating",
        text="I know what happened to the ideas I raised.",
    )


def make_bank(world: Any) -> int:
    return _walker_bank(world).pk


def make_question(world: Any) -> int:
    return bank_questions(_walker_bank(world))[0].pk


def make_round(world: Any) -> int:
    found = Round.objects.filter(journey=world.journey, title="Walker round").first()
    if found is not None:
        return found.pk
    return services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=_walker_bank(world),
        title="Walker round",
        anonymous=True,
        opens_on=datetime.date(2025, 2, 3),
    ).pk


def make_ending(world: Any) -> int:
    found = Ending.objects.filter(journey=world.journey, title="Walker review").first()
    if found is not None:
        return found.pk
    return services.ending_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Walker review",
        held_on=datetime.date(2025, 3, 3),
    ).pk


OBJECTS = {
    "bank_pk": make_bank,
    "question_pk": make_question,
    "round_pk": make_round,
    "ending_pk": make_ending,
}
