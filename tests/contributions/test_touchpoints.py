"""Touchpoints: the journey's ordered moments of the service. A real user can tag a
contribution with one (the services used to make every tag a "theme"), and facilitators keep
the list in order."""

from __future__ import annotations

import pytest
from django.urls import reverse

from powerwith.contributions import services
from powerwith.contributions.models import Contribution, Tag
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def test_contribution_create_makes_touchpoint_tags(world: World) -> None:
    c = services.contribution_create(
        actor=world.member,
        journey=world.journey,
        text="Nobody told me how long the wait would be.",
        channel="paper",
        anonymous=True,
        tags=["communication"],
        touchpoints=["Waiting for surgery"],
    )
    assert sorted(c.tags.values_list("name", "kind")) == [
        ("Waiting for surgery", "touchpoint"),
        ("communication", "theme"),
    ]


def test_a_member_tags_a_contribution_with_a_touchpoint_on_the_form(world: World) -> None:
    r = client_for(world.member).post(
        reverse("contributions:create", kwargs={"slug": world.journey.slug}),
        {
            "text": "The letter came after the appointment.",
            "raised_by": "anonymous",
            "channel": "paper",
            "tags": "letters",
            "touchpoints": "First letter, Diagnosis",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    c = Contribution.objects.get()
    assert sorted(c.tags.values_list("name", "kind")) == [
        ("Diagnosis", "touchpoint"),
        ("First letter", "touchpoint"),
        ("letters", "theme"),
    ]
    # In the order they were first named: the journey's list grows at its end.
    assert list(
        Tag.objects.filter(journey=world.journey, kind="touchpoint")
        .order_by("position")
        .values_list("name", flat=True)
    ) == ["First letter", "Diagnosis"]


def test_editing_keeps_touchpoints_apart_from_themes(world: World) -> None:
    c = services.contribution_create(
        actor=world.member,
        journey=world.journey,
        text="Parking at the clinic.",
        channel="paper",
        anonymous=True,
        tags=["parking"],
        touchpoints=["Clinic visit"],
    )
    services.contribution_update(
        actor=world.member,
        contribution=c,
        text=c.text,
        tags=["parking", "cost"],
        owner=None,
        provenance="",
    )
    assert sorted(c.tags.values_list("name", "kind")) == [
        ("Clinic visit", "touchpoint"),
        ("cost", "theme"),
        ("parking", "theme"),
    ]
    services.contribution_update(
        actor=world.member,
        contribution=c,
        text=c.text,
        tags=["parking"],
        touchpoints=[],
        owner=None,
        provenance="",
    )
    assert sorted(c.tags.values_list("name", "kind")) == [("parking", "theme")]
