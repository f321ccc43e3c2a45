"""Training in Welsh: the pages read with Welsh chosen show the training catalogue's words and
none of the English sentences it translates; every entry is translated."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from powerwith.training import services
from tests.welsh import assert_welsh, get_welsh, untranslated, welsh_client

from .helpers import DAY, person, session, training_bank

APP = "training"
pytestmark = pytest.mark.django_db


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def test_training_pages_in_welsh(world: Any) -> None:
    s = session(world)
    t = services.trainee_add(actor=world.facilitator, session=s, person=person(world, "Ann"))
    services.goal_add(actor=world.facilitator, trainee=t, text="Speak up", set_on=DAY)
    services.questions_open(
        actor=world.facilitator, session=s, bank=training_bank(), anonymous=True, opens_on=DAY
    )
    c = welsh_client(world.facilitator)

    def u(name: str, **kw: object) -> str:
        return reverse(f"training:{name}", kwargs={"slug": world.journey.slug, **kw})

    page = get_welsh(c, u("list"))
    assert_welsh(page, APP, expect=["Hyfforddiant", "Ychwanegu sesiwn hyfforddi"])
    page = get_welsh(c, u("session", session_pk=s.pk))
    assert_welsh(
        page,
        APP,
        expect=["Pwy sy’n cymryd rhan", "Cwestiynau cyn ac ar ôl", "pan fydd y rownd yn cau"],
    )
    page = get_welsh(c, u("goal_add", session_pk=s.pk, trainee_pk=t.pk))
    assert_welsh(page, APP, expect=["Beth mae Ann eisiau ei gael ohoni"])
