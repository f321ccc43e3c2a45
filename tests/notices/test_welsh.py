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


# --- chosen for their news: people without an account (issue 14) ------------------------------


def _by_post(world: World, **choice: Any) -> tuple[Any, list[Notice]]:
    from powerwith.notices import services

    ann = add_person(world, "Ann Price")
    services.hearing_back_set(
        actor=world.facilitator,
        person=ann,
        way="post",
        address="2 Heol y Castell\nAberystwyth\nSY23 1AA",
        consent=True,
        **choice,
    )
    c = raise_one(world, ann, "Mae angen mwy o fysiau.")
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="not_possible", reason="The council."
    )
    return ann, list(Notice.objects.filter(person=ann))


def _pdf_text(world: World, rows: list[Notice]) -> str:
    import io

    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(letters.letters_pdf(world.journey, rows)))
    return "\n".join(p.extract_text() for p in pdf.pages)


def test_a_person_without_an_account_gets_letters_in_the_language_chosen_for_them(
    world: World,
) -> None:
    ann, rows = _by_post(world, language="cy")
    assert ann.user_id is None
    assert compose.language_of(ann) == "cy"
    text = _pdf_text(world, rows)
    assert "Annwyl Ann Price," in text and "Beth ddigwyddodd:" in text
    assert "What happened:" not in text


def test_the_choice_for_their_news_comes_before_the_accounts(world: World) -> None:
    rose, _rows = _a_notice(world, welsh=True)  # her account reads the site in Welsh
    from powerwith.notices import services

    services.hearing_back_set(
        actor=world.facilitator,
        person=rose,
        way="email",
        email="rose@example.org",
        consent=True,
        language="en-gb",
    )
    rose.refresh_from_db()
    assert compose.language_of(rose) == "en-gb"


def test_easy_read_letters_and_emails_in_english_and_welsh(world: World) -> None:
    ann, rows = _by_post(world, easy_read=True)
    assert compose.easy_read_of(ann) is True
    text = _pdf_text(world, rows)
    for line in ("This letter is from", "You told us something.", "You said:"):
        assert line in text
    assert "Do you want the letters to stop?" in text
    assert "On 3 February 2025 you said:" not in text  # the standard wording is not used
    page = letters.letters(world.journey, rows)[0]["page"]
    assert 'class="letter easy-read"' in page

    from powerwith.notices import services

    services.hearing_back_set(
        actor=world.facilitator,
        person=ann,
        way="email",
        email="ann@example.org",
        consent=True,
        language="cy",
        easy_read=True,
    )
    ann.refresh_from_db()
    _subject, text, html = sending.email_parts(world.journey, ann, rows)
    assert "Fe ddywedoch chi rywbeth wrthon ni." in text and "Fe ddywedoch chi:" in html
    assert "Ydych chi eisiau i’r negeseuon e-bost stopio?" in text


def test_a_language_not_offered_is_refused_by_name(world: World) -> None:
    from django.core.exceptions import ValidationError

    from powerwith.notices import services

    ann = add_person(world, "Ann Price")
    with pytest.raises(ValidationError) as caught:
        services.hearing_back_set(
            actor=world.facilitator,
            person=ann,
            way="post",
            address="1 Street\nTown\nAB1 2CD",
            consent=True,
            language="fr",
        )
    assert caught.value.message_dict == {"language": ["Choose a language from the list."]}


def test_the_facilitator_sets_language_and_easy_read_on_the_form(world: World) -> None:
    from django.urls import reverse

    from powerwith.notices.models import HearingBack
    from tests.conftest import client_for

    ann = add_person(world, "Ann Price")
    url = reverse("notices:hearing", kwargs={"slug": world.journey.slug, "person_pk": ann.pk})
    c = client_for(world.facilitator)
    page = c.get(url).content.decode()
    assert "Language of the news" in page and "Cymraeg" in page and "Write it in easy read" in page
    r = c.post(
        url,
        {
            "way": "post",
            "address": "1 Street\nTown\nAB1 2CD",
            "consent": "on",
            "language": "cy",
            "easy_read": "on",
        },
    )
    assert r.status_code == 302
    hearing = HearingBack.objects.get(person=ann)
    assert (hearing.language, hearing.easy_read) == ("cy", True)
    r = c.post(url, {"way": "post", "address": "1 Street\nTown", "consent": "on", "language": "xx"})
    assert r.status_code == 400
    assert "Select a valid choice" not in r.content.decode()
    assert "Choose a language from the list." in r.content.decode()
