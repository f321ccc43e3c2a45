"""The asset map: counts by kind and holder, lived experience, skills gained, and gaps."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from powerwith.inclusion import selectors, services
from powerwith.insights.period import Period
from powerwith.people import services as ps

from .helpers import person

D = datetime.date


def test_map(world):
    f, j = world.facilitator, world.journey
    ann = person(world, "Ann")
    sam = person(world, "Sam", role="manager")
    council = ps.organisation_create(
        actor=f, journey=j, name="Kirkby Council", kind="statutory_council"
    )
    services.asset_add(
        actor=f,
        journey=j,
        person=ann,
        kind="experience",
        description="Had the treatment",
        lived=True,
    )
    services.asset_add(actor=f, journey=j, person=ann, kind="skills", description="Drawing")
    services.asset_add(
        actor=f,
        journey=j,
        person=ann,
        kind="skills",
        description="Chairing",
        gained_on=D(2025, 3, 1),
    )
    services.asset_add(actor=f, journey=j, person=sam, kind="knowledge", description="The budget")
    services.asset_add(
        actor=f, journey=j, organisation=council, kind="resources", description="A room"
    )
    services.asset_gap_add(actor=f, journey=j, kind="skills", description="Film-making")
    gap = services.asset_gap_add(actor=f, journey=j, kind="knowledge", description="Housing law")
    services.asset_gap_found(actor=f, gap=gap, found_on=D(2025, 3, 2), note="Shelter volunteer")
    m = selectors.asset_map(j)
    assert m["assets"] == 5 and m["lived_experience"] == 1 and m["gained_during_journey"] == 1
    rows = {r["code"]: r for r in m["by_kind"]}
    assert rows["skills"] == {
        "code": "skills",
        "label": "Skills",
        "total": 2,
        "lived": 2,
        "professional": 0,
        "organisation": 0,
    }
    assert rows["resources"]["organisation"] == 1 and rows["knowledge"]["professional"] == 1
    assert (m["gaps_open"], m["gaps_found"]) == (1, 1)
    assert selectors.asset_map(j, Period(D(2025, 4, 1), None))["gained_during_journey"] == 0


def test_bad_input(world):
    f, j = world.facilitator, world.journey
    ann = person(world, "Ann")
    council = ps.organisation_create(actor=f, journey=j, name="Council", kind="statutory_council")
    cases = [
        (
            dict(kind="skills", description="x"),
            {"holder": ["Choose one person or one organisation."]},
        ),
        (
            dict(person=ann, organisation=council, kind="skills", description="x"),
            {"holder": ["Choose one person or one organisation."]},
        ),
        (
            dict(person=ann, kind="magic", description="x"),
            {"kind": ["Choose knowledge, skills, experience or resources."]},
        ),
        (
            dict(person=ann, kind="skills", description=" "),
            {"description": ["Describe what they bring."]},
        ),
        (
            dict(person=ann, kind="skills", description="x", lived=True),
            {"lived": ["Only experience can be lived experience. Choose \u201cExperience\u201d."]},
        ),
        (
            dict(organisation=council, kind="experience", description="x", lived=True),
            {"lived": ["Lived experience belongs to a person, not an organisation."]},
        ),
        (
            dict(person=ann, kind="skills", description="x", gained_on=D(2099, 1, 1)),
            {"gained_on": ["The date cannot be in the future."]},
        ),
        (
            dict(person=ann, kind="skills", description="x", gained_on=D(2024, 1, 1)),
            {"gained_on": ["Gained during the journey means on or after 6 January 2025."]},
        ),
    ]
    for kwargs, expected in cases:
        with pytest.raises(ValidationError) as exc:
            services.asset_add(actor=f, journey=j, **kwargs)
        assert exc.value.message_dict == expected
    with pytest.raises(ValidationError) as exc:
        services.asset_gap_add(actor=f, journey=j, kind="skills", description="")
    assert exc.value.message_dict == {"description": ["Describe what the group lacks."]}
