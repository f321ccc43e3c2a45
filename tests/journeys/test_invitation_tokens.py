"""Invitation tokens are stored only as a hash: the link works, the database holds nothing a
reader could use; links sent before the change keep working (the data migration)."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from powerwith.journeys import services as js
from powerwith.journeys.models import Invitation
from tests.conftest import PASSWORD, World, make_user
from tests.empty_db import empty_database, migrate_to


@pytest.mark.django_db
def test_only_a_hash_of_the_token_is_stored(world: World) -> None:
    inv = js.invitation_create(
        actor=world.facilitator, journey=world.journey, email="nia@example.org", role="member"
    )
    assert inv.token is not None and len(inv.token) == 43
    stored = Invitation.objects.get(pk=inv.pk)
    assert stored.token is None  # never read back: it is not stored
    assert stored.token_hash == hashlib.sha256(inv.token.encode()).hexdigest()
    row = Invitation.objects.filter(pk=inv.pk).values().get()
    assert inv.token not in {str(v) for v in row.values()}
    # The database's own value cannot be used as a link.
    assert Client().get(reverse("invitation", args=[stored.token_hash])).status_code == 404
    assert js.invitation_for(stored.token_hash) is None
    # The link does.
    r = Client().get(reverse("invitation", args=[inv.token]))
    assert r.status_code == 200
    newbie = make_user("nia@example.org")
    assert js.invitation_accept(user=newbie, token=inv.token).journey == world.journey


@pytest.mark.django_db
def test_the_facilitator_still_gets_the_link_to_send(world: World) -> None:
    c = Client()
    c.post(reverse("login"), {"username": world.facilitator.email, "password": PASSWORD})
    r = c.post(
        reverse("journeys:invite", kwargs={"slug": world.journey.slug}),
        {"email": "nia@example.org", "role": "member", "person": ""},
        follow=True,
    )
    page = r.content.decode()
    link = page.split("Send this link to nia@example.org: ")[1].split("<")[0]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert Invitation.objects.get().token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert Client().get(link).status_code == 200


def test_links_sent_before_hashing_keep_working(
    django_db_setup: None, django_db_blocker: Any
) -> None:
    sent = "an-old-token-sent-by-email-before-the-change-x"
    with django_db_blocker.unblock():
        with empty_database():
            stored = _hash_the_migration_stores(sent)
        assert stored == hashlib.sha256(sent.encode()).hexdigest()
        # Today's code finds the invitation by what the migration stored, and the link answers.
        with transaction.atomic():
            fran = make_user("fran@example.org")
            journey = js.journey_create(actor=fran, title="Old links")
            inv = Invitation.objects.create(
                journey=journey,
                email="nia@example.org",
                role="member",
                token_hash=stored,
                invited_by=fran,
                expires_at=timezone.now() + datetime.timedelta(days=7),
            )
            assert js.invitation_for(sent) == inv
            assert Client().get(reverse("invitation", args=[sent])).status_code == 200
            transaction.set_rollback(True)


def _hash_the_migration_stores(sent: str) -> str:
    """On an empty database: an invitation made before the change, with its token as sent, then
    the migration; what it keeps of the token."""
    before = [("journeys", "0005_voteux_limit_shared_by")]
    after = [("journeys", "0006_trust2_invitation_token_hash")]
    apps = migrate_to(before)
    User = apps.get_model("auth", "User")
    Journey = apps.get_model("journeys", "Journey")
    Old = apps.get_model("journeys", "Invitation")
    fran = User.objects.create(username="fran@example.org", email="fran@example.org")
    journey = Journey.objects.create(slug="old-links", title="Old links", created_by=fran)
    Old.objects.create(
        journey=journey,
        email="nia@example.org",
        role="member",
        token=sent,
        invited_by=fran,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    New = migrate_to(after).get_model("journeys", "Invitation")
    return str(New.objects.get(journey__slug="old-links").token_hash)
