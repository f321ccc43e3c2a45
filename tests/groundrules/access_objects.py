"""How to make the objects that groundrules URLs take (for tests/test_access_walk.py)."""

from __future__ import annotations

import datetime
import itertools

from powerwith.groundrules import services
from tests.conftest import World

_n = itertools.count(1)
DAY = datetime.date(2025, 2, 1)


def make_rule(world: World) -> int:
    return services.ground_rule_propose(
        actor=world.facilitator,
        journey=world.journey,
        text=f"One voice at a time ({next(_n)})",
        proposed_on=DAY,
    ).pk


def make_word(world: World) -> int:
    return services.word_add(
        actor=world.facilitator,
        journey=world.journey,
        term=f"MDT {next(_n)}",
        meaning="The team of specialists who meet to plan someone's treatment.",
        asked_on=DAY,
    ).pk


def make_wording(world: World) -> int:
    return services.wording_propose(
        actor=world.facilitator,
        journey=world.journey,
        kind="problem",
        text=f"People wait too long between tests and results ({next(_n)}).",
        proposed_on=DAY,
    ).pk


OBJECTS = {"rule_pk": make_rule, "word_pk": make_word, "wording_pk": make_wording}
