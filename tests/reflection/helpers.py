"""Builders for reflection tests, all through the real services."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.reflection import services
from powerwith.reflection.models import Question, QuestionBank, Round
from powerwith.reflection.selectors import bank_questions

DAY = datetime.date(2025, 3, 3)


def builtin(key: str, version: int = 1) -> QuestionBank:
    services.banks_sync()
    return QuestionBank.objects.get(builtin=True, key=key, version=version)


def question(bank: QuestionBank, key: str) -> Question:
    return next(q for q in bank_questions(bank) if q.key == key)


def people(world: Any, role: str, n: int, prefix: str = "") -> list[Person]:
    return [
        people_services.person_create(
            actor=world.facilitator,
            journey=world.journey,
            name=f"{prefix or role}-{i}",
            role=role,
            joined_on=datetime.date(2025, 1, 6),
        )
        for i in range(n)
    ]


def open_round(
    world: Any,
    bank: QuestionBank,
    *,
    anonymous: bool = True,
    keep_role: bool = False,
    title: str = "Spring power audit",
    opens_on: datetime.date = DAY,
) -> Round:
    return services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=bank,
        title=title,
        anonymous=anonymous,
        keep_role=keep_role,
        opens_on=opens_on,
    )


def enter(
    world: Any,
    rnd: Round,
    answers: dict[int, services.Answer],
    *,
    person: Person | None = None,
    side: str = "",
    role: str = "",
    channel: str = "paper",
    **kw: Any,
) -> services.Submitted:
    return services.answers_enter(
        actor=world.facilitator,
        round=rnd,
        answers=answers,
        channel=channel,
        person=person,
        side=side,
        role=role,
        client_token=uuid.uuid4(),
        **kw,
    )


def rate(q: Question, value: int | None) -> dict[int, services.Answer]:
    if value is None:
        return {q.pk: services.Answer(dont_know=True)}
    return {q.pk: services.Answer(rating=value)}
