"""Reflection in Welsh: the facilitator's pages read with Welsh chosen show the reflection
catalogue's words, built-in questions included, and none of the English sentences it
translates; a reworded question stays as written; every entry is translated."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerwith.reflection.models import Question
from tests.welsh import assert_welsh, get_welsh, untranslated, welsh_client

APP = "reflection"


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def test_reflection_pages_in_welsh(audit_round) -> None:
    w = audit_round.world
    slug = w.journey.slug
    rnd = audit_round.round
    c = welsh_client(w.facilitator)

    def u(name: str, **kw: object) -> str:
        return reverse(f"reflection:{name}", kwargs={"slug": slug, **kw})

    page = get_welsh(c, u("list"))
    assert_welsh(page, APP, expect=["Myfyrio", "Banciau cwestiynau", "Rowndiau cynharach"])
    page = get_welsh(c, u("banks"))
    assert_welsh(page, APP, expect=["Banciau cwestiynau", "Archwiliad grym"])
    page = get_welsh(c, u("bank", bank_pk=rnd.bank_id))
    assert_welsh(
        page, APP, expect=["Cwestiynau", "Rwy’n ymddiried yn y bobl eraill yn y grŵp hwn."]
    )
    # A built-in bank's title is in Welsh wherever it is named: choosing a bank for a new
    # round, and on the round's own page (the English title was left on both).
    page = get_welsh(c, u("round_create"))
    assert "Archwiliad grym (fersiwn" in page and "Power audit (version" not in page
    page = get_welsh(c, u("round", round_pk=rnd.pk))
    assert "Archwiliad grym, fersiwn" in page and "Power audit" not in page
    page = get_welsh(c, u("results", round_pk=rnd.pk))
    assert_welsh(page, APP, expect=["Canlyniadau:"])
    page = get_welsh(c, u("endings"))
    assert_welsh(page, APP, expect=["Adolygiadau diwedd cyfnod"])
    page = get_welsh(c, u("lived_roles"))
    assert_welsh(page, APP, expect=["Profiad bywyd yn y gwaith", "Pwy sy’n gallu gweld beth"])


def test_only_the_built_in_words_are_translated() -> None:
    built_in = Question(text="I trust the other people in this group.")
    reworded = Question(text="I trust most of the other people in this group.")
    with translation.override("cy"):
        assert built_in.shown_text == "Rwy’n ymddiried yn y bobl eraill yn y grŵp hwn."
        assert reworded.shown_text == reworded.text
