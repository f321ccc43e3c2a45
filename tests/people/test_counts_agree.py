"""People counts use one definition and one label everywhere: "people in the register now"
(everyone recorded who has not left) is the same number on the journeys list, the journey's
front page and the people register, and each page says what it counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from powerwith.gatherings import services as gathering_services
from powerwith.people import services as people_services
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

LABEL = re.compile(r"(\d+)\s*(?:</strong>)?\s*(?:person|people) in the register now")


def test_the_same_label_shows_the_same_number(world: World) -> None:
    made = []
    for name, role in (
        ("Ann", "service_user"),
        ("Bo", "carer"),
        ("Cy", "manager"),
        ("Di", "carer"),
    ):
        made.append(
            people_services.person_create(
                actor=world.facilitator,
                journey=world.journey,
                name=name,
                role=role,
                joined_on=datetime.date(2025, 1, 6),
            )
        )
    people_services.person_leave(
        actor=world.facilitator, person=made[3], left_on=datetime.date(2025, 2, 1)
    )
    g = gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="First",
        kind="workshop",
        held_on=datetime.date(2025, 2, 3),
        venue_kind="community",
    )
    gathering_services.attendance_set(
        actor=world.facilitator, gathering=g, statuses={made[0].pk: "present"}
    )
    c = client_for(world.facilitator)
    slug = world.journey.slug
    found = {}
    for url in (
        reverse("journeys:list"),
        reverse("journeys:detail", kwargs={"slug": slug}),
        reverse("people:list", kwargs={"slug": slug}),
    ):
        html = c.get(url).content.decode()
        found[url] = [int(n) for n in LABEL.findall(html)]
        if url != reverse("journeys:list"):
            assert "People in the register now: everyone recorded in this journey" in html
            assert "taking part now" not in html and "people taking part" not in html
    assert found == {url: [3] for url in found}
