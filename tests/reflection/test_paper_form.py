"""A reflection round's paper form as a PDF: the statements with tick boxes, open questions
with room to write, and for an anonymous round nothing that could say who filled it in: no
name, no number, no code, and every copy the same."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from powerwith.people.models import Person
from powerwith.reflection.selectors import bank_questions
from tests.conftest import client_for
from tests.pdftext import a4, flat, read
from tests.reflection.helpers import builtin, open_round, people
from tests.welsh import welsh_client

pytestmark = pytest.mark.django_db


def _url(rnd: Any) -> str:
    return reverse("reflection:paper_form", kwargs={"slug": rnd.journey.slug, "round_pk": rnd.pk})


def test_the_anonymous_form_has_the_statements_and_nothing_that_identifies(world: Any) -> None:
    people(world, "service_user", 3, "Patient")
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    c = client_for(world.member)
    r = c.get(_url(rnd))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == (
        f'attachment; filename="{world.journey.slug}-paper-form-{rnd.pk}.pdf"'
    )
    texts, reader = read(r.content)
    assert a4(reader) == {(595, 842)}
    whole = flat(" ".join(texts))
    assert whole.startswith("Spring power audit Better breast care")
    assert "Do not write your name on this form." in whole
    assert "Which of these describes you best?" in whole
    assert "Lived experience" in whole
    for label in (
        "Strongly disagree",
        "Neither agree nor disagree",
        "Strongly agree",
        "Don't know",
    ):
        assert label in whole
    questions = bank_questions(bank)
    assert questions
    for q in questions:
        assert flat(q.shown_text) in whole, q.key
    # Nothing that could link a form to a person: no name line, nobody's name, no number of the
    # round or of the copy, and the same form for whoever prints it, each time.
    assert "Your name" not in whole
    names = Person.objects.filter(journey=world.journey).values_list("name", flat=True)
    assert not [n for n in names if n in whole]
    assert str(rnd.pk) not in whole.replace(" 1 / ", "").replace(f" / {len(texts)}", "")
    again = read(client_for(world.facilitator).get(_url(rnd)).content)[0]
    assert again == texts


def test_a_named_round_asks_for_the_name(world: Any) -> None:
    rnd = open_round(world, builtin("power_audit"), anonymous=False, title="Named audit")
    whole = flat(" ".join(read(client_for(world.member).get(_url(rnd)).content)[0]))
    assert "Your name:" in whole
    assert "Your answers are kept with your name." in whole
    assert "Which of these describes you best?" not in whole


def test_in_welsh(world: Any) -> None:
    rnd = open_round(world, builtin("power_audit"))
    with translation.override("cy"):
        r = welsh_client(world.member).get(_url(rnd), HTTP_ACCEPT_LANGUAGE="cy")
    whole = flat(" ".join(read(r.content)[0]))
    assert "Peidiwch ag ysgrifennu eich enw ar y ffurflen hon." in whole
    assert "Cytuno’n gryf" in whole


def test_who_may_print_it(world: Any) -> None:
    rnd = open_round(world, builtin("power_audit"))
    assert client_for(world.observer).get(_url(rnd)).status_code == 403
    assert client_for(world.outsider).get(_url(rnd)).status_code == 404
    page = client_for(world.member).get(rnd.get_absolute_url()).content.decode()
    assert f'href="{_url(rnd)}" download>Paper form to print (PDF)</a>' in page
