"""How to make the objects behind statement rounds' URL arguments (tests/test_access_walk.py).

The statement belongs to the round the other maker returns, so a URL built from both is real.
"""

from __future__ import annotations

from typing import Any

from powerwith.commonground import services
from powerwith.commonground.models import Statement, StatementRound

QUESTION = "Walker round: what would make the clinic better?"


def make_round(world: Any) -> int:
    found = StatementRound.objects.filter(journey=world.journey, question=QUESTION).first()
    if found is not None:
        return found.pk
    return services.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question=QUESTION,
        participants_may_add=True,
        statements=["The waiting room is too noisy.", "Letters arrive too late."],
    ).pk


def make_statement(world: Any) -> int:
    rnd = StatementRound.objects.get(pk=make_round(world))
    return Statement.objects.filter(round=rnd).order_by("pk").values_list("pk", flat=True)[0]


OBJECTS = {"statement_round_pk": make_round, "statement_pk": make_statement}
