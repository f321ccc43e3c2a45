"""Outreach pages: what each role sees, bad input on each form (specific message, typed value
kept, nothing saved), joining the register from the map, and query counts on list pages."""

from __future__ import annotations

import datetime

from django.urls import reverse

from powerwith.outreach import services
from powerwith.outreach.models import JointActivity, LinkedGroup, Stakeholder
from powerwith.people.models import Person

D = datetime.date


def url(world, name, **kw):
    return reverse(f"outreach:{name}", kwargs={"slug": world.journey.slug, **kw})


def _entry(world, name="Ward 7 carers", **kw):
    args = {
        "name": name,
        "form": "group",
        "kind": "carers",
        "why": "They see discharge from home.",
        "planned_on": D(2025, 3, 1),
    }
    args.update(kw)
    return services.stakeholder_create(actor=world.facilitator, journey=world.journey, **args)


def test_map_names_people_only_to_members_and_facilitators(client, world):
    _entry(world, name="Dev Patel", form="person", kind="frontline_staff")
    for who, status in (("observer", 403), ("member", 200), ("facilitator", 200)):
        client.force_login(getattr(world, who))
        r = client.get(url(world, "map"))
        assert r.status_code == status, who
        assert (b"Dev Patel" in r.content) is (status == 200)
    client.force_login(world.observer)
    r = client.get(reverse("inclusion:overview", kwargs={"slug": world.journey.slug}))
    assert b"Dev Patel" not in r.content
    assert b"1 entry on the map of who should be involved: 1 not asked yet" in r.content
    assert f'href="{url(world, "map")}"'.encode() not in r.content  # no link to the names


def test_adding_an_entry_through_the_page(client, world):
    client.force_login(world.member)
    r = client.post(
        url(world, "entry_add"),
        {
            "name": "Unison branch",
            "form": "organisation",
            "kind": "unions",
            "why": "",
            "planned_on": "2025-03-01",
        },
    )
    assert r.status_code == 400
    assert "Say why they matter to this work." in r.content.decode()
    assert 'value="Unison branch"' in r.content.decode()
    assert Stakeholder.objects.count() == 0
    r = client.post(
        url(world, "entry_add"),
        {
            "name": "Unison branch",
            "form": "organisation",
            "kind": "unions",
            "why": "Staff on nights",
            "planned_on": "2025-03-01",
            "how": "email",
        },
    )
    e = Stakeholder.objects.get()
    assert r.status_code == 302 and r["Location"] == url(world, "entry", stakeholder_pk=e.pk)
    assert (e.name, e.kind, e.how, e.recorded_by) == (
        "Unison branch",
        "unions",
        "email",
        world.member,
    )


def test_recording_a_decline_needs_a_reason_on_the_page(client, world):
    e = _entry(world)
    client.force_login(world.member)
    r = client.post(
        url(world, "entry_record", stakeholder_pk=e.pk),
        {"status": "declined", "on": "2025-03-04", "reason": "", "notes": "Asked at the café"},
    )
    assert r.status_code == 400
    assert "Say why they declined, in their words if you can." in r.content.decode()
    assert "Asked at the café" in r.content.decode()
    assert e.steps.count() == 1


def test_joining_the_register_from_the_map(client, world):
    e = _entry(world, name="Bea Jones", form="person")
    client.force_login(world.member)
    r = client.get(url(world, "entry_join", stakeholder_pk=e.pk))
    assert "Record that they agreed before adding them to the register." in r.content.decode()
    services.stakeholder_record(
        actor=world.member, stakeholder=e, status="agreed", on=D(2025, 3, 3)
    )
    r = client.post(
        url(world, "entry_join", stakeholder_pk=e.pk),
        {"name": "Bea", "role": "", "joined_on": "2025-03-10"},
    )
    assert r.status_code == 400 and "Choose their role." in r.content.decode()
    r = client.post(
        url(world, "entry_join", stakeholder_pk=e.pk),
        {"name": "Bea", "role": "carer", "joined_on": "2025-03-10"},
    )
    assert r.status_code == 302
    person = Person.objects.get(journey=world.journey, name="Bea")
    e.refresh_from_db()
    assert e.person == person
    page = client.get(url(world, "entry", stakeholder_pk=e.pk)).content.decode()
    assert "Agreed to take part" in page and "Still to approach" in page


def test_only_facilitators_take_an_entry_off_the_map(client, world):
    e = _entry(world)
    client.force_login(world.member)
    assert client.post(url(world, "entry_remove", stakeholder_pk=e.pk)).status_code == 403
    client.force_login(world.facilitator)
    assert client.get(url(world, "entry_remove", stakeholder_pk=e.pk)).status_code == 200
    assert client.post(url(world, "entry_remove", stakeholder_pk=e.pk)).status_code == 302
    assert not Stakeholder.objects.exists()


def test_groups_and_what_was_done_together(client, world):
    client.force_login(world.member)
    r = client.post(
        url(world, "group_add"), {"name": "", "kind": "campaign", "since": "2025-01-01"}
    )
    assert r.status_code == 400 and "Enter the group&#x27;s name." in r.content.decode()
    r = client.post(
        url(world, "group_add"),
        {
            "name": "Keep Ward 7 Open",
            "kind": "campaign",
            "since": "2025-01-01",
            "website": "nope nope",
        },
    )
    assert (
        r.status_code == 400
        and "Enter a web address, like https://example.org." in r.content.decode()
    )
    r = client.post(
        url(world, "group_add"),
        {"name": "Keep Ward 7 Open", "kind": "campaign", "since": "2025-01-01"},
    )
    group = LinkedGroup.objects.get()
    r = client.post(
        url(world, "activity_add", linked_group_pk=group.pk),
        {"on": "2024-12-01", "what": "A march"},
    )
    assert r.status_code == 400
    assert (
        "The date cannot be before you started working with them (2025-01-01)."
        in r.content.decode()
    )
    client.post(
        url(world, "activity_add", linked_group_pk=group.pk),
        {"on": "2025-02-01", "what": "A march"},
    )
    activity = JointActivity.objects.get()
    client.force_login(world.observer)
    page = client.get(url(world, "group", linked_group_pk=group.pk)).content.decode()
    assert "A march" in page and "Remove" not in page
    assert (
        client.post(url(world, "activity_remove", joint_activity_pk=activity.pk)).status_code == 403
    )
    client.force_login(world.member)
    assert (
        client.post(url(world, "activity_remove", joint_activity_pk=activity.pk)).status_code == 302
    )
    assert not JointActivity.objects.exists()


def test_linking_another_journey_needs_being_part_of_it(world):
    from tests.conftest import build_world

    other = build_world("2", "Another journey")
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.linked_group_create(
            actor=world.facilitator,
            journey=world.journey,
            name="Them",
            kind="coproduction",
            since=D(2025, 1, 1),
            other_journey=other.journey,
        )
    assert exc.value.message_dict == {"other_journey": ["Choose a journey you are part of."]}


def test_list_pages_query_counts_do_not_grow(client, world, django_assert_max_num_queries):
    for i in range(12):
        _entry(world, name=f"Entry {i}")
        g = services.linked_group_create(
            actor=world.facilitator,
            journey=world.journey,
            name=f"Group {i}",
            kind="network",
            since=D(2025, 1, 1),
        )
        services.joint_activity_add(actor=world.facilitator, group=g, on=D(2025, 2, 1), what="Met")
    client.force_login(world.facilitator)
    with django_assert_max_num_queries(14):
        assert client.get(url(world, "map")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(url(world, "groups")).status_code == 200
