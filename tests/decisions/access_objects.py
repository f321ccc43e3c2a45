"""How to make the objects behind the decisions app's URL arguments (for tests/test_access_walk.py).

Nested arguments (an item of a vote, an action of a group) belong to the same vote or group the
other maker returns, so a URL built from them is a real one.
"""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.decisions import services
from powerwith.decisions.models import CoDesignGroup, Decision, GroupAction, Vote

DAY = datetime.date(2025, 3, 3)


def make_decision(world: Any) -> int:
    found = Decision.objects.filter(journey=world.journey, text="Walker decision").first()
    if found is not None:
        return found.pk
    return services.decision_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Walker decision",
        taken_by="organisation",
        rung="informing",
        where_outside="The trust's board",
        decided_on=DAY,
    ).pk


def make_vote(world: Any) -> int:
    found = Vote.objects.filter(journey=world.journey, title="Walker vote").first()
    if found is not None:
        return found.pk
    vote = services.vote_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Walker vote",
        method="dot",
        labels=["Waiting times", "Parking", "Food"],
    )
    return services.vote_open(actor=world.facilitator, vote=vote).pk


def make_option(world: Any) -> int:
    return Vote.objects.get(pk=make_vote(world)).options.order_by("id").first().pk


def make_group(world: Any) -> int:
    found = CoDesignGroup.objects.filter(journey=world.journey, name="Walker group").first()
    if found is not None:
        return found.pk
    return services.group_create(
        actor=world.facilitator, journey=world.journey, name="Walker group", formed_on=DAY
    ).pk


def make_action(world: Any) -> int:
    group = CoDesignGroup.objects.get(pk=make_group(world))
    found = GroupAction.objects.filter(group=group).first()
    if found is not None:
        return found.pk
    return services.group_action_add(actor=world.facilitator, group=group, what="Walk about").pk


OBJECTS = {
    "decision_pk": make_decision,
    "vote_pk": make_vote,
    "option_pk": make_option,
    "group_pk": make_group,
    "group_action_pk": make_action,
}
