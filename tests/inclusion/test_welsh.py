"""Inclusion pages in Welsh: the vocabularies, form labels and messages have Welsh (the pages'
own sentences are marked for translation; their Welsh is not finished yet)."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import World, client_for
from tests.welsh import welsh_get, welsh_text


def test_need_form_in_welsh(world: World) -> None:
    c = client_for(world.facilitator)
    url = reverse("inclusion:need_add", kwargs={"slug": world.journey.slug})
    english = c.get(url).content.decode()
    assert "What is needed?" in english and "Transport" in english
    page = welsh_text(welsh_get(c, url))
    assert "Beth sydd ei angen?" in page  # the form's label
    assert "Trafnidiaeth" in page and "Mynediad heb risiau" in page  # the vocabulary
    assert "Ychwanegu rhywbeth sydd ei angen ar unigolyn i gymryd rhan" in page  # the title
