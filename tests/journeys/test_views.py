"""The journey pages through the web: bad input is refused with a specific message and the typed
value kept (nothing half-saved), membership rules, and the record of changes."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.journeys import services
from powerwith.journeys.models import DefinitionVersion, Journey, Limit, Membership
from tests.conftest import World, client_for


def url(name: str, world: World, **kw: Any) -> str:
    return reverse(f"journeys:{name}", kwargs={"slug": world.journey.slug, **kw})


def flash(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- creating a journey -----------------------------------------------------------------------


@pytest.mark.django_db
def test_create_journey_without_a_title_keeps_what_was_typed(world: World) -> None:
    c = client_for(world.member)
    before = Journey.objects.count()
    r = c.post(
        reverse("journeys:create"),
        {"title": "   ", "purpose": "Make the café welcoming", "level": "community"},
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert "There is a problem" in body
    assert body.count("Enter a name for the journey.") == 2  # in the summary and at the field
    assert "Make the café welcoming" in body
    assert 'value="community" selected' in body
    assert Journey.objects.count() == before


@pytest.mark.django_db
def test_create_journey_with_a_bad_date(world: World) -> None:
    c = client_for(world.member)
    r = c.post(reverse("journeys:create"), {"title": "Café", "started_on": "31/02/2025"})
    assert r.status_code == 400
    assert "Enter a real date for \u201cstart date\u201d, like 27/03/2026." in r.content.decode()
    assert 'value="31/02/2025"' in r.content.decode()
    assert not Journey.objects.filter(title="Café").exists()


@pytest.mark.django_db
def test_create_journey_makes_the_creator_its_facilitator(world: World) -> None:
    c = client_for(world.outsider)
    r = c.post(
        reverse("journeys:create"),
        {"title": "Community shop", "stages": ["co_design", "co_delivery"], "level": "community"},
    )
    journey = Journey.objects.get(title="Community shop")
    assert r.status_code == 302 and r["Location"] == f"/j/{journey.slug}/"
    assert journey.slug == "community-shop"
    assert journey.stages == ["co_design", "co_delivery"]
    assert Membership.objects.get(journey=journey).user == world.outsider
    assert Membership.objects.get(journey=journey).role == "facilitator"
    assert c.get(r["Location"]).status_code == 200


# --- the agreement -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_limit_without_why_is_refused_and_nothing_saved(world: World) -> None:
    c = client_for(world.facilitator)
    r = c.post(
        url("limit_add", world),
        {"table": "off", "text": "Opening hours of the clinic", "set_by": "organisation"},
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert body.count("Explain why. People find unexplained limits frustrating.") == 2
    assert 'value="Opening hours of the clinic"' in body
    assert Limit.objects.count() == 0


@pytest.mark.django_db
def test_limit_with_who_and_why_is_shown_on_the_agreement(world: World) -> None:
    c = client_for(world.facilitator)
    r = c.post(
        url("limit_add", world),
        {
            "table": "off",
            "text": "Opening hours of the clinic",
            "set_by": "organisation",
            "why": "Fixed by the trust's staffing contract until 2026.",
            "disclosed_on": "2025-02-01",
        },
    )
    assert r.status_code == 302 and r["Location"] == url("agreement", world)
    limit = Limit.objects.get()
    assert (limit.set_by, limit.disclosed_on) == ("organisation", datetime.date(2025, 2, 1))
    body = client_for(world.observer).get(url("agreement", world)).content.decode()
    assert "Opening hours of the clinic" in body
    assert "Fixed by the trust&#x27;s staffing contract until 2026." in body
    assert "1 Feb 2025" in body
    # Observers see the limit but not the links to change it.
    assert url("limit_edit", world, limit_pk=limit.pk) not in body


@pytest.mark.django_db
def test_definition_equal_to_the_current_one_is_refused(world: World) -> None:
    text = "Working together as equals, sharing power from the start."
    services.definition_add(
        actor=world.facilitator,
        journey=world.journey,
        text=text,
        agreed_on=datetime.date(2025, 1, 20),
    )
    c = client_for(world.facilitator)
    r = c.post(url("definition_add", world), {"text": f"  {text}  ", "agreed_on": "2025-03-01"})
    assert r.status_code == 400
    body = r.content.decode()
    assert "This is the same as the current definition." in body
    assert 'value="2025-03-01"' in body
    assert DefinitionVersion.objects.filter(journey=world.journey).count() == 1


@pytest.mark.django_db
def test_a_new_definition_keeps_the_earlier_one(world: World) -> None:
    services.definition_add(
        actor=world.facilitator,
        journey=world.journey,
        text="Version one.",
        agreed_on=datetime.date(2025, 1, 20),
    )
    c = client_for(world.facilitator)
    r = c.post(url("definition_add", world), {"text": "Version two.", "agreed_on": "2025-03-01"})
    assert r.status_code == 302
    body = c.get(url("agreement", world)).content.decode()
    assert (
        body.index("Version two.") < body.index("Earlier versions (1)") < body.index("Version one.")
    )


@pytest.mark.django_db
def test_value_twice_is_refused(world: World) -> None:
    c = client_for(world.facilitator)
    assert c.post(url("value_add", world), {"name": "Honesty"}).status_code == 302
    r = c.post(url("value_add", world), {"name": "honesty", "meaning": "We say what we know."})
    assert r.status_code == 400
    assert "The group has already chosen \u201chonesty\u201d." in r.content.decode()
    assert "We say what we know." in r.content.decode()
    assert world.journey.values.count() == 1


# --- invitations -------------------------------------------------------------------------------


def _invite(world: World, email: str = "ada@example.org", role: str = "member") -> str:
    c = client_for(world.facilitator)
    r = c.post(url("invite", world), {"email": email, "role": role, "person": ""})
    assert r.status_code == 302 and r["Location"] == url("members", world)
    # The link is only in the message: the database keeps a hash of its token.
    inv = world.journey.invitations.get(email=email)
    (said,) = flash(r)
    link = "/accounts/" + said.split("/accounts/", 1)[1]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert link == reverse("invitation", kwargs={"token": token})
    assert services.invitation_for(token) == inv
    return link


@pytest.mark.django_db
def test_invitation_sign_up_lands_in_the_journey_with_the_invited_role(world: World) -> None:
    link = _invite(world, role="observer")
    c = Client()
    page = c.get(link)
    assert page.status_code == 200
    assert 'value="ada@example.org"' in page.content.decode()
    r = c.post(link, {"name": "Ada", "email": "ada@example.org", "password": "a long enough one"})
    assert r.status_code == 302 and r["Location"] == f"/j/{world.journey.slug}/"
    m = Membership.objects.get(journey=world.journey, user__email="ada@example.org")
    assert m.role == "observer"
    assert c.get(r["Location"]).status_code == 200  # signed in as Ada
    assert AuditEntry.objects.filter(journey=world.journey, action="invitation_accept").count() == 1


@pytest.mark.django_db
def test_invitation_bad_sign_up_keeps_input(world: World) -> None:
    link = _invite(world)
    r = Client().post(link, {"name": "Ada", "email": "ada@example.org", "password": "short"})
    assert r.status_code == 400
    assert "Your password needs at least 10 characters." in r.content.decode()
    assert 'value="Ada"' in r.content.decode()
    assert not Membership.objects.filter(user__email="ada@example.org").exists()


@pytest.mark.django_db
def test_invitation_for_a_signed_in_account(world: World) -> None:
    link = _invite(world, email=world.outsider.email, role="member")
    c = client_for(world.outsider)
    assert "Join the journey" in c.get(link).content.decode()
    r = c.post(link)
    assert r.status_code == 302
    assert Membership.objects.get(journey=world.journey, user=world.outsider).role == "member"


@pytest.mark.django_db
def test_expired_invitation_says_so_and_creates_no_account(world: World) -> None:
    link = _invite(world)
    world.journey.invitations.update(expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    c = Client()
    assert "This invitation has expired." in c.get(link).content.decode()
    r = c.post(link, {"name": "Ada", "email": "ada@example.org", "password": "a long enough one"})
    assert "This invitation has expired." in r.content.decode()
    assert r.status_code in (400, 410)
    # Nothing half-saved: no account was left behind.
    assert not Membership.objects.filter(user__email="ada@example.org").exists()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="ada@example.org").exists()


@pytest.mark.django_db
def test_used_invitation_says_so(world: World) -> None:
    link = _invite(world)
    Client().post(
        link, {"name": "Ada", "email": "ada@example.org", "password": "a long enough one"}
    )
    other = Client()
    assert "This invitation has already been used." in other.get(link).content.decode()
    assert "already been used" in client_for(world.outsider).get(link).content.decode()
    r = client_for(world.outsider).post(link)
    assert "already been used" in r.content.decode()
    assert not Membership.objects.filter(journey=world.journey, user=world.outsider).exists()


@pytest.mark.django_db
def test_unknown_invitation_link() -> None:
    r = Client().get(reverse("invitation", kwargs={"token": "nope"}))
    assert r.status_code == 404
    assert "This invitation link is not valid" in r.content.decode()


@pytest.mark.django_db
def test_invite_bad_email_and_existing_member(world: World) -> None:
    c = client_for(world.facilitator)
    r = c.post(url("invite", world), {"email": "not an email", "role": "member"})
    assert r.status_code == 400
    assert "Enter an email address, like name@example.org." in r.content.decode()
    assert 'value="not an email"' in r.content.decode()
    r = c.post(url("invite", world), {"email": "MO@example.org", "role": "member"})
    assert r.status_code == 400
    assert "This person is already a member of the journey." in r.content.decode()
    assert world.journey.invitations.count() == 0


# --- membership --------------------------------------------------------------------------------


def _membership(world: World, role: str) -> Membership:
    return Membership.objects.get(journey=world.journey, user=world.user(role))


@pytest.mark.django_db
def test_facilitator_changes_a_role(world: World) -> None:
    m = _membership(world, "member")
    r = client_for(world.facilitator).post(
        url("membership_edit", world, membership_pk=m.pk), {"role": "observer"}
    )
    assert r.status_code == 302 and flash(r) == ["Role changed."]
    m.refresh_from_db()
    assert m.role == "observer"
    # An observer can no longer record: the gate says so.
    assert client_for(world.member).get(url("limit_add", world)).status_code == 403


@pytest.mark.django_db
def test_the_last_facilitator_cannot_step_down_or_be_removed(world: World) -> None:
    me = _membership(world, "facilitator")
    c = client_for(world.facilitator)
    msg = "A journey needs at least one facilitator. Make someone else facilitator first."
    r = c.post(url("membership_edit", world, membership_pk=me.pk), {"role": "member"}, follow=True)
    assert [str(m) for m in r.context["messages"]] == [msg]
    assert msg in r.content.decode()
    page = c.get(url("membership_remove", world, membership_pk=me.pk)).content.decode()
    assert msg in page and "Remove my access</button>" not in page
    r = c.post(url("membership_remove", world, membership_pk=me.pk), follow=True)
    assert [str(m) for m in r.context["messages"]] == [msg]
    me.refresh_from_db()
    assert me.role == "facilitator"
    # With a second facilitator, stepping down works.
    other = _membership(world, "member")
    c.post(url("membership_edit", world, membership_pk=other.pk), {"role": "facilitator"})
    c.post(url("membership_edit", world, membership_pk=me.pk), {"role": "member"})
    me.refresh_from_db()
    assert me.role == "member"


@pytest.mark.django_db
def test_removing_access_asks_first_then_the_removed_member_sees_nothing(world: World) -> None:
    m = _membership(world, "observer")
    fran = client_for(world.facilitator)
    remove = url("membership_remove", world, membership_pk=m.pk)
    # The members page links to a page that asks; the old one-tap button now only leads there.
    members = fran.get(url("members", world)).content.decode()
    assert f'href="{remove}">Remove access' in members and 'name="remove"' not in members
    r = fran.post(url("membership_edit", world, membership_pk=m.pk), {"remove": "1"})
    assert r.status_code == 302 and r["Location"] == remove
    assert Membership.objects.filter(pk=m.pk).exists()
    page = fran.get(remove).content.decode()
    assert f"Remove {m.user.first_name}’s access?" in page
    assert f"{m.user.first_name} will no longer be able to see this journey." in page
    assert "to give them access again, a facilitator invites them again" in page
    r = fran.post(remove)
    assert flash(r) == ["Removed from the journey."]
    assert not Membership.objects.filter(pk=m.pk).exists()
    assert client_for(world.observer).get(url("detail", world)).status_code == 404


@pytest.mark.django_db
def test_unknown_role_is_refused(world: World) -> None:
    m = _membership(world, "member")
    r = client_for(world.facilitator).post(
        url("membership_edit", world, membership_pk=m.pk), {"role": "owner"}
    )
    assert flash(r) == ["Choose facilitator, member or observer."]
    m.refresh_from_db()
    assert m.role == "member"


@pytest.mark.django_db
def test_members_cannot_change_roles(world: World) -> None:
    m = _membership(world, "observer")
    r = client_for(world.member).post(
        url("membership_edit", world, membership_pk=m.pk), {"role": "facilitator"}
    )
    assert r.status_code == 403
    m.refresh_from_db()
    assert m.role == "observer"


# --- the record of changes ---------------------------------------------------------------------


@pytest.mark.django_db
def test_change_log_lists_who_did_what(world: World, django_assert_max_num_queries: Any) -> None:
    services.limit_add(
        actor=world.facilitator,
        journey=world.journey,
        text="The clinic's budget",
        set_by="funder",
        why="Set for three years.",
    )
    for i in range(20):
        services.value_add(actor=world.facilitator, journey=world.journey, name=f"Value {i}")
    c = client_for(world.facilitator)
    with django_assert_max_num_queries(12):
        r = c.get(url("log", world))
    assert r.status_code == 200
    body = r.content.decode()
    assert "The clinic&#x27;s budget" in body
    assert body.index("Value 19") < body.index("The clinic&#x27;s budget")  # newest first
    assert body.count("<tr>") == 1 + AuditEntry.objects.filter(journey=world.journey).count()
    assert client_for(world.member).get(url("log", world)).status_code == 403


@pytest.mark.django_db
def test_change_log_pages_through_every_line(
    world: World, django_assert_max_num_queries: Any
) -> None:
    """A long-running journey has thousands of lines: the log shows 100 at a time, newest
    first, and the oldest line is still there on the last page."""
    from powerwith.common.services import audit
    from powerwith.journeys.views import LOG_PAGE_SIZE

    for i in range(2 * LOG_PAGE_SIZE + 30):
        audit(journey=world.journey, actor=world.facilitator, action="note", summary=f"line {i}")
    total = AuditEntry.objects.filter(journey=world.journey).count()
    assert total > 2 * LOG_PAGE_SIZE
    c = client_for(world.facilitator)
    seen: list[str] = []
    pages = -(-total // LOG_PAGE_SIZE)
    for n in range(1, pages + 1):
        with django_assert_max_num_queries(12):
            r = c.get(url("log", world), {"page": n})
        body = r.content.decode()
        rows = body.count("<tr>") - 1
        assert rows == (LOG_PAGE_SIZE if n < pages else total - LOG_PAGE_SIZE * (pages - 1))
        assert f"Page {n} of {pages}" in body
        assert f"{total} in all, {LOG_PAGE_SIZE} to a page" in body
        assert ("Next page" in body) == (n < pages) and ("Previous page" in body) == (n > 1)
        seen += re.findall(r"(line \d+)<", body)
    # Every line once, newest first across the pages.
    assert seen == [f"line {i}" for i in reversed(range(2 * LOG_PAGE_SIZE + 30))]
    # A page past the end or a word instead of a number gives a page, not an error.
    assert "line 0<" in c.get(url("log", world), {"page": 999}).content.decode()
    assert "line 229<" in c.get(url("log", world), {"page": "last-ish"}).content.decode()


@pytest.mark.django_db
def test_change_log_with_a_line_nobody_is_named_on(world: World) -> None:
    """Anonymous answers and system changes are written with no actor: the page still works."""
    from powerwith.common.services import audit

    audit(journey=world.journey, actor=None, action="answer_anonymous", summary="An answer")
    r = client_for(world.facilitator).get(url("log", world))
    assert r.status_code == 200
    assert "<td>—</td>" in r.content.decode()


@pytest.mark.django_db
def test_change_log_says_how_a_change_came_in_plain_words(world: World) -> None:
    """The "How" column shows words, not the codes the apps store ("paper", "own_device")."""
    from powerwith.common.services import audit

    audit(journey=world.journey, actor=world.facilitator, action="note", channel="paper")
    audit(journey=world.journey, actor=world.facilitator, action="note", channel="own_device")
    audit(journey=world.journey, actor=world.facilitator, action="note", channel="new_way")
    body = client_for(world.facilitator).get(url("log", world)).content.decode()
    assert "<td>On paper</td>" in body
    assert "<td>On their own phone or computer</td>" in body
    assert "<td>New way</td>" in body  # a code with no words yet still reads as words
    assert "<td>paper</td>" not in body and "own_device" not in body
