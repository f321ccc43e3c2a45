"""People's rights pages read in Welsh: the copy, erasure and how long data is kept."""

from __future__ import annotations

import datetime

import pytest

from powerwith.people import services as people_services
from tests.conftest import World, client_for
from tests.welsh import catalogue, english_left, welsh_get, welsh_text

pytestmark = pytest.mark.django_db


def test_catalogue_is_complete() -> None:
    entries = [e for e in catalogue("rights") if not e.obsolete]
    assert len(entries) > 100
    assert [e.msgid for e in entries if not e.translated()] == []


def test_rights_pages_in_welsh(world: World) -> None:
    mo = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Mo Ibrahim",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
        user=world.member,
    )
    slug = world.journey.slug
    c = client_for(world.facilitator)
    page = welsh_text(welsh_get(c, f"/j/{slug}/rights/people/{mo.pk}/"))
    assert "<h1>Beth sydd gennym am Mo Ibrahim</h1>" in page
    assert "Cofnod yn y gofrestr" in page  # a kind of record, named in Welsh
    assert english_left("rights", page) == []

    page = welsh_text(welsh_get(c, f"/j/{slug}/rights/people/{mo.pk}/erase/"))
    assert "<h1>Dileu data personol Mo Ibrahim</h1>" in page
    assert "Rwy’n deall nad oes modd dadwneud hyn" in page  # the form’s label
    assert english_left("rights", page) == []

    page = welsh_text(welsh_get(c, f"/j/{slug}/rights/retention/"))
    assert "Am ba hyd y mae data personol yn cael ei gadw" in page
    assert english_left("rights", page) == []

    member = client_for(world.member)
    page = welsh_text(welsh_get(member, "/accounts/your-data/"))
    assert "<h1>Beth sydd gan PowerWith amdanoch chi</h1>" in page
    assert english_left("rights", page) == []
    page = welsh_text(welsh_get(member, f"/accounts/your-data/erase/{mo.pk}/"))
    assert "Eich enw: mae’r cofnod yn troi’n" in page
    assert english_left("rights", page) == []
