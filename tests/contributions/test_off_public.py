"""A contribution can be kept off the public "you said, we did" page, by a facilitator or by
the person who raised it. The public page and its counts leave it out and say how many are
kept off; members still see it; the export says which."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from powerwith.contributions import services
from powerwith.contributions.models import Contribution
from powerwith.exports import core_tables
from powerwith.people import services as people_services
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def _raise(world: World, text: str, **kw: object) -> Contribution:
    kw.setdefault("anonymous", True)
    return services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text=text,
        channel="paper",
        raised_on=datetime.date(2025, 3, 3),
        **kw,
    )


def plain(html: bytes) -> str:
    text = re.sub(r"</?a\b[^>]*>", "", html.decode())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def test_public_page_leaves_it_out_and_says_how_many(world: World) -> None:
    mo = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Mo",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
        user=world.member,
    )
    _raise(world, "The car park is full")
    mine = _raise(world, "My own story of the night ward", anonymous=False, raised_by=mo)
    c = client_for(world.member)
    detail = reverse(
        "contributions:detail", kwargs={"slug": world.journey.slug, "contribution_pk": mine.pk}
    )
    assert "Keep it off the public page" in c.get(detail).content.decode()
    r = c.post(
        reverse(
            "contributions:public", kwargs={"slug": world.journey.slug, "contribution_pk": mine.pk}
        ),
        {"off_public": "1"},
    )
    assert r.status_code == 302
    mine.refresh_from_db()
    assert mine.off_public is True

    world.journey.public_you_said = True
    world.journey.save()
    public = plain(
        client_for(world.outsider)
        .get(reverse("public:you_said", kwargs={"slug": world.journey.slug}))
        .content
    )
    assert "night ward" not in public
    assert "1 point raised" in public
    assert (
        "1 more point was raised and is kept off this public page, at the request of the "
        "person who raised it or of the group."
    ) in public
    members = plain(
        c.get(reverse("contributions:you_said", kwargs={"slug": world.journey.slug})).content
    )
    assert "night ward" in members
    assert "2 points raised" in members
    assert "1 of the points below is kept off the public page, which says only how many." in members

    rows = {r["contribution_id"]: r for r in core_tables(world.journey)["contributions"]}
    assert rows[mine.pk]["off_public_page"] is True
    assert [r["off_public_page"] for r in rows.values()].count(False) == 1


def test_only_a_facilitator_or_the_person_who_raised_it(world: World) -> None:
    c = _raise(world, "Parking")
    with pytest.raises(PermissionDenied):
        services.contribution_set_public(actor=world.member, contribution=c, off_public=True)
    r = client_for(world.member).post(
        reverse(
            "contributions:public", kwargs={"slug": world.journey.slug, "contribution_pk": c.pk}
        ),
        {"off_public": "1"},
        follow=True,
    )
    assert "Only a facilitator or the person who raised it can choose whether it is public." in (
        r.content.decode()
    )
    assert "Keep it off the public page" not in r.content.decode()
    c.refresh_from_db()
    assert c.off_public is False
    services.contribution_set_public(actor=world.facilitator, contribution=c, off_public=True)
    c.refresh_from_db()
    assert c.off_public is True
    assert world.journey.audit_entries.filter(action="contribution_set_public").count() == 1


def test_sharing_sentence_is_two_sentences(world: World) -> None:
    text = plain(
        client_for(world.facilitator)
        .get(reverse("contributions:you_said", kwargs={"slug": world.journey.slug}))
        .content
    )
    assert (
        "Only people in this journey can see this page. You can share it publicly, without "
        "names. To print it or save it as a PDF, use your browser’s print command."
    ) in text
