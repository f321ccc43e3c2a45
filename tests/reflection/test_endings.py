"""Endings: a structured review from each stakeholder's view, and realist notes linked to the
record; both part of the export."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from powerwith.contributions import services as contribution_services
from powerwith.gatherings import services as gathering_services
from powerwith.people import services as people_services
from powerwith.reflection import export, services
from powerwith.reflection.models import EndingView, RealistNote
from tests.conftest import build_world

from .helpers import people

DAY = datetime.date(2025, 6, 30)


def _ending(world: Any) -> Any:
    return services.ending_create(
        actor=world.member,
        journey=world.journey,
        title=" End of co-design ",
        held_on=DAY,
        stage="co_design",
    )


def test_a_review_with_views_and_notes(world: Any) -> None:
    ending = _ending(world)
    assert (ending.title, ending.stage, ending.created_by) == (
        "End of co-design",
        "co_design",
        world.member,
    )
    (amara,) = people(world, "service_user", 1, "Amara")
    people_services.person_change_role(
        actor=world.facilitator,
        person=amara,
        role="peer_worker",
        paid=True,
        from_date=datetime.date(2025, 6, 1),
    )
    group = services.ending_view_add(
        actor=world.member,
        ending=ending,
        perspective="Patients' group",
        side="lived",
        achieved="A new leaflet",
        did_not_work="Ward care",
        channel="paper",
    )
    one = services.ending_view_add(
        actor=world.member,
        ending=ending,
        perspective="",
        person=amara,
        skills_gained="Chairing a meeting",
        side="professional",
        role="manager",
    )
    assert (group.side, group.role, group.channel) == ("lived", "", "paper")
    # One person's view keeps the role they held on the day, whatever was typed.
    assert (one.perspective, one.role, one.side) == ("Amara-0", "peer_worker", "lived")
    assert [label for label, text in one.parts() if text] == ["Skills and confidence gained"]

    gathering = gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Joint event",
        kind="codesign_event",
        held_on=datetime.date(2025, 5, 1),
        venue_kind="institutional",
    )
    raised = contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Ward care",
        channel="paper",
        raised_on=datetime.date(2025, 5, 2),
        anonymous=True,
    )
    note = services.realist_note_add(
        actor=world.member,
        ending=ending,
        context="Patients in treatment",
        mechanism="They held back",
        outcome="Ward issues came late",
        gatherings=[gathering],
        contributions=[raised],
    )
    assert list(note.gatherings.all()) == [gathering]
    assert list(note.contributions.all()) == [raised]

    t = export.tables(world.journey)
    assert t["reflection_endings"] == [
        {
            "ending_id": ending.pk,
            "title": "End of co-design",
            "stage": "co_design",
            "held_on": DAY,
            "summary": "",
        }
    ]
    views = t["reflection_ending_views"]
    assert [v["perspective"] for v in views] == ["Patients' group", views[1]["person_id"]]
    assert views[1]["person_id"].startswith("P0") and "Amara" not in repr(views)
    assert t["reflection_realist_notes"] == [
        {
            "ending_id": ending.pk,
            "context": "Patients in treatment",
            "mechanism": "They held back",
            "outcome": "Ward issues came late",
            "gathering_ids": str(gathering.pk),
            "contribution_ids": str(raised.pk),
            "decision_ids": "",
        }
    ]


def test_bad_reviews_are_refused_and_nothing_is_saved(world: Any) -> None:
    with pytest.raises(ValidationError) as e:
        services.ending_create(actor=world.member, journey=world.journey, title="", held_on=DAY)
    assert e.value.message_dict == {
        "title": ["Enter a name, such as \u201cEnd of the co-design phase\u201d."]
    }
    with pytest.raises(ValidationError) as e:
        services.ending_create(
            actor=world.member,
            journey=world.journey,
            title="Early",
            held_on=datetime.date(2024, 12, 1),
        )
    assert e.value.message_dict == {
        "held_on": ["The review must be on or after the journey started (06 January 2025)."]
    }
    ending = _ending(world)
    cases = [
        ({"perspective": "Staff"}, "achieved", "Write something in at least one of the boxes."),
        (
            {"perspective": "", "achieved": "x"},
            "perspective",
            "Say whose view this is, such as \u201cthe patients' group\u201d.",
        ),
        (
            {"perspective": "Staff", "achieved": "x", "side": "both"},
            "side",
            "Choose lived experience or professional, or leave it empty.",
        ),
        (
            {"perspective": "Staff", "achieved": "x", "role": "boss"},
            "role",
            "Choose a role from the list, or leave it empty.",
        ),
        (
            {"perspective": "Staff", "achieved": "x", "channel": "pigeon"},
            "channel",
            "Choose how this view came in.",
        ),
    ]
    for kwargs, field, message in cases:
        with pytest.raises(ValidationError) as e:
            services.ending_view_add(actor=world.member, ending=ending, **kwargs)
        assert e.value.message_dict == {field: [message]}
    with pytest.raises(ValidationError) as e:
        services.realist_note_add(
            actor=world.member, ending=ending, context=" ", mechanism="", outcome=""
        )
    assert e.value.message_dict == {
        "context": ["Describe the context: the circumstances that mattered."],
        "mechanism": ["Describe the mechanism: what people did or felt that made the difference."],
        "outcome": ["Describe the outcome: what happened as a result."],
    }
    other = build_world("2", "Elsewhere")
    theirs = gathering_services.gathering_create(
        actor=other.facilitator,
        journey=other.journey,
        title="Theirs",
        kind="formal_meeting",
        held_on=datetime.date(2025, 5, 1),
        venue_kind="institutional",
    )
    (stranger,) = people(other, "carer", 1, "Stranger")
    with pytest.raises(ValidationError) as e:
        services.realist_note_add(
            actor=world.member,
            ending=ending,
            context="c",
            mechanism="m",
            outcome="o",
            gatherings=[theirs],
        )
    assert e.value.message_dict == {"gatherings": ["Choose gatherings from this journey."]}
    with pytest.raises(ValidationError) as e:
        services.ending_view_add(
            actor=world.member, ending=ending, perspective="x", achieved="y", person=stranger
        )
    assert e.value.message_dict == {"person": ["Choose a person from this journey."]}
    assert not EndingView.objects.exists() and not RealistNote.objects.exists()
