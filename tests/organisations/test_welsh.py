"""The organisation pages read in Welsh: its own catalogue, with no English sentence left."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from tests.conftest import client_for
from tests.organisations.helpers import build_org_world
from tests.welsh import catalogue, english_left, welsh_get, welsh_text


def test_catalogue_is_complete() -> None:
    entries = [e for e in catalogue("organisations") if not e.obsolete]
    assert len(entries) > 60
    assert [e.msgid for e in entries if not e.translated()] == []


def test_organisation_pages_in_welsh(db: Any) -> None:
    world = build_org_world()
    c = client_for(world.admin)
    page = welsh_text(welsh_get(c, reverse("organisations:list")))
    assert "<h1>Eich sefydliadau</h1>" in page
    assert "Ychwanegu sefydliad" in page
    assert english_left("organisations", page) == []

    page = welsh_text(welsh_get(c, world.organisation.get_absolute_url()))
    assert "Y teithiau y mae’n eu cynnal" in page
    assert "GIG neu gorff iechyd" in page  # the kind, from the vocabulary
    assert "Gweinyddwr" in page and "Gwyliwr" in page  # roles
    assert "Banciau cwestiynau a rennir" in page
    assert english_left("organisations", page) == []

    page = welsh_text(welsh_get(c, reverse("organisations:create")))
    assert "Enw’r sefydliad" in page and "Ychwanegu’r sefydliad" in page
    assert english_left("organisations", page) == []


def test_errors_in_welsh(db: Any) -> None:
    world = build_org_world()
    c = client_for(world.admin)
    url = reverse("organisations:member_add", kwargs={"org_slug": world.organisation.slug})
    with translation.override("cy"):
        page = c.post(
            url, {"email": "nobody@example.org", "role": "viewer"}, HTTP_ACCEPT_LANGUAGE="cy"
        )
    text = welsh_text(page)
    assert "Does dim cyfrif yn defnyddio’r cyfeiriad e-bost hwn." in text
    assert english_left("organisations", text) == []


def test_english_is_unchanged(db: Any) -> None:
    world = build_org_world()
    page = client_for(world.admin).get(world.organisation.get_absolute_url()).content.decode()
    assert "Journeys it hosts" in page and "NHS or health body" in page
