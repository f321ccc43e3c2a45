"""Statement rounds in Welsh: the respond page people open by the link or QR code, the round's
page, the paper sheet and the results, read with Welsh chosen, show the Welsh catalogue's words
and none of the English sentences it translates; every entry is translated."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from powerwith.commonground.models import StatementRound
from tests import demo_snapshot
from tests.welsh import assert_welsh, get_welsh, untranslated, welsh_client

pytestmark = pytest.mark.django_db

APP = "commonground"


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def _round() -> StatementRound:

    demo_snapshot.load_demo()
    rnd = StatementRound.objects.filter(open_by_link=True).order_by("pk").first()
    assert rnd is not None
    return rnd


def test_the_respond_page_by_link_in_welsh() -> None:
    rnd = _round()
    c = Client()
    c.cookies["powerwith_language"] = "cy"
    page = get_welsh(c, reverse("round_link:respond", args=[rnd.link_token]))
    assert_welsh(
        page, APP, expect=["Cytuno", "Anghytuno", "Pasio neu ddim yn siŵr", "Am gymryd rhan"]
    )
    c.cookies["powerwith_easy_read"] = "1"
    page = get_welsh(c, reverse("round_link:respond", args=[rnd.link_token]))
    assert_welsh(
        page, APP, expect=["Darllenwch y frawddeg.", "Dydyn ni ddim yn gofyn am eich enw."]
    )
    page = get_welsh(c, reverse("round_link:continue", args=[rnd.link_token]))
    assert_welsh(page, APP, expect=["Parhau o ddyfais arall", "Eich cod"])


def test_the_facilitators_pages_in_welsh() -> None:
    rnd = _round()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = welsh_client(user)
    kw = {"slug": rnd.journey.slug}
    page = get_welsh(c, reverse("commonground:list", kwargs=kw))
    assert_welsh(page, APP, expect=["Rowndiau datganiadau", "Agor rownd datganiadau"])
    kw["statement_round_pk"] = rnd.pk
    page = get_welsh(c, reverse("commonground:round", kwargs=kw))
    assert_welsh(page, APP, expect=["Rhannu’r ddolen", "Rhedeg y rownd"])
    page = get_welsh(c, reverse("commonground:sheet", kwargs=kw))
    assert_welsh(page, APP, expect=["Oherwydd fy swydd"])
    page = get_welsh(c, reverse("commonground:results", kwargs=kw))
    assert_welsh(
        page, APP, expect=["Beth yw grŵp", "Yn ôl ochr: profiad bywyd a gweithwyr proffesiynol"]
    )
