"""The journey pages in Welsh: the demo's journey read by its facilitator with Welsh chosen
shows the Welsh catalogue's words (headings, labels, vocabularies, plurals) and none of the
English sentences it translates; every entry of the catalogue is translated."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from powerwith.journeys.models import Limit, Membership
from tests import demo_snapshot
from tests.welsh import assert_welsh, get_welsh, untranslated, welsh_client

pytestmark = pytest.mark.django_db

APP = "journeys"


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def test_journey_pages_in_welsh() -> None:

    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = welsh_client(user)
    slug = "better-breast-care"

    def u(name: str, **kw: object) -> str:
        return reverse(f"journeys:{name}", kwargs={"slug": slug, **kw})

    page = get_welsh(c, reverse("journeys:list"))
    assert_welsh(
        page, APP, expect=["Eich teithiau", "o bobl yn y gofrestr nawr", "Dechrau taith newydd"]
    )
    page = get_welsh(c, u("detail"))
    assert_welsh(page, APP, expect=["Cyfarfodydd diweddar", "Pwy sydd â mynediad i’r daith hon"])
    page = get_welsh(c, u("agreement"))
    assert_welsh(
        page,
        APP,
        expect=[
            "Beth y cytunodd y grŵp arno",
            "Ein gwerthoedd",
            "Cyd-ddylunio",
            "Wedi’i rannu â’r grŵp",
        ],
    )
    page = get_welsh(c, u("members"))
    assert_welsh(page, APP, expect=["Hwylusydd", "Newid rôl", "Gwahodd rhywun"])
    page = get_welsh(c, u("log"))
    assert_welsh(page, APP, expect=["Cofnod o newidiadau", "Ar ran"])
    page = get_welsh(c, u("settings"))
    assert_welsh(
        page,
        APP,
        expect=["Manylion y daith", "Enw’r daith", "Camau’r cylch y mae’n gweithio ynddynt"],
    )
    page = get_welsh(c, u("limit_add"))
    assert_welsh(page, APP, expect=["Ydy hyn ar y bwrdd?", "Y cyllidwr", "Nid yw ar y bwrdd"])
    limit = Limit.objects.filter(journey__slug=slug).first()
    assert limit is not None
    page = get_welsh(c, u("limit_edit", limit_pk=limit.pk))
    assert_welsh(page, APP, expect=["Newid y terfyn hwn"])
    for name in ("value_add", "definition_add", "invite"):
        assert_welsh(get_welsh(c, u(name)), APP, expect=["Yn ôl"])
    m = Membership.objects.filter(journey__slug=slug).exclude(user=user).first()
    assert m is not None
    page = get_welsh(c, u("membership_remove", membership_pk=m.pk))
    assert "Tynnu mynediad" in page


def test_a_form_error_in_welsh() -> None:

    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = welsh_client(user)
    from django.utils import translation

    with translation.override("cy"):
        r = c.post(reverse("journeys:create"), {"title": " "}, HTTP_ACCEPT_LANGUAGE="cy")
    assert "Rhowch enw i’r daith." in r.content.decode()
