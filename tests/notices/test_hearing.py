"""How each person hears back: the rules, who may see and change it, rights."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.contributions import services as contribution_services
from powerwith.notices import services
from powerwith.notices.models import HearingBack, Notice
from powerwith.rights import services as rights_services
from tests.conftest import World, client_for, make_user

from .conftest import add_person, hears_by_email, raise_one


def _set(world: World, person: Any, **kw: Any) -> HearingBack:
    kw.setdefault("consent", True)
    return services.hearing_back_set(actor=world.facilitator, person=person, **kw)


def _error(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


@pytest.mark.django_db
def test_each_way_keeps_only_the_detail_it_needs(world: World) -> None:
    rose, sam = add_person(world), add_person(world, "Sam Ode")
    h = _set(
        world,
        rose,
        way="text",
        phone="07700 900123",
        email="rose@example.org",
        address="1 High St\nLeeds",
    )
    assert (h.way, h.phone, h.email, h.address, h.consent_on) == (
        "text",
        "+447700900123",
        "",
        "",
        timezone.localdate(),
    )
    h = _set(world, rose, way="post", address=" 1 High Street \n\nLeeds\nLS1 1AA ")
    assert (h.address, h.phone) == ("1 High Street\nLeeds\nLS1 1AA", "")
    h = _set(world, rose, way="member", via=sam, consent_on=datetime.date(2025, 3, 1))
    assert (h.via, h.consent_on, h.address) == (sam, datetime.date(2025, 3, 1), "")
    h = _set(world, rose, way="none", consent=False)
    assert (h.way, h.via, h.consent_on) == ("none", None, None)
    assert HearingBack.objects.count() == 1
    line = AuditEntry.objects.filter(action="hearing_back_set").latest("id")
    assert (line.summary, line.on_behalf_of) == ("Hears back: Not at all", rose)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        (
            {"way": "email", "email": "rose"},
            "email",
            "Enter an email address in the right form, like name@example.org.",
        ),
        (
            {"way": "text", "phone": "0113 496 0000"},
            "phone",
            "Enter a UK mobile number, like 07700 900123 or +44 7700 900123.",
        ),
        (
            {"way": "post", "address": "Leeds"},
            "address",
            "Enter the postal address on at least two lines, with the postcode last.",
        ),
        (
            {"way": "post", "address": "a\nb\nc\nd\ne\nf\ng"},
            "address",
            "An address fits the envelope window on at most 6 lines. Join some lines.",
        ),
        ({"way": "member"}, "via", "Choose the member of the group who passes the news on."),
        (
            {"way": "email", "email": "r@example.org", "consent": False},
            "consent",
            "Tick to confirm that they agreed to be told this way. Without it, nothing is sent.",
        ),
        (
            {"way": "email", "email": "r@example.org", "consent_on": datetime.date(2099, 1, 1)},
            "consent_on",
            "The day they agreed cannot be in the future.",
        ),
        ({"way": "pigeon"}, "way", "Choose how they want to hear back."),
    ],
)
def test_what_is_refused_and_why(
    world: World, kw: dict[str, Any], field: str, message: str
) -> None:
    rose = add_person(world)
    with pytest.raises(ValidationError) as exc:
        _set(world, rose, **kw)
    assert _error(exc) == {field: [message]}


@pytest.mark.django_db
def test_a_member_may_not_set_it_but_the_person_may_set_their_own(world: World) -> None:
    rose = add_person(world)
    with pytest.raises(PermissionDenied):
        services.hearing_back_set(
            actor=world.member, person=rose, way="email", email="r@example.org", consent=True
        )
    account = make_user("rose@example.org", "Rose")
    type(rose).objects.filter(pk=rose.pk).update(user=account)  # their account is linked
    rose.refresh_from_db()
    h = services.hearing_back_set(
        actor=account, person=rose, way="email", email="rose@example.org", consent=True
    )
    assert h.email == "rose@example.org"
    line = AuditEntry.objects.filter(action="hearing_back_set").latest("id")
    assert (line.actor, line.on_behalf_of) == (account, None)


@pytest.mark.django_db
def test_opting_out_removes_notices_still_waiting(world: World) -> None:
    rose = add_person(world)
    services.notice_timing_set(actor=world.facilitator, journey=world.journey, timing="month")
    hears_by_email(world, rose)
    c = raise_one(world, rose)
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="considering"
    )
    assert Notice.objects.filter(status="queued").count() == 1
    _set(world, rose, way="none", consent=False)
    assert Notice.objects.count() == 0


@pytest.mark.django_db
def test_the_facilitators_page_saves_and_shows_the_form_again_with_errors(world: World) -> None:
    rose = add_person(world)
    url = reverse("notices:hearing", kwargs={"slug": world.journey.slug, "person_pk": rose.pk})
    c = client_for(world.facilitator)
    page = c.get(url)
    assert page.status_code == 200
    assert "How Rose Hill hears back" in page.content.decode()
    bad = c.post(url, {"way": "email", "email": "nope", "consent": "on"})
    assert bad.status_code == 400
    assert "Enter an email address in the right form" in bad.content.decode()
    assert 'value="nope"' in bad.content.decode()
    ok = c.post(
        url,
        {"way": "email", "email": "rose@example.org", "consent": "on", "consent_on": "2025-02-01"},
    )
    assert ok.status_code == 302
    h = HearingBack.objects.get(person=rose)
    assert (h.email, h.consent_on) == ("rose@example.org", datetime.date(2025, 2, 1))
    # The person's page links to it for facilitators only.
    detail = rose.get_absolute_url()
    assert url in c.get(detail).content.decode()
    assert url not in client_for(world.member).get(detail).content.decode()
    assert client_for(world.member).get(url).status_code == 403


@pytest.mark.django_db
def test_your_own_page_is_only_yours(world: World) -> None:
    rose = add_person(world)
    account = make_user("rose@example.org", "Rose")
    type(rose).objects.filter(pk=rose.pk).update(user=account)
    url = reverse("notices_account:hearing", kwargs={"person_pk": rose.pk})
    mine = client_for(account)
    assert url in mine.get(reverse("rights_account:mine")).content.decode()
    page = mine.get(url)
    assert "How do you want to hear what became of what you raised?" in page.content.decode()
    assert "The day they agreed" not in page.content.decode()
    r = mine.post(url, {"way": "text", "phone": "+44 7700 900123", "consent": "on"})
    assert r.status_code == 302
    h = HearingBack.objects.get(person=rose)
    assert (h.way, h.phone, h.consent_on) == ("text", "+447700900123", timezone.localdate())
    assert client_for(world.facilitator).get(url).status_code == 404
    assert client_for(world.outsider).post(url, {"way": "none"}).status_code == 404


@pytest.mark.django_db
def test_a_copy_lists_it_and_erasure_removes_the_address(world: World) -> None:
    from powerwith.notices import rights

    rose, sam = add_person(world), add_person(world, "Sam Ode")
    _set(
        world,
        rose,
        way="post",
        address="1 High Street\nLeeds\nLS1 1AA",
        consent_on=datetime.date(2025, 2, 1),
    )
    _set(world, sam, way="member", via=rose)
    held = rights.held(rose)
    assert held["how they hear back"] == [
        {
            "How they hear back": "Letter by post",
            "Email address": "",
            "Mobile number": "",
            "Postal address": "1 High Street\nLeeds\nLS1 1AA",
            "Passed on by": "",
            "Agreed on": datetime.date(2025, 2, 1),
            "Language of the news": "",
            "In easy read": "no",
        }
    ]
    rights_services.person_erase(actor=world.facilitator, person=rose)
    assert not HearingBack.objects.filter(person=rose).exists()
    assert HearingBack.objects.get(person=sam).via is None
    assert "LS1 1AA" not in str(rights.held(rose))
