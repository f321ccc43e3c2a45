"""Building blocks for the decisions tests, made through the real services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from powerwith.contributions import services as cs
from powerwith.decisions import services as ds
from powerwith.gatherings import services as gs
from powerwith.journeys import services as js
from powerwith.people import services as ps

DAY = datetime.date(2025, 3, 3)


@dataclass
class VoteWorld:
    world: Any
    people: dict[str, Any] = field(default_factory=dict)
    items: list[Any] = field(default_factory=list)
    gathering: Any = None

    @property
    def journey(self) -> Any:
        return self.world.journey

    @property
    def f(self) -> Any:
        return self.world.facilitator


LIVED = ["Ann", "Bea", "Cat", "Dot", "Eve", "Flo"]
STAFF = ["Gus", "Hal", "Ian", "Jo", "Kay", "Lou"]


def build(world: Any, *, n_items: int = 4) -> VoteWorld:
    j, f = world.journey, world.facilitator
    vw = VoteWorld(world)
    for name in LIVED:
        vw.people[name] = ps.person_create(
            actor=f, journey=j, name=name, role="service_user", joined_on=datetime.date(2025, 1, 6)
        )
    for name in STAFF:
        vw.people[name] = ps.person_create(
            actor=f,
            journey=j,
            name=name,
            role="frontline_staff",
            joined_on=datetime.date(2025, 1, 6),
        )
    # Mo (the member account) is Ann in the register; Olu (observer) is Gus.
    js.membership_add(actor=f, journey=j, user=world.member, role="member", person=vw.people["Ann"])
    js.membership_add(
        actor=f, journey=j, user=world.observer, role="observer", person=vw.people["Gus"]
    )
    vw.gathering = gs.gathering_create(
        actor=f,
        journey=j,
        title="Joint event",
        kind="codesign_event",
        held_on=DAY,
        venue_kind="community",
    )
    texts = ["Waiting times", "Parking", "Being told results", "Ward food", "Night noise", "Chairs"]
    for i in range(n_items):
        vw.items.append(
            cs.contribution_create(
                actor=f,
                journey=j,
                text=texts[i],
                channel="gathering",
                gathering=vw.gathering,
                raised_by=vw.people[LIVED[i % len(LIVED)]],
            )
        )
    return vw


def open_vote(vw: VoteWorld, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "title": "What first?",
        "method": "dot",
        "contributions": vw.items,
        "gathering": vw.gathering,
    }
    args.update(kw)
    vote = ds.vote_create(actor=vw.f, journey=vw.journey, **args)
    return ds.vote_open(actor=vw.f, vote=vote)


def option_ids(vote: Any) -> list[int]:
    return list(vote.options.values_list("pk", flat=True))


def paper(vw: VoteWorld, vote: Any, name: str, marks: dict[int, int], **kw: Any) -> Any:
    return ds.ballot_cast(
        actor=vw.f, vote=vote, person=vw.people[name], marks=marks, channel="paper", **kw
    )
