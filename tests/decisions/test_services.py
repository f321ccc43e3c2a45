"""Decisions (with fates moved in the same transaction) and co-design groups."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from powerwith.contributions.models import Contribution, FateChange
from powerwith.decisions import services as ds
from powerwith.decisions.models import CoDesignGroup, Decision, GroupAction
from powerwith.gatherings import services as gs
from powerwith.journeys import services as js
from powerwith.people import services as ps
from tests.conftest import build_world

from .helpers import DAY


def decide(vw: Any, **kw: Any) -> Decision:
    args: dict[str, Any] = {
        "text": "Work on waiting times first",
        "taken_by": "group_vote",
        "rung": "co_designing",
        "gathering": vw.gathering,
    }
    args.update(kw)
    return ds.decision_create(actor=vw.world.member, journey=vw.journey, **args)


def test_decision_moves_fates_linked_to_it(vw: Any) -> None:
    limit = js.limit_add(
        actor=vw.f, journey=vw.journey, text="No new building", set_by="funder", why="No capital"
    )
    ps.person_change_role(
        actor=vw.f, person=vw.people["Bea"], role="peer_worker", from_date=datetime.date(2025, 2, 1)
    )
    d = decide(
        vw,
        proposed_by=vw.people["Bea"],
        limits=[limit],
        answers=vw.items[:2],
        fate="prioritised",
        response="We chose these at the joint event.",
    )
    assert (d.decided_on, d.proposer_role, d.proposer_side, d.inside_group) == (
        DAY,
        "peer_worker",
        "lived",
        True,
    )
    assert list(d.limits.all()) == [limit]
    assert set(d.answers.all()) == set(vw.items[:2])
    for c in vw.items[:2]:
        c.refresh_from_db()
        assert c.fate == "prioritised" and c.response == "We chose these at the joint event."
        assert c.last_change.decision == d and c.last_change.on == DAY
    assert FateChange.objects.filter(decision=d).count() == 2


def test_decision_taken_outside_the_group(vw: Any) -> None:
    d = decide(
        vw,
        gathering=None,
        where_outside="The trust's board",
        taken_by="organisation",
        rung="informing",
        decided_on=DAY,
    )
    assert not d.inside_group and d.where_outside == "The trust's board"


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"text": "  "}, "text", "Write what was decided, in plain words."),
        (
            {"gathering": None, "decided_on": DAY},
            "where_outside",
            "Choose the gathering where it was decided, or say where it was decided outside the group.",
        ),
        (
            {"where_outside": "The board"},
            "where_outside",
            "Choose either a gathering of the group or a place outside the group, not both.",
        ),
        ({"taken_by": "king"}, "taken_by", "Choose who took the decision."),
        ({"rung": "top"}, "rung", "Choose where on the ladder of participation it sat."),
        (
            {"decided_on": timezone.localdate() + datetime.timedelta(days=2)},
            "decided_on",
            "The date it was decided cannot be in the future.",
        ),
        (
            {"fate": "prioritised"},
            "answers",
            "Choose the contributions whose fate this decision changes.",
        ),
        (
            {"fate": "new", "answers": "items"},
            "fate",
            "Choose what happens to the contributions it answers.",
        ),
        (
            {"fate": "done", "answers": "items"},
            "change_level",
            "Choose the level at which things changed.",
        ),
        (
            {"fate": "not_possible", "answers": "items"},
            "reason",
            "Explain why it is not possible. People have a right to know.",
        ),
        (
            {"fate": "considering", "answers": "items", "decided_on": datetime.date(2025, 3, 1)},
            "decided_on",
            "\u201cWaiting times\u201d was raised on 3 March 2025, after this date. Check the date or the contributions.",
        ),
    ],
)
def test_bad_decisions_save_nothing(vw: Any, kw: dict, field: str, message: str) -> None:
    if kw.get("answers") == "items":
        kw["answers"] = vw.items[:2]
    with pytest.raises(ValidationError) as exc:
        decide(vw, **kw)
    assert exc.value.message_dict == {field: [message]}
    assert not Decision.objects.exists()
    assert set(Contribution.objects.values_list("fate", flat=True)) == {"new"}
    assert FateChange.objects.filter(decision__isnull=False).count() == 0


def test_decision_refuses_another_journeys_things(vw: Any) -> None:
    other = build_world("2", "Other")
    stranger = ps.person_create(
        actor=other.facilitator, journey=other.journey, name="Zed", role="carer", joined_on=DAY
    )
    with pytest.raises(ValidationError) as exc:
        decide(vw, proposed_by=stranger)
    assert exc.value.message_dict == {"proposed_by": ["Choose a person from this journey."]}


def test_observer_cannot_record_a_decision(vw: Any) -> None:
    with pytest.raises(PermissionDenied):
        ds.decision_create(
            actor=vw.world.observer,
            journey=vw.journey,
            text="x",
            taken_by="funder",
            rung="informing",
            where_outside="Funder",
            decided_on=DAY,
        )


def test_decision_update(vw: Any) -> None:
    d = decide(vw)
    ds.decision_update(
        actor=vw.f,
        decision=d,
        text="Work on parking first",
        taken_by="group_consensus",
        rung="co_producing",
        decided_on=DAY,
        gathering=vw.gathering,
        answers=[vw.items[1]],
        fate="in_progress",
    )
    d.refresh_from_db()
    assert (d.text, d.rung, list(d.answers.all())) == (
        "Work on parking first",
        "co_producing",
        [vw.items[1]],
    )
    vw.items[1].refresh_from_db()
    assert vw.items[1].fate == "in_progress"


def test_group_path_from_item_to_change(vw: Any) -> None:
    item = vw.items[0]
    g = ds.group_create(
        actor=vw.world.member,
        journey=vw.journey,
        name="Waiting group",
        formed_on=DAY,
        item=item,
        members=[vw.people["Ann"], vw.people["Gus"]],
        start_work=True,
    )
    item.refresh_from_db()
    assert item.fate == "in_progress"
    assert "Waiting group" in item.fate_reason
    meeting = gs.gathering_create(
        actor=vw.f,
        journey=vw.journey,
        title="Waiting group, first meeting",
        kind="workshop",
        held_on=DAY,
        venue_kind="institutional",
        group=g,
    )
    a = ds.group_action_add(
        actor=vw.f, group=g, what="Count waits", who=vw.people["Gus"], due_on=DAY
    )
    ds.group_action_update(
        actor=vw.f, action=a, what="Count waits", who=vw.people["Gus"], due_on=DAY, done_on=DAY
    )
    ds.group_close(actor=vw.f, group=g, closed_on=DAY)
    g.refresh_from_db()
    assert list(g.gatherings.all()) == [meeting] and g.closed_on == DAY
    assert GroupAction.objects.get().done_on == DAY
    with pytest.raises(ValidationError) as exc:
        ds.group_action_add(actor=vw.f, group=g, what="More")
    assert exc.value.messages == ["This group has closed, so no new actions can be added."]
    with pytest.raises(ValidationError):
        ds.group_close(actor=vw.f, group=g, closed_on=DAY)


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"name": ""}, "name", "Give the group a name, like \u201cWaiting room group\u201d."),
        (
            {"formed_on": timezone.localdate() + datetime.timedelta(days=3)},
            "formed_on",
            "The date it was formed cannot be in the future.",
        ),
        (
            {"formed_on": datetime.date(2025, 1, 1), "start_work": True},
            "formed_on",
            "The item was raised on 3 March 2025, after this date.",
        ),
    ],
)
def test_bad_groups_save_nothing(vw: Any, kw: dict, field: str, message: str) -> None:
    args: dict[str, Any] = {"name": "G", "formed_on": DAY, "item": vw.items[0]}
    args.update(kw)
    with pytest.raises(ValidationError) as exc:
        ds.group_create(actor=vw.f, journey=vw.journey, **args)
    assert exc.value.message_dict == {field: [message]}
    assert not CoDesignGroup.objects.exists()


def test_bad_actions_and_closing(vw: Any) -> None:
    g = ds.group_create(actor=vw.f, journey=vw.journey, name="G", formed_on=DAY)
    with pytest.raises(ValidationError) as exc:
        ds.group_action_add(actor=vw.f, group=g, what=" ")
    assert exc.value.message_dict == {"what": ["Say what needs doing."]}
    with pytest.raises(ValidationError) as exc:
        ds.group_close(actor=vw.f, group=g, closed_on=datetime.date(2025, 1, 1))
    assert exc.value.message_dict == {
        "closed_on": ["A group cannot close before it formed (3 March 2025)."]
    }
