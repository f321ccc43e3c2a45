"""The register of people in Welsh: the demo read by its facilitator with Welsh chosen shows
the Welsh catalogue's words (roles, sides, organisation kinds, plurals, form labels) and none of
the English sentences it translates; every entry of the catalogue is translated."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from powerwith.people.models import Organisation, Person
from tests import demo_snapshot
from tests.welsh import assert_welsh, get_welsh, untranslated, welsh_client

pytestmark = pytest.mark.django_db

APP = "people"


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def test_people_pages_in_welsh() -> None:

    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = welsh_client(user)
    slug = "better-breast-care"

    def u(name: str, **kw: object) -> str:
        return reverse(f"people:{name}", kwargs={"slug": slug, **kw})

    page = get_welsh(c, u("list"))
    assert_welsh(
        page, APP, expect=["o bobl yn y gofrestr nawr", "Ychwanegu person", "Profiad bywyd"]
    )
    assert "Hidlo pobl" in page  # the filter form's name
    person = Person.objects.filter(journey__slug=slug).order_by("id").first()
    assert person is not None
    page = get_welsh(c, u("detail", person_pk=person.pk))
    assert_welsh(page, APP, expect=["Rôl nawr", "Hanes rolau", "Beth wnaethon nhw"])
    for name, words in (
        ("edit", "Cadw’r manylion"),
        ("change_role", "Rôl newydd"),
        ("leave", "Pam y gwnaethon nhw adael"),
    ):
        assert_welsh(get_welsh(c, u(name, person_pk=person.pk)), APP, expect=[words])
    page = get_welsh(c, u("create"))
    assert_welsh(page, APP, expect=["Gofalwr neu aelod o’r teulu", "Staff rheng flaen"])
    page = get_welsh(c, u("organisations"))
    assert_welsh(page, APP, expect=["Sefydliadau", "Pobl sy’n cymryd rhan nawr"])
    org = Organisation.objects.filter(journey__slug=slug).first()
    assert org is not None
    page = get_welsh(c, u("organisation", organisation_pk=org.pk))
    assert_welsh(page, APP, expect=["Math"])
    page = get_welsh(c, u("organisation_create"))
    assert_welsh(page, APP, expect=["Elusen neu grŵp gwirfoddol"])
