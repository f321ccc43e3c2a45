"""Small builders for foundation tests, all through the real services."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.contributions import services as cs
from powerwith.contributions.models import Contribution
from powerwith.gatherings import services as gs
from powerwith.gatherings.models import Gathering
from powerwith.people import services as ps
from powerwith.people.models import Person

D = datetime.date
FEB_4 = D(2025, 2, 4)


def person(world: Any, name: str, role: str = "service_user", **kw: Any) -> Person:
    kw.setdefault("joined_on", D(2025, 1, 6))
    return ps.person_create(
        actor=world.facilitator, journey=world.journey, name=name, role=role, **kw
    )


def gathering(
    world: Any, title: str = "Café", held_on: datetime.date = FEB_4, **kw: Any
) -> Gathering:
    kw.setdefault("kind", "informal_session")
    kw.setdefault("venue_kind", "community")
    return gs.gathering_create(
        actor=world.facilitator, journey=world.journey, title=title, held_on=held_on, **kw
    )


def contribution(world: Any, text: str, **kw: Any) -> Contribution:
    kw.setdefault("channel", "paper")
    if "raised_by" not in kw:
        kw.setdefault("anonymous", True)
    kw.setdefault("raised_on", D(2025, 2, 4))
    return cs.contribution_create(actor=world.facilitator, journey=world.journey, text=text, **kw)
