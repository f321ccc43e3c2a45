"""Notices in Welsh: the catalogue is complete, and a notice is written in the language the
person chose on their account (else the site's language), whatever language is active."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from powerwith.common.models import ReadingChoice
from powerwith.contributions import services as contribution_services
from powerwith.notices import compose, letters, sending
from powerwith.notices.models import Notice
from tests.conftest import World, build_world, make_user
from tests.welsh import untranslated

from .conftest import add_person, hears_by_email, raise_one

pytestmark = pytest.mark.django_db

APP = "notices"


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def _a_notice(world: World, *, welsh: bool) -> tuple[Any, list[Notice]]:
    rose = add_person(world)
    if welsh:
        account = make_user("rose@example.org", "Rose")
        type(rose).objects.filter(pk=rose.pk).update(user=account)
        ReadingChoice.objects.create(user=account, language="cy")
        rose.refresh_from_db()
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="not_possible", reason="The landlord."
    )
    return rose, list(Notice.objects.all())


def test_a_person_who_chose_welsh_gets_their_notice_in_welsh(world: World) -> None:
    rose, rows = _a_notice(world, welsh=True)
    assert compose.language_of(rose) == "cy"
    subject, text, html = sending.email_parts(world.journey, rose, rows)
    assert subject.startswith("Beth ddigwyddodd i’r hyn a godoch chi")
    assert "Beth ddigwyddodd:" in text and "What happened:" not in text
    assert '<html lang="cy">' in html and "Pam:" in html
    assert "Chwefror" in text  # the day they said it, written in Welsh
    assert translation.get_language() == "en-gb"  # nothing left switched on
    page = letters.letters(world.journey, rows)[0]["page"]
    assert 'lang="cy"' in page and "Annwyl Rose Hill," in page


def test_anyone_else_gets_the_site_language_even_from_a_welsh_page(world: World) -> None:
    rose, rows = _a_notice(world, welsh=False)
    assert compose.language_of(rose) == "en-gb"
    with translation.override("cy"):
        subject, text, _html = sending.email_parts(world.journey, rose, rows)
    assert subject.startswith("What happened to what you raised")
    assert "What happened:" in text
