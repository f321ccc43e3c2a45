"""How it felt: marking a touchpoint (by yourself or for someone), and the emotional map by
side with small groups suppressed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from powerwith.contributions import services as cs
from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.stories import selectors, services
from powerwith.stories.models import Feeling
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def _people(world: World, n: int, role: str, prefix: str) -> list[Person]:
    return [
        people_services.person_create(
            actor=world.facilitator,
            journey=world.journey,
            name=f"{prefix}{i}",
            role=role,
            joined_on=datetime.date(2025, 1, 6),
        )
        for i in range(n)
    ]


def mark(
    world: World, tp: Any, person: Person, direction: str, strength: int, feelings: list[str]
) -> None:
    services.feeling_mark(
        actor=world.facilitator,
        journey=world.journey,
        touchpoint=tp,
        person=person,
        direction=direction,
        strength=strength,
        feelings=feelings,
        channel="event",
        provenance="sheet from the joint event",
    )


def test_the_map_by_side_with_small_groups_suppressed(world: World) -> None:
    letter, diagnosis = cs.tags_get_or_create(
        journey=world.journey, names=["First letter", "Diagnosis"], kind="touchpoint"
    )
    patients = _people(world, 5, "service_user", "Patient ")
    staff = _people(world, 2, "frontline_staff", "Nurse ")
    for i, p in enumerate(patients):
        mark(
            world,
            diagnosis,
            p,
            "worse",
            3 if i < 3 else 2,
            ["frightened", "alone"] if i < 2 else ["frightened"],
        )
    mark(world, letter, patients[0], "better", 1, ["relieved"])
    for p in staff:
        mark(world, diagnosis, p, "better", 2, ["hopeful"])
    m = selectors.emotional_map(world.journey)
    assert [r["touchpoint"].name for r in m["rows"]] == ["First letter", "Diagnosis"]
    first, diag = m["rows"]
    assert first["sides"] == [
        {"side": "lived", "n": 1, "suppressed": True},
        {
            "side": "professional",
            "n": 0,
            "suppressed": False,
            "better": 0,
            "worse": 0,
            "score": None,
            "feelings": [],
        },
    ]
    assert diag["sides"][0] == {
        "side": "lived",
        "n": 5,
        "suppressed": False,
        "better": 0,
        "worse": 5,
        "score": -2.6,
        "feelings": [
            {"code": "frightened", "label": "Frightened", "n": 5},
            {"code": "alone", "label": "Alone", "n": 2},
        ],
    }
    assert diag["sides"][1] == {"side": "professional", "n": 2, "suppressed": True}
    # The chart has one point: patients at diagnosis, below the middle line.
    assert m["chart"]["professional"] == []
    (point,) = m["chart"]["lived"]
    assert point["score"] == -2.6 and point["y"] > m["chart"]["zero"]
    page = client_for(world.observer).get(
        reverse("stories:feelings", kwargs={"slug": world.journey.slug})
    )
    html = page.content.decode()
    assert "<svg" in html and "Frightened (5), Alone (2)" in html
    assert html.count("Fewer than 5: not shown") == 2
    assert "Nurse" not in html and "Patient" not in html


def test_marking_on_a_plain_form_for_yourself(world: World) -> None:
    (diagnosis,) = cs.tags_get_or_create(
        journey=world.journey, names=["Diagnosis"], kind="touchpoint"
    )
    me = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Mo",
        role="carer",
        joined_on=datetime.date(2025, 1, 6),
    )
    Person.objects.filter(pk=me.pk).update(user=world.member)
    c = client_for(world.member)
    url = reverse("stories:feeling_mark", kwargs={"slug": world.journey.slug})
    page = c.get(url).content.decode()
    assert f'<option value="{me.pk}" selected>Mo</option>' in page
    r = c.post(
        url,
        {
            "touchpoint": str(diagnosis.pk),
            "direction": "worse",
            "feelings": ["anxious", "confused"],
            "strength": "2",
            "person": str(me.pk),
            "channel": "own",
        },
    )
    assert r.status_code == 302
    f = Feeling.objects.get()
    assert (f.person, f.side, f.direction, f.feelings, f.strength, f.channel, f.entered_by) == (
        me,
        "lived",
        "worse",
        "anxious,confused",
        2,
        "own",
        world.member,
    )
    r = c.post(
        url,
        {
            "touchpoint": str(diagnosis.pk),
            "direction": "worse",
            "strength": "2",
            "channel": "event",
        },
    )
    assert r.status_code == 400
    assert "Choose whose side they are on, or who they are." in r.content.decode()


def test_feeling_rules(world: World) -> None:
    theme = cs.tags_get_or_create(journey=world.journey, names=["parking"])[0]
    with pytest.raises(ValidationError) as exc:
        services.feeling_mark(
            actor=world.member,
            journey=world.journey,
            touchpoint=theme,
            direction="worse",
            strength=2,
            channel="own",
            side="lived",
        )
    assert exc.value.message_dict == {
        "touchpoint": ["Choose a moment from this journey's touchpoints."]
    }
