"""Choosing how to read the site: English or Welsh, and easy read (common/reading.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from powerwith.common.models import AuditEntry, ReadingChoice
from tests.conftest import World, client_for

SIGN_IN = "/accounts/sign-in/"


def _lang(html: str) -> str:
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_a_visitor_chooses_welsh_and_the_cookie_keeps_it(client: Client) -> None:
    page = client.get(SIGN_IN).content.decode()
    assert _lang(page) == "en-GB" and "<h1>Sign in</h1>" in page
    # The chooser offers Welsh, named in Welsh and marked as Welsh.
    assert 'name="language" value="cy" lang="cy">Cymraeg</button>' in page

    r = client.post(reverse("set_language"), {"language": "cy", "next": SIGN_IN})
    assert r.status_code == 302 and r["Location"] == SIGN_IN
    assert client.cookies["powerwith_language"].value == "cy"
    page = client.get(SIGN_IN).content.decode()
    assert _lang(page) == "cy"
    assert "<h1>Mewngofnodi</h1>" in page
    assert 'name="language" value="en-gb" lang="en-GB">English</button>' in page
    assert not ReadingChoice.objects.exists()


@pytest.mark.django_db
def test_the_browser_language_is_followed_until_someone_chooses(client: Client) -> None:
    page = client.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert _lang(page) == "cy" and "<h1>Mewngofnodi</h1>" in page
    page = client.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8").content.decode()
    assert _lang(page) == "en-GB"


@pytest.mark.django_db
def test_a_choice_goes_back_only_to_this_site(client: Client) -> None:
    r = client.post(
        reverse("set_easy_read"), {"easy_read": "1", "next": "https://elsewhere.example/"}
    )
    assert r.status_code == 302 and r["Location"] == "/"
    assert client.cookies["powerwith_easy_read"].value == "1"


@pytest.mark.django_db
def test_easy_read_is_chosen_and_undone_by_a_visitor(client: Client) -> None:
    assert 'class=" easy-read"' not in client.get(SIGN_IN).content.decode()
    client.post(reverse("set_easy_read"), {"easy_read": "1", "next": SIGN_IN})
    page = client.get(SIGN_IN).content.decode()
    assert '<body class=" easy-read">' in page
    assert 'name="easy_read" value="0">Standard text</button>' in page
    client.post(reverse("set_easy_read"), {"easy_read": "0", "next": SIGN_IN})
    page = client.get(SIGN_IN).content.decode()
    assert '<body class="">' in page
    assert 'name="easy_read" value="1">Easy read</button>' in page


def test_the_choices_need_a_post(client: Client) -> None:
    assert client.get(reverse("set_language")).status_code == 405
    assert client.get(reverse("set_easy_read")).status_code == 405


def test_the_choices_need_the_forms_safety_code() -> None:
    c = Client(enforce_csrf_checks=True)
    r = c.post(reverse("set_language"), {"language": "cy", "next": SIGN_IN})
    assert r.status_code == 403


def test_a_signed_in_persons_choice_follows_them_to_another_browser(world: World) -> None:
    user = world.member
    c = client_for(user)
    c.post(reverse("set_language"), {"language": "cy", "next": "/"})
    c.post(reverse("set_easy_read"), {"easy_read": "1", "next": "/"})
    choice = ReadingChoice.objects.get(user=user)
    assert (choice.language, choice.easy_read) == ("cy", True)
    assert AuditEntry.objects.filter(actor=user, action="reading_choose").count() == 2

    # A fresh browser, no cookies, English in its Accept-Language: the account decides.
    other = client_for(user)
    page = other.get(reverse("journeys:list"), HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert _lang(page) == "cy"
    assert "easy-read" in page.split("<body", 1)[1].split(">", 1)[0]
    assert "Allgofnodi" in page  # "Sign out"


def test_choosing_english_again_is_remembered_too(world: World) -> None:
    user = world.user("observer")
    c = client_for(user)
    c.post(reverse("set_language"), {"language": "cy", "next": "/"})
    c.post(reverse("set_language"), {"language": "en-gb", "next": "/"})
    assert ReadingChoice.objects.get(user=user).language == "en-gb"
    other = client_for(user)
    page = other.get(reverse("journeys:list"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert _lang(page) == "en-GB"


def test_a_language_we_do_not_have_changes_nothing(world: World) -> None:
    user = world.user("member")
    c = client_for(user)
    r = c.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert r.status_code == 302
    assert not ReadingChoice.objects.filter(user=user).exists()


def test_reading_the_choice_costs_no_query(world: World) -> None:
    """The account's choice travels in the session from signing in: a page asks nothing more
    of the database for it than a page did before there was a choice."""
    user = world.member
    plain = client_for(user)
    with CaptureQueriesContext(connection) as before:
        plain.get(reverse("journeys:list"))
    c = client_for(user)
    c.post(reverse("set_language"), {"language": "cy", "next": "/"})
    again = client_for(user)
    with CaptureQueriesContext(connection) as after:
        page = again.get(reverse("journeys:list")).content.decode()
    assert _lang(page) == "cy"
    assert len(after.captured_queries) == len(before.captured_queries)
