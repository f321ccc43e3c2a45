"""Every reflection page renders for the people allowed to see it."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from powerwith.reflection import services

from .conftest import link
from .helpers import builtin, people


def _get(user, name, **kw):
    c = Client()
    c.force_login(user)
    return c.get(reverse(f"reflection:{name}", kwargs=kw))


def test_pages_render(audit_round):
    w = audit_round.world
    slug = w.journey.slug
    rnd = audit_round.round
    ending = services.ending_create(
        actor=w.facilitator,
        journey=w.journey,
        title="End of co-design",
        held_on=datetime.date(2025, 4, 1),
    )
    services.ending_view_add(
        actor=w.facilitator,
        ending=ending,
        perspective="Patients",
        side="lived",
        achieved="A new leaflet",
    )
    services.realist_note_add(
        actor=w.facilitator, ending=ending, context="c", mechanism="m", outcome="o"
    )
    pages = [
        ("list", {}),
        ("banks", {}),
        ("bank", {"bank_pk": audit_round.bank.pk}),
        ("bank_create", {}),
        ("round_create", {}),
        ("round", {"round_pk": rnd.pk}),
        ("round_paper", {"round_pk": rnd.pk}),
        ("round_close", {"round_pk": rnd.pk}),
        ("results", {"round_pk": rnd.pk}),
        ("themes", {"round_pk": rnd.pk}),
        ("lived_roles", {}),
        ("endings", {}),
        ("ending_create", {}),
        ("ending", {"ending_pk": ending.pk}),
        ("ending_view_add", {"ending_pk": ending.pk}),
        ("realist_note_add", {"ending_pk": ending.pk}),
    ]
    for name, kw in pages:
        r = _get(w.facilitator, name, slug=slug, **kw)
        assert r.status_code == 200, (name, r.status_code)
    results = _get(w.facilitator, "results", slug=slug, round_pk=rnd.pk).content.decode()
    assert "Everyone can say what they really think" in results
    assert "The meetings are at 9am (0)" in results


def test_lived_roles_round_page(world):
    bank = builtin("lived_roles")
    rnd = services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=bank,
        title="Peer check-in",
        anonymous=False,
        opens_on=datetime.date(2025, 3, 1),
    )
    (peer,) = people(world, "peer_worker", 1, "Pat")
    link(world, world.member, peer)
    r = _get(world.member, "round", slug=world.journey.slug, round_pk=rnd.pk)
    assert r.status_code == 200
    body = r.content.decode()
    assert "Private to you and the supporter you choose" in body
    assert "Which of these is closest to how your voice is treated at work?" in body
