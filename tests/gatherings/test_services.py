"""Gatherings: details, agenda, attendance and speaking turns (idempotent taps, undo, entered
afterwards)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from powerwith.gatherings import services as gs
from powerwith.gatherings.models import AgendaItem, Attendance, Gathering, SpeakingTurn
from powerwith.people import services as ps
from tests.people.builders import D, gathering, person


def test_gathering_format_comes_from_its_kind_and_bad_input_is_named(world):
    g = gathering(world, kind="walk_and_talk")
    assert g.format == "informal"
    for kw, field, message in (
        (
            {"title": " "},
            "title",
            "Enter a short name for the gathering, like “March café session”.",
        ),
        ({"kind": "party"}, "kind", "Choose what kind of gathering it was."),
        ({"venue_kind": "moon"}, "venue_kind", "Choose where it was held."),
        ({"stage": "co_dreaming"}, "stage", "Choose a stage from the list."),
    ):
        args = {
            "title": "T",
            "kind": "workshop",
            "venue_kind": "online",
            "held_on": D(2025, 1, 1),
            **kw,
        }
        with pytest.raises(ValidationError) as exc:
            gs.gathering_create(actor=world.facilitator, journey=world.journey, **args)
        assert exc.value.message_dict == {field: [message]}
    assert Gathering.objects.count() == 1


def test_moving_a_gathering_moves_its_role_snapshots(world):
    ann = person(world, "Ann", "service_user")
    ps.person_change_role(
        actor=world.facilitator, person=ann, role="peer_worker", from_date=D(2025, 3, 1)
    )
    g = gathering(world, held_on=D(2025, 2, 1))
    gs.turn_record(actor=world.facilitator, gathering=g, person=ann)
    gs.agenda_item_add(actor=world.facilitator, gathering=g, title="X", proposed_by=ann)
    assert SpeakingTurn.objects.get().role == "service_user"
    gs.gathering_update(
        actor=world.facilitator,
        gathering=g,
        title=g.title,
        kind=g.kind,
        held_on=D(2025, 3, 5),
        venue_kind=g.venue_kind,
    )
    assert SpeakingTurn.objects.get().role == "peer_worker"
    assert Attendance.objects.get().role == "peer_worker"
    assert AgendaItem.objects.get().proposer_role == "peer_worker"


def test_agenda_items_keep_who_proposed_them_and_their_side(world):
    bob = person(world, "Bob", "manager")
    g = gathering(world)
    a = gs.agenda_item_add(actor=world.facilitator, gathering=g, title=" Parking ", proposed_by=bob)
    b = gs.agenda_item_add(actor=world.facilitator, gathering=g, title="Tea")
    assert [(i.title, i.position, i.proposer_side) for i in (a, b)] == [
        ("Parking", 1, "professional"),
        ("Tea", 2, ""),
    ]
    with pytest.raises(ValidationError) as exc:
        gs.agenda_item_add(actor=world.facilitator, gathering=g, title="")
    assert exc.value.message_dict == {"title": ["Enter the agenda item."]}
    gs.agenda_item_remove(actor=world.facilitator, item=a)
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Tea"]


def test_attendance_set_creates_and_updates(world):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    assert (
        gs.attendance_set(
            actor=world.facilitator, gathering=g, statuses={ann.pk: "present", bob.pk: "apologies"}
        )
        == 2
    )
    assert (
        gs.attendance_set(
            actor=world.facilitator, gathering=g, statuses={ann.pk: "present", bob.pk: "absent"}
        )
        == 1
    )
    assert dict(Attendance.objects.values_list("person__name", "status")) == {
        "Ann": "present",
        "Bob": "absent",
    }
    assert dict(Attendance.objects.values_list("person__name", "side")) == {
        "Ann": "lived",
        "Bob": "professional",
    }
    with pytest.raises(ValidationError) as exc:
        gs.attendance_set(actor=world.facilitator, gathering=g, statuses={ann.pk: "maybe"})
    assert exc.value.message_dict == {"status": ["Choose came, sent apologies or did not come."]}


def test_attendance_refuses_people_of_another_journey(world):
    from powerwith.journeys import services as js

    other = js.journey_create(actor=world.facilitator, title="Other")
    stranger = ps.person_create(
        actor=world.facilitator, journey=other, name="S", role="carer", joined_on=D(2025, 1, 1)
    )
    g = gathering(world)
    with pytest.raises(ValidationError) as exc:
        gs.attendance_set(actor=world.facilitator, gathering=g, statuses={stranger.pk: "present"})
    assert exc.value.messages == ["Someone in the list is not in this journey."]
    assert Attendance.objects.count() == 0


def test_the_same_tap_twice_is_one_turn(world):
    ann = person(world, "Ann")
    g = gathering(world)
    t1, c1 = gs.turn_record(actor=world.facilitator, gathering=g, person=ann, client_token="tap-1")
    t2, c2 = gs.turn_record(actor=world.facilitator, gathering=g, person=ann, client_token="tap-1")
    t3, c3 = gs.turn_record(actor=world.facilitator, gathering=g, person=ann, client_token="tap-2")
    assert (c1, c2, c3) == (True, False, True) and t1.pk == t2.pk != t3.pk
    assert SpeakingTurn.objects.count() == 2
    # A speaker is marked as having come.
    assert Attendance.objects.get().status == "present"


def test_a_tap_token_from_another_gathering_is_refused(world):
    ann = person(world, "Ann")
    g1, g2 = gathering(world, "One"), gathering(world, "Two")
    gs.turn_record(actor=world.facilitator, gathering=g1, person=ann, client_token="tok")
    with pytest.raises(ValidationError) as exc:
        gs.turn_record(actor=world.facilitator, gathering=g2, person=ann, client_token="tok")
    assert exc.value.messages == ["This tap belongs to another gathering. Reload the page."]


def test_a_speaker_who_sent_apologies_is_marked_as_come(world):
    ann = person(world, "Ann")
    g = gathering(world)
    gs.attendance_set(actor=world.facilitator, gathering=g, statuses={ann.pk: "apologies"})
    gs.turn_record(actor=world.facilitator, gathering=g, person=ann)
    assert Attendance.objects.get().status == "present"


def test_undo_removes_the_last_turn_of_this_note_taker_only(world):
    ann, bob = person(world, "Ann"), person(world, "Bob")
    g = gathering(world)
    gs.turn_record(actor=world.facilitator, gathering=g, person=ann)
    gs.turn_record(actor=world.member, gathering=g, person=bob)
    gs.turn_record(actor=world.facilitator, gathering=g, person=bob)
    undone = gs.turn_undo(actor=world.facilitator, gathering=g)
    assert undone is not None and undone.person == bob
    assert sorted(SpeakingTurn.objects.values_list("person__name", "recorded_by__first_name")) == [
        ("Ann", "Fran"),
        ("Bob", "Mo"),
    ]
    gs.turn_undo(actor=world.facilitator, gathering=g)
    assert gs.turn_undo(actor=world.facilitator, gathering=g) is None
    assert SpeakingTurn.objects.count() == 1


def test_seconds_and_stopping_the_clock(world):
    ann = person(world, "Ann")
    g = gathering(world)
    turn, _ = gs.turn_record(actor=world.facilitator, gathering=g, person=ann)
    gs.turn_stop(
        actor=world.facilitator, turn=turn, at=turn.started_at + datetime.timedelta(seconds=95)
    )
    turn.refresh_from_db()
    assert turn.seconds == 95
    gs.turn_stop(
        actor=world.facilitator, turn=turn, at=turn.started_at + datetime.timedelta(seconds=500)
    )
    turn.refresh_from_db()
    assert turn.seconds == 95  # already stopped
    with pytest.raises(ValidationError) as exc:
        gs.turn_set_seconds(actor=world.facilitator, turn=turn, seconds=-1)
    assert exc.value.message_dict == {
        "seconds": ["Speaking time must be between 0 seconds and 6 hours."]
    }
    gs.turn_set_seconds(actor=world.facilitator, turn=turn, seconds=40)
    turn.refresh_from_db()
    assert turn.seconds == 40


def test_turns_entered_afterwards_replace_earlier_entries_but_keep_live_taps(world):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    gs.turn_record(actor=world.facilitator, gathering=g, person=ann)  # live
    assert (
        gs.turns_enter(
            actor=world.facilitator, gathering=g, counts={ann.pk: 2, bob.pk: 4}, minutes={bob.pk: 6}
        )
        == 6
    )
    assert gs.turns_enter(actor=world.facilitator, gathering=g, counts={bob.pk: 3}) == 3
    rows = sorted(
        (t.person.name, t.started_at is None, t.seconds)
        for t in SpeakingTurn.objects.select_related("person")
    )
    assert rows == [
        ("Ann", False, None),
        ("Ann", True, None),
        ("Ann", True, None),
        ("Bob", True, None),
        ("Bob", True, None),
        ("Bob", True, None),
    ]
    gs.turns_enter(actor=world.facilitator, gathering=g, counts={bob.pk: 4}, minutes={bob.pk: 6})
    assert list(SpeakingTurn.objects.filter(person=bob).values_list("seconds", flat=True)) == [
        90,
        90,
        90,
        90,
    ]
    assert Attendance.objects.filter(gathering=g, status="present").count() == 2
    with pytest.raises(ValidationError) as exc:
        gs.turns_enter(actor=world.facilitator, gathering=g, counts={bob.pk: -1})
    assert exc.value.message_dict == {
        f"turns_{bob.pk}": ["Enter a number of turns between 0 and 500."]
    }
    assert SpeakingTurn.objects.filter(person=bob).count() == 4  # nothing half-saved
