"""Inclusion pages in Welsh: its own catalogue is complete, the main pages read in Welsh with no
English sentence of the catalogue left, and the form labels and vocabularies have Welsh."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import World, client_for
from tests.welsh import catalogue, english_left, welsh_get, welsh_text


def test_catalogue_is_complete() -> None:
    entries = [e for e in catalogue("inclusion") if not e.obsolete]
    assert len(entries) > 700
    assert [e.msgid for e in entries if not e.translated()] == []


def test_need_form_in_welsh(world: World) -> None:
    c = client_for(world.facilitator)
    url = reverse("inclusion:need_add", kwargs={"slug": world.journey.slug})
    english = c.get(url).content.decode()
    assert "What is needed?" in english and "Transport" in english
    page = welsh_text(welsh_get(c, url))
    assert "Beth sydd ei angen?" in page  # the form's label
    assert "Trafnidiaeth" in page and "Mynediad heb risiau" in page  # the vocabulary
    assert "Ychwanegu rhywbeth sydd ei angen ar unigolyn i gymryd rhan" in page  # the title
    assert english_left("inclusion", page) == []


@pytest.mark.parametrize(
    ("name", "welsh"),
    [
        ("overview", "Pwy sydd ar goll, beth sydd ei angen ar bobl, a phwy sy’n talu"),
        ("needs_list", "Beth sydd ei angen ar bobl i gymryd rhan"),
        ("ledger", "Y cyfriflyfr cyd-gyfnewid"),
        ("assets", "Beth mae pobl yn dod ag ef: y map asedau"),
        ("reference_list", "Poblogaethau cyfeirio"),
        ("profile_list", "Proffiliau"),
    ],
)
def test_inclusion_pages_in_welsh(world: World, name: str, welsh: str) -> None:
    c = client_for(world.facilitator)
    page = welsh_text(
        welsh_get(c, reverse(f"inclusion:{name}", kwargs={"slug": world.journey.slug}))
    )
    assert f"<h1>{welsh}</h1>" in page
    assert english_left("inclusion", page) == []
