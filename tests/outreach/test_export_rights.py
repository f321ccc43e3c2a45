"""Outreach in the journey's export (people by code, never named) and in a person's rights
(their copy; erasure takes their name out and keeps every count)."""

from __future__ import annotations

import datetime

from powerwith.exports import all_tables
from powerwith.insights.period import Period
from powerwith.outreach import insights, rights, services
from powerwith.outreach.models import Stakeholder
from powerwith.people import services as people_services
from powerwith.rights import services as rights_services

D = datetime.date


def _scene(world):
    amina = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Amina",
        role="carer",
        joined_on=D(2025, 1, 6),
    )
    bea = services.stakeholder_create(
        actor=world.member,
        journey=world.journey,
        name="Bea Jones",
        form="person",
        kind="frontline_staff",
        why="Night nurse; Amina knows her from the ward.",
        planned_on=D(2025, 3, 1),
        approacher=amina,
        how="through_someone",
    )
    union = services.stakeholder_create(
        actor=world.member,
        journey=world.journey,
        name="Unison branch",
        form="organisation",
        kind="unions",
        why="Staff voice",
        planned_on=D(2025, 3, 2),
    )
    services.stakeholder_record(
        actor=world.member,
        stakeholder=union,
        status="declined",
        on=D(2025, 3, 9),
        reason="No capacity",
    )
    services.stakeholder_record(
        actor=world.member, stakeholder=bea, status="agreed", on=D(2025, 3, 5)
    )
    joined = services.stakeholder_join(
        actor=world.member,
        stakeholder=bea,
        name="Bea",
        role="frontline_staff",
        joined_on=D(2025, 3, 6),
    )
    group = services.linked_group_create(
        actor=world.member,
        journey=world.journey,
        name="Carers Together",
        kind="user_led",
        since=D(2025, 1, 1),
    )
    services.joint_activity_add(
        actor=world.member, group=group, on=D(2025, 2, 3), what="Amina ran a stall with them"
    )
    return amina, joined


def test_export_names_organisations_never_people(world):
    _scene(world)
    tables, descriptions = all_tables(world.journey)
    assert {
        "outreach_map",
        "outreach_map_history",
        "outreach_groups",
        "outreach_activities",
        "outreach_codes",
    } <= set(descriptions)
    rows = tables["outreach_map"]
    assert [
        (r["entry"], r["name"], r["kind"], r["status"], r["approached_by"], r["joined_as"])
        for r in rows
    ] == [
        ("S001", "", "frontline_staff", "agreed", "P001", "P002"),
        ("S002", "Unison branch", "unions", "declined", "", ""),
    ]
    assert [(r["entry"], r["status"], r["reason"]) for r in tables["outreach_map_history"]] == [
        ("S001", "to_approach", ""),
        ("S001", "agreed", ""),
        ("S002", "to_approach", ""),
        ("S002", "declined", "No capacity"),
    ]
    assert "Bea Jones" not in repr(tables["outreach_map"])
    assert tables["outreach_groups"][0]["name"] == "Carers Together"
    assert tables["outreach_activities"] == [
        {"group": "G01", "on": D(2025, 2, 3), "what": "Amina ran a stall with them"}
    ]


def test_a_copy_and_erasure(world):
    amina, bea = _scene(world)
    held = rights.held(bea)
    assert (
        held["who should be involved: their entry before joining"][0]["Name on the map"]
        == "Bea Jones"
    )
    assert [r["What happened"] for r in held["who should be involved: what happened"]] == [
        "Still to approach",
        "Agreed to take part",
    ]
    assert (
        rights.held(amina)["who should be involved: people they were asked to approach"][0][
            "Name on the map"
        ]
        == "Bea Jones"
    )
    before = insights.compute(world.journey, Period())
    rights_services.person_erase(actor=world.facilitator, person=amina)
    after = insights.compute(world.journey, Period())
    assert before == after
    entry = Stakeholder.objects.get(name="Bea Jones")
    assert "Amina" not in entry.why and "Erased person" in entry.why
    assert entry.approacher_id == amina.pk
    tables, _ = all_tables(world.journey)
    assert "Amina" not in tables["outreach_activities"][0]["what"]
