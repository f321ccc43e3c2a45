"""Signing in: wrong passwords pause one account from one client address, never everyone;
the client address behind a trusted proxy; the "sign_in" limit on wrong passwords per address.

The test settings switch django-axes off (other tests sign in a lot); these switch it on.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, World

from .test_account import _link

pytestmark = pytest.mark.usefixtures("pinned_clock")

ATTACKER = "203.0.113.5"
NEIGHBOUR = "203.0.113.99"
PROXY = "10.0.0.2"


@pytest.fixture
def axes_on(settings: Any) -> Any:
    settings.AXES_ENABLED = True
    return settings


def sign_in(email: str, password: str, *, remote: str = ATTACKER, **headers: str) -> Any:
    c = Client(REMOTE_ADDR=remote, **headers)
    return c.post(reverse("login"), {"username": email, "password": password})


def signed_in(response: Any) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("journeys:list")


@pytest.mark.django_db
def test_made_up_emails_from_one_address_do_not_lock_out_real_users(
    world: World, axes_on: Any
) -> None:
    # Finding 5: eight wrong sign-ins with eight made-up emails used to pause every sign-in
    # from that address for an hour (behind a proxy, every visitor's).
    for n in range(8):
        r = sign_in(f"made-up-{n}@example.org", "guess")
        assert r.status_code == 200
        assert "The email address or password is not right" in r.content.decode()
    assert signed_in(sign_in(world.member.email, PASSWORD))
    assert signed_in(sign_in(world.facilitator.email, PASSWORD))


@pytest.mark.django_db
def test_wrong_passwords_for_one_account_pause_it_from_that_address_only(
    world: World, axes_on: Any
) -> None:
    target = world.member.email
    for _ in range(7):
        assert sign_in(target.upper(), "guess").status_code == 200  # any case counts the same
    r = sign_in(target, "guess")  # the eighth wrong password
    assert r.status_code == 429
    page = r.content.decode()
    assert "Signing in is paused" in page
    assert "paused signing in to it from here for an hour" in page
    assert 'href="/accounts/password/forgotten/"' in page
    assert r["Retry-After"] == "3600"

    # Now even the right password is refused from there...
    r = sign_in(target, PASSWORD)
    assert r.status_code == 429 and "Signing in is paused" in r.content.decode()
    # ...but the account's owner, somewhere else, signs in; and so does everyone else there.
    assert signed_in(sign_in(target, PASSWORD, remote=NEIGHBOUR))
    assert signed_in(sign_in(world.observer.email, PASSWORD))


@pytest.mark.django_db
def test_a_new_password_ends_the_pause(world: World, axes_on: Any) -> None:
    axes_on.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for _ in range(8):
        sign_in(world.member.email, "guess")
    assert sign_in(world.member.email, PASSWORD).status_code == 429

    c = Client(REMOTE_ADDR=ATTACKER)
    c.post(reverse("password_forgotten"), {"email": world.member.email})
    page = c.get(_link(mail.outbox[0]), follow=True)
    new = "plum tractor lantern seven"
    c.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert signed_in(sign_in(world.member.email, new))


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_is_counted_by_their_own_address(
    world: World, axes_on: Any
) -> None:
    axes_on.POWERWITH_TRUSTED_PROXY_COUNT = 1
    # Every request comes from the proxy; it appends the address it saw. The attacker puts
    # made-up addresses in front of theirs, hoping to be counted as someone new each time.
    for n in range(8):
        sign_in(
            world.member.email,
            "guess",
            remote=PROXY,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, {ATTACKER}",
        )
    r = sign_in(world.member.email, PASSWORD, remote=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert r.status_code == 429
    assert signed_in(
        sign_in(world.member.email, PASSWORD, remote=PROXY, HTTP_X_FORWARDED_FOR=NEIGHBOUR)
    )


@pytest.mark.django_db
def test_wrong_passwords_from_one_address_across_accounts_are_limited(
    world: World, settings: Any
) -> None:
    settings.POWERWITH_RATE_LIMITS = {**settings.POWERWITH_RATE_LIMITS, "sign_in": (5, 900)}
    for n in range(5):
        assert sign_in(f"someone-{n}@example.org", "guess").status_code == 200
    r = sign_in(world.member.email, PASSWORD)  # even the right password, from there
    assert r.status_code == 429
    assert "Signing in is paused" in r.content.decode()
    assert r["Retry-After"] == "899"  # the end of the 15-minute window the tries fell in
    assert "Try again in 15 minutes." in r.content.decode()
    assert signed_in(sign_in(world.member.email, PASSWORD, remote=NEIGHBOUR))


@pytest.mark.django_db
def test_right_passwords_do_not_count_towards_the_limit(world: World, settings: Any) -> None:
    settings.POWERWITH_RATE_LIMITS = {**settings.POWERWITH_RATE_LIMITS, "sign_in": (2, 900)}
    for _ in range(5):  # a room of people signing in over one wifi
        assert signed_in(sign_in(world.member.email, PASSWORD))


@pytest.mark.django_db
def test_the_limit_on_wrong_passwords_holds_for_every_way_of_signing_in(
    world: World, settings: Any
) -> None:
    settings.POWERWITH_RATE_LIMITS = {**settings.POWERWITH_RATE_LIMITS, "sign_in": (3, 900)}
    world.facilitator.is_staff = True
    world.facilitator.save()
    # The admin's sign-in page is ours (one way in, with two-step sign-in): it signs no one in,
    # whatever is sent to it.
    admin = Client(REMOTE_ADDR=ATTACKER)
    r = admin.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": world.facilitator.email, "password": PASSWORD},
    )
    assert r.status_code == 302 and r["Location"] == "/accounts/sign-in/?next=/admin/"
    assert "_auth_user_id" not in admin.session
    for n in range(3):
        sign_in(f"x{n}@example.org", "g")
    assert sign_in(world.member.email, PASSWORD).status_code == 429
    # A direct call to Django's authenticate() (any other door) is refused from there too.
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    request = RequestFactory().post("/", REMOTE_ADDR=ATTACKER)
    assert authenticate(request, username=world.facilitator.email, password=PASSWORD) is None
    elsewhere = RequestFactory().post("/", REMOTE_ADDR=NEIGHBOUR)
    assert authenticate(elsewhere, username=world.facilitator.email, password=PASSWORD)
