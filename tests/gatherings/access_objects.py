"""How to make the objects behind the gatherings app's URL arguments (for the access walker).

An agenda item and a turn belong to a gathering, so every maker reuses the same gathering: the
walker then gets a gathering_pk and item_pk/turn_pk that belong together."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.gatherings import services
from powerwith.gatherings.models import AgendaItem, Gathering, SpeakingTurn
from tests.people.access_objects import make_person


def _gathering(world: Any) -> Gathering:
    found = Gathering.objects.filter(journey=world.journey, title="Walker café").first()
    if found is not None:
        return found
    return services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Walker café",
        kind="informal_session",
        held_on=datetime.date(2025, 2, 4),
        venue_kind="community",
    )


def make_gathering(world: Any) -> int:
    return _gathering(world).pk


def make_item(world: Any) -> int:
    g = _gathering(world)
    found = AgendaItem.objects.filter(gathering=g).first()
    if found is not None:
        return found.pk
    return services.agenda_item_add(actor=world.facilitator, gathering=g, title="Parking").pk


def make_turn(world: Any) -> int:
    g = _gathering(world)
    found = SpeakingTurn.objects.filter(gathering=g).first()
    if found is not None:
        return found.pk
    from powerwith.people.models import Person

    person = Person.objects.get(pk=make_person(world))
    turn, _ = services.turn_record(actor=world.facilitator, gathering=g, person=person)
    return turn.pk


def make_left_off(world: Any) -> int:
    from powerwith.gatherings.models import LeftOff

    g = _gathering(world)
    found = LeftOff.objects.filter(gathering=g).first()
    if found is not None:
        return found.pk
    return services.left_off_add(
        actor=world.facilitator, gathering=g, group="Night-shift staff", reason="Room too small"
    ).pk


OBJECTS = {
    "gathering_pk": make_gathering,
    "item_pk": make_item,
    "turn_pk": make_turn,
    "left_off_pk": make_left_off,
}
