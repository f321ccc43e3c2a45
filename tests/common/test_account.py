"""Your account: changing your password, and choosing a new one when you have forgotten it.
Every mistake gets its own message with nothing lost; a link works once; nobody can find out
from the forgotten-password page whether an address has an account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from powerwith.common.forms import SignUpForm
from tests.conftest import PASSWORD, World

NEW = "plum tractor lantern seven"


def signed_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def can_sign_in(email: str, password: str) -> bool:
    return Client().login(username=email, password=password)


def errors(response: Any, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


# --- changing your password ---------------------------------------------------------------------


@pytest.mark.django_db
def test_change_password(world: World) -> None:
    c = signed_in(world.member)
    page = c.get(reverse("password_change")).content.decode()
    assert "Your current password" in page and "New password again" in page
    assert 'href="/accounts/password/"' in c.get(reverse("journeys:list")).content.decode()

    r = c.post(
        reverse("password_change"),
        {"old_password": "not it", "new_password1": NEW, "new_password2": NEW},
    )
    assert r.status_code == 400
    assert errors(r, "old_password") == [
        "That is not your current password. Check it and try again."
    ]
    r = c.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW + "x"},
    )
    assert errors(r, "new_password2") == [
        "The two new passwords are not the same. Type the same password in both boxes."
    ]
    r = c.post(reverse("password_change"), {})
    assert errors(r, "old_password") == ["Enter your current password."]
    assert errors(r, "new_password1") == ["Enter a new password."]
    assert errors(r, "new_password2") == ["Enter the new password a second time."]
    assert "There is a problem" in r.content.decode()  # the error summary, linked to fields
    assert can_sign_in(world.member.email, PASSWORD)  # nothing changed yet

    r = c.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Your password has been changed." in r.content.decode()
    assert r.wsgi_request.user == world.member  # still signed in here
    assert can_sign_in(world.member.email, NEW)
    assert not can_sign_in(world.member.email, PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        (
            "short one",
            "Make your password at least 10 characters long. A few random words in a row are "
            "easy to remember and hard to guess.",
        ),
        (
            "password123",
            "That password is one of the most used, so it is easy to guess. Choose another.",
        ),
        ("mo@example.org", "That password is too like your name or email address. Choose another."),
    ],
)
@pytest.mark.django_db
def test_new_passwords_follow_the_rules_in_plain_words(
    world: World, password: str, message: str
) -> None:
    r = signed_in(world.member).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert r.status_code == 400
    assert message in errors(r, "new_password2") + errors(r, "new_password1")
    # Signing up through an invitation follows the same rules.
    form = SignUpForm(
        {"name": "Mo", "email": "mo@example.org", "password": password.ljust(10, "!")}
    )
    if len(password) >= 10:
        assert not form.is_valid() and message in form.errors["password"]


def test_changing_a_password_needs_signing_in(client: Client) -> None:
    r = client.get(reverse("password_change"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


# --- a forgotten password -----------------------------------------------------------------------


def _link(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/password/new/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.mark.django_db
def test_forgotten_password_by_email(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    c = Client()
    assert 'href="/accounts/password/forgotten/"' in c.get(reverse("login")).content.decode()
    r = c.post(reverse("password_forgotten"), {"email": "not an address"})
    assert r.status_code == 400
    assert errors(r, "email") == ["Enter an email address like name@example.org."]
    assert errors(c.post(reverse("password_forgotten"), {}), "email") == [
        "Enter the email address you sign in with."
    ]

    # An address with no account gets the same answer, and no email goes anywhere.
    r = c.post(reverse("password_forgotten"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in r.content.decode()
    assert mail.outbox == []

    r = c.post(reverse("password_forgotten"), {"email": world.member.email.upper()}, follow=True)
    assert "Check your email" in r.content.decode()
    (message,) = mail.outbox
    assert message.to == [world.member.email]
    assert message.subject == "Choose a new password for PowerWith"
    assert "It works once, for one day" in message.body and "&#x27;" not in message.body

    link = _link(message)
    page = c.get(link, follow=True)
    assert "Choose a new password" in page.content.decode()
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    r = c.post(form_url, {"new_password1": NEW, "new_password2": "something else"})
    assert r.status_code == 400
    assert errors(r, "new_password2") == [
        "The two new passwords are not the same. Type the same password in both boxes."
    ]
    r = c.post(form_url, {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "Your new password is set. Sign in with it." in r.content.decode()
    assert can_sign_in(world.member.email, NEW)

    # The link works once.
    again = Client().get(link, follow=True).content.decode()
    assert "This link does not work" in again and "Ask for a new link" in again
    bad = Client().get("/accounts/password/new/MQ/not-a-token/", follow=True).content.decode()
    assert "This link does not work" in bad


@pytest.mark.django_db
def test_forgotten_password_without_a_mail_server_says_who_to_ask(
    world: World, settings: Any
) -> None:
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    c = Client()
    page = c.get(reverse("password_forgotten")).content.decode()
    assert "cannot send email" in page and "powerwith manage changepassword" in page
    assert 'name="email"' not in page
    r = c.post(reverse("password_forgotten"), {"email": world.member.email})
    assert r.status_code == 200 and "cannot send email" in r.content.decode()
    assert get_user_model().objects.get(pk=world.member.pk).check_password(PASSWORD)
