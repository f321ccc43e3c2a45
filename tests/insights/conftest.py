"""Small journeys for the insights tests, built through the real services (values by hand
in each fixture's docstring)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from powerwith.decisions import services as ds
from powerwith.people import services as ps
from powerwith.people.services import organisation_create
from tests.conftest import World

from .builders import D, came, fate, gathering, person, raise_, spoke


@dataclass
class SceneA:
    w: World
    people: dict[str, Any]
    g1: Any
    g2: Any


@pytest.fixture
def scene(world: World) -> SceneA:
    """Five people, two gatherings.

    G1 2025-02-03, formal meeting, institutional premises: all five came.
        turns: Ann 2 (timed 4 min), Ben 1, Cat 3, Dan 4 (timed 8 min), Eve 0.
    G2 2025-03-10, informal session, community space: Ann and Cat came.
        turns: Ann 3, Cat 1.
    Ann service user, Ben carer, Eve community member (lived experience, unpaid);
    Cat front-line staff (NHS), Dan manager (council) (professional, paid).
    """
    w = world
    nhs = organisation_create(
        actor=w.facilitator, journey=w.journey, name="NHS trust", kind="statutory_health"
    )
    council = organisation_create(
        actor=w.facilitator, journey=w.journey, name="Council", kind="statutory_council"
    )
    p = {
        "ann": person(w, "Ann", "service_user"),
        "ben": person(w, "Ben", "carer"),
        "cat": person(w, "Cat", "frontline_staff", paid=True, organisation=nhs),
        "dan": person(w, "Dan", "manager", paid=True, organisation=council),
        "eve": person(w, "Eve", "community_member"),
    }
    g1 = gathering(w, D(2025, 2, 3), title="February meeting")
    came(w, g1, *p.values())
    spoke(
        w,
        g1,
        {p["ann"]: 2, p["ben"]: 1, p["cat"]: 3, p["dan"]: 4},
        minutes={p["ann"]: 4, p["dan"]: 8},
    )
    g2 = gathering(w, D(2025, 3, 10), kind="informal_session", venue="community", title="Café")
    came(w, g2, p["ann"], p["cat"])
    spoke(w, g2, {p["ann"]: 3, p["cat"]: 1})
    return SceneA(w, p, g1, g2)


@dataclass
class SceneF:
    w: World
    c: list[Any]


@pytest.fixture
def follow(scene: SceneA) -> SceneF:
    """Six contributions raised in February 2025.

    c1 Ann, in G1, done (individual) 3 days later.
    c2 Ben, on paper, not possible ("No budget this year") 10 days later.
    c3 anonymous, comment box, no answer.
    c4 anonymous, comment box, merged into c3 the same week (counted once, through c3).
    c5 Cat, in G2, being considered 5 days later.
    c6 Dan, online, done (organisational culture) 1 day later.
    """
    w, p = scene.w, scene.people
    c1 = raise_(w, "Chairs in the waiting room", "gathering", D(2025, 2, 3), p["ann"], scene.g1)
    c2 = raise_(w, "Free parking for carers", "paper", D(2025, 2, 4), p["ben"])
    c3 = raise_(w, "Longer opening hours", "comment_box", D(2025, 2, 5))
    c4 = raise_(w, "Open on Saturdays", "comment_box", D(2025, 2, 6))
    c5 = raise_(w, "Staff rota", "online", D(2025, 2, 7), p["cat"])
    c6 = raise_(w, "Listen to patients at board", "online", D(2025, 2, 8), p["dan"])
    fate(w, c1, "done", D(2025, 2, 6), change_level="individual")
    fate(w, c2, "not_possible", D(2025, 2, 14), reason="No budget this year")
    fate(w, c4, "merged", D(2025, 2, 7), merged_into=c3)
    fate(w, c5, "considering", D(2025, 2, 12))
    fate(w, c6, "done", D(2025, 2, 9), change_level="organisational_culture")
    return SceneF(w, [c1, c2, c3, c4, c5, c6])


@pytest.fixture
def stays(world: World) -> dict[str, Any]:
    """Open gatherings G1-G5 (13, 20, 27 Jan, 3, 10 Feb 2025); the "Signs" co-design group
    (P7 only) meets on its own at G6-G8 (17, 24 Feb, 3 Mar). Missed gatherings in a row that
    mean someone stopped coming: 3 (the default).

    P1 service user: came G1-G5                  -> stays
    P2 service user: came G1, G2                 -> missed G3-G5 (3): stopped coming
    P3 front-line staff: came G1-G3              -> missed G4, G5 (2): stays
    P4 manager: came G1, left on 28 Jan          -> left
    P5 carer: joined 26 Jan, never came          -> expected G3-G5 (3): never came
    P6 senior leader: came G2                    -> missed G3-G5 (3): stopped coming
    P7 volunteer, group member: came G1-G5       -> missed G6-G8 (3): stopped coming
    P8 volunteer, not a member: came G1-G5       -> not expected at G6-G8: stays
    """
    w = world
    p = {
        1: person(w, "P1", "service_user"),
        2: person(w, "P2", "service_user"),
        3: person(w, "P3", "frontline_staff"),
        4: person(w, "P4", "manager"),
        5: person(w, "P5", "carer", joined=D(2025, 1, 26)),
        6: person(w, "P6", "senior_leader"),
        7: person(w, "P7", "volunteer"),
        8: person(w, "P8", "volunteer"),
    }
    group = ds.group_create(
        actor=w.facilitator,
        journey=w.journey,
        name="Signs",
        formed_on=D(2025, 2, 1),
        members=[p[7]],
    )
    days = [D(2025, 1, 13), D(2025, 1, 20), D(2025, 1, 27), D(2025, 2, 3), D(2025, 2, 10)]
    g = [gathering(w, d) for d in days]
    g += [gathering(w, d, group=group) for d in (D(2025, 2, 17), D(2025, 2, 24), D(2025, 3, 3))]
    came_at = {
        1: [0, 1, 2, 3, 4],
        2: [0, 1],
        3: [0, 1, 2],
        4: [0],
        6: [1],
        7: [0, 1, 2, 3, 4],
        8: [0, 1, 2, 3, 4],
    }
    for i, gathering_ in enumerate(g):
        here = [p[k] for k, idx in came_at.items() if i in idx]
        if here:
            came(w, gathering_, *here)
    came(w, g[5], p[7], status="apologies")
    ps.person_leave(actor=w.facilitator, person=p[4], left_on=D(2025, 1, 28), reason="New job")
    return {"w": w, "p": p, "g": g}
