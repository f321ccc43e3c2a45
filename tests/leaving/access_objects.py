"""How to make the objects that leaving URLs take (for tests/test_access_walk.py).

(``person_pk`` comes from the people app and ``asset_pk`` from inclusion.)
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

from powerwith.gatherings import services as gs
from powerwith.leaving import services
from powerwith.people import services as people_services
from tests.conftest import World

_n = itertools.count(1)
DAY = datetime.date(2025, 2, 1)


def make_ask(world: World) -> int:
    person = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=f"Stopper {next(_n)}",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    g = gs.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Walk meeting",
        kind="formal_meeting",
        held_on=datetime.date(2025, 1, 13),
        venue_kind="community",
    )
    gs.attendance_set(actor=world.facilitator, gathering=g, statuses={person.pk: "present"})
    return services.stop_ask_record(
        actor=world.facilitator,
        person=person,
        asked_on=DAY,
        asked_how="phone",
        answer="answered",
        in_their_words="The times did not suit.",
        reasons=["times_places"],
    ).pk


def make_part(world: World) -> int:
    return services.legacy_part_add(
        actor=world.facilitator,
        journey=world.journey,
        what=f"The café {next(_n)}",
        owner_other="The library",
    ).pk


OBJECTS: dict[str, Callable[[World], int]] = {"ask_pk": make_ask, "part_pk": make_part}
