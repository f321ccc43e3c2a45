"""Gatherings in Welsh: the demo read by its facilitator with Welsh chosen shows the Welsh
catalogue's words (kinds, places, attendance, turns, plurals, the live turn page and what a tap
answers) and none of the English sentences it translates; every entry is translated."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from powerwith.gatherings.models import Gathering, SpeakingTurn
from tests import demo_snapshot
from tests.welsh import assert_welsh, get_welsh, untranslated, welsh_client

pytestmark = pytest.mark.django_db

APP = "gatherings"


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def test_gathering_pages_in_welsh() -> None:

    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = welsh_client(user)
    slug = "better-breast-care"
    g = (
        Gathering.objects.filter(
            journey__slug=slug, pk__in=SpeakingTurn.objects.values("gathering")
        )
        .order_by("-held_on")
        .first()
    )
    assert g is not None

    def u(name: str, **kw: object) -> str:
        return reverse(f"gatherings:{name}", kwargs={"slug": slug, **kw})

    page = get_welsh(c, u("list"))
    assert_welsh(
        page, APP, expect=["Cyfarfodydd", "Cofnodi cyfarfod", "Pethau a godwyd", "cyfarfod"]
    )
    page = get_welsh(c, u("detail", gathering_pk=g.pk))
    assert_welsh(
        page,
        APP,
        expect=["Pwy ddaeth", "Pwy siaradodd", "Troeon yn ôl ochr", "Ei ychwanegu at eich calendr"],
    )
    page = get_welsh(c, u("turns", gathering_pk=g.pk))
    assert_welsh(
        page, APP, expect=["Troeon siarad", "Dadwneud y tro diwethaf", "Ychwanegu rhywun newydd"]
    )
    page = get_welsh(c, u("turns", gathering_pk=g.pk) + "?timed=1")
    assert_welsh(page, APP, expect=["Stopio’r cloc"])
    page = get_welsh(c, u("turns_after", gathering_pk=g.pk))
    assert_welsh(page, APP, expect=["Rhoi troeon wedyn", "Munudau (dewisol)"])
    page = get_welsh(c, u("attendance", gathering_pk=g.pk))
    assert_welsh(page, APP, expect=["Cadw pwy ddaeth", "Wedi anfon ymddiheuriadau"])
    page = get_welsh(c, u("create"))
    assert_welsh(page, APP, expect=["Enw’r cyfarfod", "Cyfarfod ffurfiol", "Man cymunedol"])
    page = get_welsh(c, u("edit", gathering_pk=g.pk))
    assert_welsh(page, APP, expect=["Cadw’r cyfarfod"])
    page = get_welsh(c, reverse("journeys:detail", kwargs={"slug": slug}))
    assert "Y cyfarfod nesaf" in page or "Does dim cyfarfod wedi’i gynllunio." in page


def test_a_tap_answers_in_welsh() -> None:

    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = welsh_client(user)
    g = Gathering.objects.filter(journey__slug="better-breast-care").order_by("-held_on").first()
    assert g is not None
    person = g.journey.people.order_by("id").first()
    assert person is not None
    url = reverse("gatherings:tap", kwargs={"slug": g.journey.slug, "gathering_pk": g.pk})
    with translation.override("cy"):
        r = c.post(
            url,
            {"person": person.pk, "client_token": "welsh-tap-1"},
            HTTP_HX_REQUEST="true",
            HTTP_ACCEPT_LANGUAGE="cy",
        )
    body = r.content.decode()
    assert f"Tro wedi’i gofnodi i {person.name}" in body, body[:500]
