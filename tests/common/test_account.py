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
from tests.conftest import PASSWORD, World, client_for

NEW = "plum tractor lantern seven"


def can_sign_in(email: str, password: str) -> bool:
    return Client().login(username=email, password=password)


def errors(response: Any, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


# --- changing your password ---------------------------------------------------------------------


@pytest.mark.django_db
def test_change_password(world: World) -> None:
    c = client_for(world.member)
    page = c.get(reverse("password_change")).content.decode()
    assert "Your current password" in page and "New password again" in page
    assert "At least 10 characters. A few random words in a row work well." in page
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
    r = client_for(world.member).post(
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


# --- closing your account -----------------------------------------------------------------------


@pytest.mark.django_db
def test_close_your_account(world: World) -> None:
    from powerwith.common.models import AuditEntry
    from powerwith.contributions.models import Contribution
    from powerwith.journeys import services as js
    from powerwith.people.models import Person
    from tests.people.builders import contribution, person

    mo = world.member
    mine = person(world, "Mo")
    js.membership_add(
        actor=world.facilitator,
        journey=world.journey,
        user=mo,
        role="member",
        person=mine,
    )
    said = contribution(world, "The lift is always broken", raised_by=mine)
    Contribution.objects.filter(pk=said.pk).update(entered_by=mo)
    c = client_for(mo)
    assert 'href="/accounts/close/"' in c.get(reverse("journeys:list")).content.decode()
    page = c.get(reverse("account_close")).content.decode()
    assert "Better breast care (member)" in page and "What you recorded stays" in page

    r = c.post(reverse("account_close"), {"password": "not it"})
    assert r.status_code == 400
    assert errors(r, "password") == ["That is not your password. Check it and try again."]
    assert errors(c.post(reverse("account_close"), {}), "password") == [
        "Enter your password to close your account."
    ]
    assert get_user_model().objects.filter(pk=mo.pk).exists()

    r = c.post(reverse("account_close"), {"password": PASSWORD}, follow=True)
    assert "Your account is closed. Thank you for taking part." in r.content.decode()
    assert not r.wsgi_request.user.is_authenticated
    assert not get_user_model().objects.filter(pk=mo.pk).exists()
    assert not can_sign_in("mo@example.org", PASSWORD)
    # The group's record stays, without saying who typed it in; the register entry stays.
    said.refresh_from_db()
    assert said.entered_by is None and said.raised_by == mine
    assert Person.objects.get(pk=mine.pk).user is None
    line = AuditEntry.objects.filter(journey=world.journey, action="account_close").get()
    assert line.actor is None and "mo@example.org" not in line.summary and "Mo" not in line.summary
    assert (
        "Someone closed their account"
        in client_for(world.facilitator)
        .get(reverse("journeys:log", kwargs={"slug": world.journey.slug}))
        .content.decode()
    )


@pytest.mark.django_db
def test_the_only_facilitator_cannot_close_their_account(world: World) -> None:
    from powerwith.journeys import services as js

    c = client_for(world.facilitator)
    page = c.get(reverse("account_close")).content.decode()
    assert "You cannot close your account yet" in page and "Better breast care" in page
    assert 'name="password"' not in page
    r = c.post(reverse("account_close"), {"password": PASSWORD})
    assert get_user_model().objects.filter(pk=world.facilitator.pk).exists()
    assert "You cannot close your account yet" in r.content.decode()
    with pytest.raises(Exception, match="only facilitator of “Better breast care”"):
        js.account_close(user=world.facilitator, password=PASSWORD)
    # With a second facilitator, it can.
    js.membership_set_role(
        actor=world.facilitator,
        membership=world.journey.memberships.get(user=world.member),
        role="facilitator",
    )
    assert js.account_close(user=world.facilitator, password=PASSWORD) == 1
    assert not get_user_model().objects.filter(pk=world.facilitator.pk).exists()


def test_the_only_admin_of_an_organisation_with_others_cannot_close_their_account(
    world: World,
) -> None:
    from powerwith.journeys import services as js
    from powerwith.organisations import services as orgs

    alone = orgs.organisation_create(actor=world.member, name="Just Me")
    shared = orgs.organisation_create(actor=world.member, name="Riverside Trust")
    orgs.organisation_add_member(
        actor=world.member, organisation=shared, email=world.observer.email, role="viewer"
    )
    r = client_for(world.member).post(reverse("account_close"), {"password": PASSWORD})
    assert r.status_code == 400
    assert r.context["form"].non_field_errors() == [
        "You are the only admin of “Riverside Trust”. Make someone else an admin "
        "there first, so the organisation can still be looked after."
    ]
    assert get_user_model().objects.filter(pk=world.member.pk).exists()
    role = shared.roles.get(user=world.observer)
    orgs.organisation_change_role(actor=world.member, role=role, new_role="admin")
    assert js.account_close(user=world.member, password=PASSWORD) == 1
    # Its roles go with the account; an organisation no one else was in is left without one.
    assert list(shared.roles.values_list("user__email", "role")) == [
        (world.observer.email, "admin")
    ]
    assert not alone.roles.exists()


def test_closing_an_account_needs_signing_in(client: Client) -> None:
    r = client.get(reverse("account_close"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_closing_an_account_never_deletes_the_groups_record() -> None:
    """Every link from the record to an account is SET_NULL: only access (memberships) goes
    with the account. A new CASCADE would silently delete a group's records."""
    from django.db import models

    # Access, the account's reading choice (language, easy read), and how it signs in go with it.
    allowed = {
        ("journeys", "Membership"),
        ("organisations", "OrganisationRole"),
        ("common", "ReadingChoice"),
        ("common", "TwoStep"),
        ("common", "SignedInSession"),
        ("api", "ApiToken"),
    }
    for f in get_user_model()._meta.get_fields(include_hidden=True):
        if not (f.is_relation and f.auto_created and not f.concrete):
            continue
        model = f.related_model
        if model._meta.app_label in ("admin", "auth") or model.__name__.startswith("User_"):
            continue
        key = (model._meta.app_label, model.__name__)
        if key in allowed:
            continue
        assert f.on_delete is models.SET_NULL, f"{key} {f.field.name}: {f.on_delete.__name__}"
