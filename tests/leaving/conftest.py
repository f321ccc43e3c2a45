"""The worked example of docs/insights.md ("## leaving"), built on the retention scene."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.contributions import services as cs
from powerwith.decisions import services as ds
from powerwith.inclusion import services as inc
from powerwith.leaving import services
from powerwith.people import services as ps
from tests.insights.builders import D
from tests.insights.conftest import stays  # noqa: F401  (the fixture this scene builds on)


@pytest.fixture
def scene(stays: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """On top of ``stays`` (P2, P6 and P7 stopped coming; P4 left on 28 January 2025):

    - P2 (service user, lived) asked by phone on 1 Feb 2025: told us why (times or places;
      health or caring).
    - P6 (senior leader, professional) asked by email on 5 Feb 2025: did not want to say.
    - P7 (volunteer, lived) asked in person on 20 Mar 2025: told us why (not heard; nothing
      changed).
    - P3 (front-line staff) changed role to manager on 1 Feb 2025.
    - P4 held a task, an action of the "Signs" group and an open contribution, and two assets
      (skills: the booking system; resources: meeting rooms); the trust brings one asset, P1
      one. The handover of P4 (left) hands the task to P1 and the action to P8; the
      contribution stays with P4. P4's skills asset was handed over to P3 on 30 Jan 2025.
    - Funding ends on 31 August 2025.
    """
    w, p = stays["w"], stays["p"]
    f = w.facilitator
    asks = {
        2: services.stop_ask_record(
            actor=f,
            person=p[2],
            asked_on=D(2025, 2, 1),
            asked_how="phone",
            answer="answered",
            in_their_words="Mondays clash with my dialysis.",
            reasons=["times_places", "health_caring"],
        ),
        6: services.stop_ask_record(
            actor=f, person=p[6], asked_on=D(2025, 2, 5), asked_how="email", answer="declined"
        ),
        7: services.stop_ask_record(
            actor=f,
            person=p[7],
            asked_on=D(2025, 3, 20),
            asked_how="in_person",
            answer="answered",
            in_their_words="Nobody listened about the signs, and nothing changed.",
            reasons=["not_heard", "nothing_changed"],
        ),
    }
    ps.person_change_role(actor=f, person=p[3], role="manager", from_date=D(2025, 2, 1))
    task = inc.task_record(
        actor=f, person=p[4], description="Books the rooms", since=D(2025, 1, 10)
    )
    group = p[7].codesign_groups.get()
    action = ds.group_action_add(actor=f, group=group, what="Draft the new signs", who=p[4])
    owned = cs.contribution_create(
        actor=f,
        journey=w.journey,
        text="Parking is hard",
        channel="paper",
        raised_on=D(2025, 1, 13),
        raised_by=p[1],
    )
    cs.contribution_set_fate(
        actor=f, contribution=owned, fate="considering", on=D(2025, 1, 20), owner=p[4]
    )
    org = ps.organisation_create(actor=f, journey=w.journey, name="The trust", kind="voluntary")
    skills = inc.asset_add(
        actor=f, journey=w.journey, kind="skills", description="The booking system", person=p[4]
    )
    inc.asset_add(
        actor=f, journey=w.journey, kind="resources", description="Meeting rooms", person=p[4]
    )
    inc.asset_add(
        actor=f, journey=w.journey, kind="resources", description="A hall", organisation=org
    )
    inc.asset_add(
        actor=f, journey=w.journey, kind="knowledge", description="Bus routes", person=p[1]
    )
    services.asset_keep(actor=f, asset=skills, how="Wrote it up", on=D(2025, 1, 30), handed_to=p[3])
    handover = services.handover_record(
        actor=f,
        person=p[4],
        occasion="left",
        knew_and_did="Ran the room bookings.",
        contacts="Estates desk, ext 4410",
        reassign={f"task-{task.pk}": p[1], f"group_action-{action.pk}": p[8]},
    )
    services.funding_set(actor=f, journey=w.journey, funding_ends_on=D(2025, 8, 31), funder="NHS")
    return {
        **stays,
        "asks": asks,
        "task": task,
        "action": action,
        "owned": owned,
        "skills": skills,
        "handover": handover,
        "org": org,
    }
