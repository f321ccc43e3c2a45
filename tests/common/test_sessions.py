"""How long a sign-in lasts, and "Where you are signed in": idle and absolute limits, signing
out another device, and a new password signing out everywhere else."""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from powerwith.common.models import SignedInSession
from powerwith.common.sessions import device_summary
from tests.conftest import PASSWORD, World

from .test_account import _link

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
pytestmark = pytest.mark.usefixtures("pinned_clock")


def signed_in_client(email: str, agent: str = FIREFOX_WINDOWS) -> Client:
    c = Client(HTTP_USER_AGENT=agent)
    r = c.post(reverse("login"), {"username": email, "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == reverse("journeys:list")
    return c


def is_signed_in(c: Client) -> bool:
    return c.get(reverse("journeys:list")).status_code == 200


def age(*, idle: int = 0, started: int = 0) -> None:
    """Make every tracked session look ``idle`` minutes unused, ``started`` minutes old."""
    now = timezone.now()
    SignedInSession.objects.update(
        last_used_at=now - datetime.timedelta(minutes=idle),
        started_at=now - datetime.timedelta(minutes=max(started, idle)),
    )


@pytest.mark.django_db
def test_an_hour_unused_signs_out_and_says_so_keeping_the_page(world: World) -> None:
    c = signed_in_client(world.member.email)
    age(idle=59)
    assert is_signed_in(c)  # 59 minutes is fine, and counts as use
    age(idle=61)
    r = c.get("/accounts/your-data/?from=1")
    assert r.status_code == 302
    assert r["Location"] == "/accounts/sign-in/?next=/accounts/your-data/%3Ffrom%3D1"
    page = c.get(r["Location"]).content.decode()
    assert "You were signed out because you had not used PowerWith for an hour." in page
    assert 'name="next" value="/accounts/your-data/?from=1"' in page
    assert not is_signed_in(c)
    assert not SignedInSession.objects.exists()
    # Signing in again leads back to the page.
    r = c.post(
        r["Location"],
        {
            "username": world.member.email,
            "password": PASSWORD,
            "next": "/accounts/your-data/?from=1",
        },
    )
    assert r["Location"] == "/accounts/your-data/?from=1"


@pytest.mark.django_db
def test_a_form_sent_after_the_limit_is_not_lost_silently(world: World) -> None:
    c = signed_in_client(world.member.email)
    age(idle=90)
    r = c.post(reverse("account_close"), {"password": PASSWORD})
    assert r["Location"] == "/accounts/sign-in/?next=/accounts/close/"
    page = c.get(r["Location"]).content.decode()
    assert (
        "You were signed out because you had not used PowerWith for an hour. What you had "
        "just sent was not saved. Sign in, and you will be back on the page to send it again."
    ) in page
    world.member.refresh_from_db()  # the account was not closed
    assert world.member.is_active


@pytest.mark.django_db
def test_twelve_hours_after_signing_in_even_in_use(world: World, settings: Any) -> None:
    c = signed_in_client(world.member.email)
    age(idle=0, started=12 * 60 - 1)
    assert is_signed_in(c)
    age(idle=0, started=12 * 60 + 1)
    r = c.get(reverse("journeys:list"))
    assert r["Location"] == "/accounts/sign-in/?next=/journeys/"
    assert (
        "You were signed out because you had been signed in for 12 hours, the longest "
        "PowerWith keeps anyone signed in."
    ) in c.get(r["Location"]).content.decode()
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60


@pytest.mark.django_db
def test_the_limits_are_settings(world: World, settings: Any) -> None:
    settings.POWERWITH_SESSION_IDLE_MINUTES = 15
    c = signed_in_client(world.member.email)
    age(idle=16)
    r = c.get(reverse("journeys:list"))
    page = c.get(r["Location"]).content.decode()
    assert "had not used PowerWith for 15 minutes." in page


@pytest.mark.django_db
def test_use_is_written_at_most_once_a_minute(world: World) -> None:
    c = signed_in_client(world.member.email)
    age(idle=0)
    before = SignedInSession.objects.get().last_used_at
    assert is_signed_in(c)
    assert SignedInSession.objects.get().last_used_at == before
    age(idle=2)
    assert is_signed_in(c)
    assert timezone.now() - SignedInSession.objects.get().last_used_at < datetime.timedelta(
        seconds=30
    )


@pytest.mark.django_db
def test_only_a_hash_of_the_session_key_is_kept(world: World) -> None:
    c = signed_in_client(world.member.email)
    key = c.cookies["sessionid"].value
    row = SignedInSession.objects.get()
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {row.key_hash, row.device}
    assert row.device == "Firefox on Windows"
    assert Session.objects.filter(session_key=key).exists()


def test_a_plain_summary_of_the_browser() -> None:
    assert device_summary(FIREFOX_WINDOWS) == "Firefox on Windows"
    assert device_summary(SAFARI_IPHONE) == "Safari on an iPhone"
    assert (
        device_summary(
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Mobile Safari/537.36"
        )
        == "Chrome on Android"
    )
    assert device_summary("") == "An unknown browser"
    assert device_summary("curl/8.5") == "An unknown browser"


@pytest.mark.django_db
def test_where_you_are_signed_in_and_signing_out_another_device(world: World) -> None:
    laptop = signed_in_client(world.member.email)
    phone = signed_in_client(world.member.email, SAFARI_IPHONE)
    signed_in_client(world.observer.email)  # someone else's: never shown, never ended
    page = laptop.get(reverse("sessions")).content.decode()
    assert re.findall(r"<h2>(.*?)</h2>", page) == [
        'Firefox on Windows <span class="tag">This device</span>',
        "Safari on an iPhone",
    ]
    assert page.count('name="session"') == 1  # no sign-out button for this device
    phone_row = SignedInSession.objects.get(device="Safari on an iPhone")
    mine = SignedInSession.objects.get(user=world.member, device="Firefox on Windows")
    observers = SignedInSession.objects.get(user=world.observer)

    # Neither this device nor someone else's can be ended from here.
    for pk in (mine.pk, observers.pk):
        r = laptop.post(reverse("session_end"), {"session": pk})
        assert r["Location"] == reverse("sessions")
    assert SignedInSession.objects.count() == 3
    assert laptop.post(reverse("session_end"), {"session": "²"}).status_code == 400

    r = laptop.post(reverse("session_end"), {"session": phone_row.pk})
    assert "That device is signed out." in laptop.get(r["Location"]).content.decode()
    r = phone.get(reverse("journeys:list"))
    assert r["Location"] == "/accounts/sign-in/?next=/journeys/"
    assert (
        "this device was signed out from another one" in phone.get(r["Location"]).content.decode()
    )
    assert is_signed_in(laptop)


@pytest.mark.django_db
def test_signing_out_everywhere_else_asks_first(world: World) -> None:
    laptop = signed_in_client(world.member.email)
    others = [signed_in_client(world.member.email, SAFARI_IPHONE) for _ in range(2)]
    page = laptop.get(reverse("sessions_end_others")).content.decode()
    assert "Sign out everywhere else?" in page
    assert "You are signed in on 2 other devices or browsers." in page
    assert all(is_signed_in(c) for c in others)  # asking changed nothing
    r = laptop.post(reverse("sessions_end_others"))
    assert r["Location"] == reverse("sessions")
    assert not any(is_signed_in(c) for c in others)
    assert is_signed_in(laptop)
    page = laptop.get(reverse("sessions_end_others")).content.decode()
    assert "You are not signed in anywhere else." in page


@pytest.mark.django_db
def test_a_new_password_signs_out_everywhere_else(world: World) -> None:
    here = signed_in_client(world.member.email)
    there = signed_in_client(world.member.email, SAFARI_IPHONE)
    new = "plum tractor lantern seven"
    r = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert r.status_code == 302
    assert not is_signed_in(there)
    assert is_signed_in(here)  # its key changed with the password; its row followed it
    page = here.get(reverse("sessions")).content.decode()
    assert re.findall(r"<h2>(.*?)</h2>", page) == [
        'Firefox on Windows <span class="tag">This device</span>'
    ]


@pytest.mark.django_db
def test_a_forgotten_password_reset_signs_out_everywhere(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    there = signed_in_client(world.member.email)
    c = Client()
    c.post(reverse("password_forgotten"), {"email": world.member.email})
    page = c.get(_link(mail.outbox[0]), follow=True)
    new = "plum tractor lantern seven"
    c.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert not is_signed_in(there)
    assert not SignedInSession.objects.filter(user=world.member).exists()


@pytest.mark.django_db
def test_a_live_page_asking_after_the_limit_is_sent_to_sign_in_whole(world: World) -> None:
    c = signed_in_client(world.member.email)
    age(idle=61)
    r = c.post(reverse("journeys:list"), HTTP_HX_REQUEST="true")
    assert r.status_code == 204
    assert r["HX-Redirect"] == "/accounts/sign-in/?next=/journeys/"
