"""The members page's invitations not yet used: no link can be shown again (only its hash is
kept), so each has "Make a new link" (the old one stops working) and "Take back"; both are in
the journey's log, only for facilitators, and a second tap changes nothing."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.journeys import services as js
from powerwith.journeys.models import Invitation
from tests.conftest import World, client_for, make_user


def _members(world: World) -> str:
    return reverse("journeys:members", kwargs={"slug": world.journey.slug})


def _url(world: World, name: str, inv: Invitation) -> str:
    return reverse(f"journeys:{name}", kwargs={"slug": world.journey.slug, "invitation_pk": inv.pk})


def _invite(world: World, email: str = "nia@example.org") -> Invitation:
    return js.invitation_create(
        actor=world.facilitator, journey=world.journey, email=email, role="member"
    )


def _link_in(page: str, email: str) -> str:
    return page.split(f"Send this link to {email}: ")[1].split("<")[0]


def test_the_list_shows_no_dead_link_and_offers_a_new_one(world: World) -> None:
    old = _invite(world)
    c = client_for(world.facilitator)
    page = c.get(_members(world)).content.decode()
    assert "nia@example.org as member, link valid until" in page
    # No link at all: the one made is not kept, and a made-up one would not work.
    assert "/accounts/invitation/" not in page
    assert "Make a new link" in page and "Take back" in page
    r = c.post(_url(world, "invitation_renew", old), follow=True)
    assert r.status_code == 200
    link = _link_in(r.content.decode(), "nia@example.org")
    token = link.rstrip("/").rsplit("/", 1)[1]
    stored = Invitation.objects.get(pk=old.pk)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert stored.expires_at > timezone.now() + datetime.timedelta(days=13)
    # The new link opens the invitation; the old one no longer does.
    assert Client().get(link).status_code == 200
    assert js.invitation_for(old.token or "") is None
    assert Client().get(reverse("invitation", args=[old.token])).status_code == 404
    assert AuditEntry.objects.filter(action="invitation_renew", object_id=old.pk).count() == 1
    newbie = make_user("nia@example.org")
    assert js.invitation_accept(user=newbie, token=token).journey == world.journey


def test_a_link_that_ran_out_says_so_and_can_be_renewed(world: World) -> None:
    inv = _invite(world)
    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() - datetime.timedelta(1))
    c = client_for(world.facilitator)
    page = c.get(_members(world)).content.decode()
    assert "nia@example.org as member: the link ran out on" in page
    ran_out = Invitation.objects.get(pk=inv.pk).expires_at
    forget = timezone.localtime(ran_out + datetime.timedelta(days=90)).date()
    assert f"the invitation will be forgotten on {forget.day} {forget:%B %Y}." in page
    link = _link_in(
        c.post(_url(world, "invitation_renew", inv), follow=True).content.decode(),
        "nia@example.org",
    )
    assert "the link ran out" not in c.get(_members(world)).content.decode()
    assert Client().get(link).status_code == 200


def test_taking_back_twice_counts_once(world: World) -> None:
    inv = _invite(world)
    keep = _invite(world, "ola@example.org")
    c = client_for(world.facilitator)
    r = c.post(_url(world, "invitation_withdraw", inv), follow=True)
    page = r.content.decode()
    assert "Invitation for nia@example.org taken back: its link no longer works." in page
    assert not Invitation.objects.filter(pk=inv.pk).exists()
    assert Client().get(reverse("invitation", args=[inv.token])).status_code == 404
    again = c.post(_url(world, "invitation_withdraw", inv), follow=True)
    assert again.status_code == 200
    assert "That invitation has already been taken back." in again.content.decode()
    assert AuditEntry.objects.filter(action="invitation_withdraw").count() == 1
    assert Invitation.objects.filter(pk=keep.pk).exists()
    assert "ola@example.org" in again.content.decode()


def test_a_used_invitation_cannot_be_renewed_or_taken_back(world: World) -> None:
    inv = _invite(world)
    js.invitation_accept(user=make_user("nia@example.org"), token=inv.token or "")
    c = client_for(world.facilitator)
    for name in ("invitation_renew", "invitation_withdraw"):
        page = c.post(_url(world, name, inv), follow=True).content.decode()
        assert "This invitation has already been used: there is nothing to change." in page
    assert Invitation.objects.get(pk=inv.pk).accepted_at is not None


def test_only_facilitators_and_only_their_own_journeys_invitations(world: World) -> None:
    inv = _invite(world)
    before = Invitation.objects.get(pk=inv.pk).token_hash
    for who, status in ((world.member, 403), (world.observer, 403), (world.outsider, 404)):
        for name in ("invitation_renew", "invitation_withdraw"):
            assert client_for(who).post(_url(world, name, inv)).status_code == status
    assert (
        client_for(world.facilitator).get(_url(world, "invitation_renew", inv)).status_code == 405
    )
    assert Invitation.objects.get(pk=inv.pk).token_hash == before
    # Members see who has access, not the invitations.
    assert "nia@example.org" not in client_for(world.member).get(_members(world)).content.decode()


def test_a_change_reads_the_invitation_again(world: World) -> None:
    """The services check the row as it is now, not as the caller read it: accepted, or taken
    back, in between (someone joining at the same moment)."""
    inv = _invite(world)
    stale = Invitation.objects.get(pk=inv.pk)
    js.invitation_accept(user=make_user("nia@example.org"), token=inv.token or "")
    with pytest.raises(ValidationError, match="already been used"):
        js.invitation_withdraw(actor=world.facilitator, invitation=stale)
    assert Invitation.objects.filter(pk=inv.pk).exists()
    other = _invite(world, "ola@example.org")
    stale = Invitation.objects.get(pk=other.pk)
    js.invitation_withdraw(actor=world.facilitator, invitation=other)
    with pytest.raises(ValidationError, match="already been taken back"):
        js.invitation_renew(actor=world.facilitator, invitation=stale)
