"""Erasure by a facilitator finds the person's name more reliably: every mention of the full
name and of each part of it (3 letters or more, whole words, any case) is listed with where it
is, the full name's ticked to start with, and exactly the ticked ones are taken out."""

from __future__ import annotations

import datetime
import re

import pytest

from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution
from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.rights import services
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

TEXTS = [
    "Mo Ibrahim said the letters come after the appointment.",
    "mo said it twice; ask MO about the clinic.",
    "The Ibrahim family drive in from Moston.",  # "Moston" is not "Mo"
]


def _mo(world: World) -> Person:
    person = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Mo Ibrahim",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    for text in TEXTS:
        contribution_services.contribution_create(
            actor=world.facilitator,
            journey=world.journey,
            text=text,
            channel="phone",
            anonymous=True,
        )
    return person


def test_the_page_lists_each_mention_and_ticks_the_full_name(world: World) -> None:
    mo = _mo(world)
    found = services.erase_mentions(actor=world.facilitator, person=mo)
    words = sorted((m.text, m.full) for m in found if m.where == "contribution, text")
    # "Mo" (3 letters or more only) is not searched alone; the full name and "Ibrahim" are.
    assert words == [("Ibrahim", False), ("Mo Ibrahim", True)]
    # Nothing was changed by looking.
    assert sorted(Contribution.objects.values_list("text", flat=True)) == sorted(TEXTS)
    assert Person.objects.get(pk=mo.pk).name == "Mo Ibrahim"

    page = client_for(world.facilitator).get(
        f"/j/{world.journey.slug}/rights/people/{mo.pk}/erase/"
    )
    html = page.content.decode()
    boxes = re.findall(r'<input type="checkbox" name="mentions" value="([^"]+)"([^>]*)>', html)
    full = {m.id for m in found if m.full}
    assert {v for v, _ in boxes} == {m.id for m in found}
    assert {v for v, attrs in boxes if "checked" in attrs} == full
    assert "contribution, text: …The [Ibrahim] family drive in from Moston.…" in html


def test_exactly_the_ticked_mentions_are_taken_out(world: World) -> None:
    people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Fran Ibrahimova",
        role="manager",
        joined_on=datetime.date(2025, 1, 6),
    )
    mo = _mo(world)
    before = Contribution.objects.filter(journey=world.journey).count()
    found = {m.text: m for m in services.erase_mentions(actor=world.facilitator, person=mo)}
    chosen = [found["Mo Ibrahim"].id, found["Ibrahim"].id]
    r = client_for(world.facilitator).post(
        f"/j/{world.journey.slug}/rights/people/{mo.pk}/erase/",
        {"mentions": chosen, "confirm": "on"},
    )
    assert r.status_code == 302
    label = f"Erased person {mo.pk}"
    assert sorted(Contribution.objects.values_list("text", flat=True)) == sorted(
        [
            f"{label} said the letters come after the appointment.",
            TEXTS[1],
            f"The {label} family drive in from Moston.",
        ]
    )
    assert Contribution.objects.filter(journey=world.journey).count() == before
    assert Person.objects.get(pk=mo.pk).name == label
    assert Person.objects.filter(name="Fran Ibrahimova").exists()  # another word: untouched


def test_leaving_the_full_name_unticked_keeps_it(world: World) -> None:
    mo = _mo(world)
    services.person_erase(actor=world.facilitator, person=mo, mentions=set())
    assert sorted(Contribution.objects.values_list("text", flat=True)) == sorted(TEXTS)


def test_a_choice_that_no_longer_exists_is_refused(world: World) -> None:
    mo = _mo(world)
    r = client_for(world.facilitator).post(
        f"/j/{world.journey.slug}/rights/people/{mo.pk}/erase/",
        {"mentions": ["contributions.Contribution:999:text:0:2"], "confirm": "on"},
    )
    assert r.status_code == 400
    assert "The text has changed since this page was drawn" in r.content.decode()
    assert Person.objects.get(pk=mo.pk).name == "Mo Ibrahim"
