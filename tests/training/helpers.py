"""Builders for training tests, all through the real services."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.reflection import services as reflection_services
from powerwith.reflection.models import QuestionBank, Round
from powerwith.training import services
from powerwith.training.models import TrainingSession

DAY = datetime.date(2025, 3, 3)


def training_bank() -> QuestionBank:
    reflection_services.banks_sync()
    return QuestionBank.objects.get(builtin=True, key="training", version=1)


def person(world: Any, name: str, role: str = "service_user") -> Person:
    return people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=name,
        role=role,
        joined_on=datetime.date(2025, 1, 6),
    )


def session(
    world: Any, title: str = "Chairing meetings", held_on: datetime.date = DAY
) -> TrainingSession:
    return services.session_create(
        actor=world.facilitator,
        journey=world.journey,
        title=title,
        held_on=held_on,
        trainer="Carers Wales",
    )


def rate(
    world: Any, rnd: Round, ratings: dict[int, int | None], *, given_on: datetime.date
) -> None:
    """Type in one person's answers: question pk -> 1..5, or None for "don't know"."""
    answers = {
        pk: reflection_services.Answer(dont_know=True)
        if r is None
        else reflection_services.Answer(rating=r)
        for pk, r in ratings.items()
    }
    reflection_services.answers_enter(
        actor=world.facilitator,
        round=rnd,
        answers=answers,
        channel="paper",
        side="lived",
        client_token=uuid.uuid4(),
        given_on=given_on,
    )
