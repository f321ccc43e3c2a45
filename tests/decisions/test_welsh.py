"""Decisions in Welsh: the demo read by its facilitator with Welsh chosen shows the Welsh
catalogue's words (the ladder, who took a decision, ways of voting, results, co-design groups,
forms and what a wrong ballot is told) and none of the English sentences it translates; every
entry of the catalogue is translated."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from powerwith.decisions import counting
from powerwith.decisions.models import CoDesignGroup, Decision, Vote
from tests import demo_snapshot
from tests.welsh import assert_welsh, get_welsh, untranslated, welsh_client

pytestmark = pytest.mark.django_db

APP = "decisions"


def test_the_catalogue_is_complete() -> None:
    assert untranslated(APP) == []


def test_decision_pages_in_welsh() -> None:

    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    c = welsh_client(user)
    slug = "better-breast-care"

    def u(name: str, **kw: object) -> str:
        return reverse(f"decisions:{name}", kwargs={"slug": slug, **kw})

    page = get_welsh(c, u("list"))
    assert_welsh(
        page,
        APP,
        expect=["Penderfyniadau", "Ysgol cyfranogiad", "Cydgynhyrchu", "Cofnodi penderfyniad"],
    )
    d = Decision.objects.filter(journey__slug=slug).first()
    assert d is not None
    assert_welsh(
        get_welsh(c, u("detail", decision_pk=d.pk)),
        APP,
        expect=["Penderfynwyd", "Wedi’i wneud gan"],
    )
    assert_welsh(
        get_welsh(c, u("create")),
        APP,
        expect=["Beth gafodd ei benderfynu", "Ble cafodd ei benderfynu"],
    )
    page = get_welsh(c, u("votes"))
    assert_welsh(
        page, APP, expect=["Pleidleisiau blaenoriaeth", "Paratoi pleidlais", "Papurau pleidleisio"]
    )
    closed = Vote.objects.filter(journey__slug=slug, state="closed").first()
    assert closed is not None
    page = get_welsh(c, u("results", vote_pk=closed.pk))
    assert_welsh(
        page, APP, expect=["Canlyniadau:", "Pob papur pleidleisio gyda’i gilydd", "Tir cyffredin"]
    )
    page = get_welsh(c, u("vote_create"))
    assert_welsh(page, APP, expect=["Enw’r bleidlais", "Pleidleisio â dotiau", "Pleidlais gudd"])
    page = get_welsh(c, u("groups"))
    assert_welsh(page, APP, expect=["Grwpiau cyd-ddylunio", "Ffurfio grŵp"])
    g = CoDesignGroup.objects.filter(journey__slug=slug).first()
    assert g is not None
    page = get_welsh(c, u("group", group_pk=g.pk))
    assert_welsh(page, APP, expect=["O’r hyn a godwyd i’r hyn a newidiodd", "Pwy sydd ynddo"])
    assert_welsh(get_welsh(c, u("group_create")), APP, expect=["Enw’r grŵp"])


def test_ballot_rules_and_errors_in_welsh() -> None:
    with translation.override("cy"):
        assert str(counting.RULES[counting.DOT][0]).startswith("Mae gan bob person")
        with pytest.raises(counting.BallotError) as exc:
            counting.check_ballot(counting.DOT, [1, 2], {1: 4}, dots=3, stacking=True)
        assert (
            exc.value.message
            == "Rydych chi wedi gosod 4 dot, ond mae gan bob person 3. Tynnwch 1 i ffwrdd."
        )


def test_the_dashboard_section_in_welsh() -> None:
    """The "who decides" section of the power dashboard reads in Welsh: its figures, notes,
    explanations and warning signs, none of the catalogue's English sentences left on it."""
    demo_snapshot.load_demo()
    user = get_user_model().objects.get(email="facilitator@demo.powerwith.invalid")
    page = get_welsh(
        welsh_client(user), reverse("insights:dashboard", kwargs={"slug": "better-breast-care"})
    )
    start = page.index('id="indicator-decisions"')
    end = page.index("</section>", page.index('id="indicator-groups"'))
    section = page[start:end]
    assert_welsh(
        section,
        APP,
        expect=[
            "Penderfyniadau ar yr ysgol cyfranogiad",
            "Pleidleisiau blaenoriaeth, fesul ochr",
            "Grwpiau cyd-ddylunio",
            "Penderfyniadau ar bob gris o’r ysgol, y gris uchaf yn gyntaf",
            "Yn seiliedig ar:",
        ],
    )
    # Sentences with a number or a source in them are not in english_sentences(): look for
    # their English words directly.
    for english in (
        "decisions recorded in this period",
        "of the ladder that share power",
        "from people with lived experience",
        "the ladder of participation;",
        "still working",
        "Small numbers.",
    ):
        assert english not in section, english
