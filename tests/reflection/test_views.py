"""The pages: every form refuses bad input with a specific message and keeps what was typed;
results and lists keep their number of queries whatever the number of answers."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from powerwith.reflection import services, vocab
from powerwith.reflection.models import (
    AnonymousAnswer,
    AnonymousAnswerSet,
    NamedAnswerSet,
    QuestionBank,
    Round,
)
from powerwith.reflection.selectors import bank_questions

from .conftest import link
from .helpers import builtin, enter, open_round, people, question


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _url(world: Any, name: str, **kw: Any) -> str:
    return reverse(f"reflection:{name}", kwargs={"slug": world.journey.slug, **kw})


def _refused(response: Any, *messages: str, kept: tuple[str, ...] = ()) -> str:
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    for m in messages:
        assert m in body, m
    for k in kept:
        assert k in body, k
    return body


def test_bank_forms(world: Any) -> None:
    c = _client(world.facilitator)
    r = c.post(_url(world, "bank_create"), {"title": "", "intro": "For the café"})
    _refused(r, "Enter a name for the question bank.", kept=("For the café",))
    r = c.post(_url(world, "bank_create"), {"title": "Café questions"})
    bank = QuestionBank.objects.get(title="Café questions")
    assert r.status_code == 302 and r["Location"].endswith(f"/banks/{bank.pk}/questions/new/")
    r = c.post(
        _url(world, "question_add", bank_pk=bank.pk),
        {"kind": "", "text": "", "hint": "Think of last week"},
    )
    _refused(
        r,
        "Choose a statement to rate or an open question.",
        "Enter the words of the question.",
        kept=("Think of last week",),
    )
    r = c.post(
        _url(world, "question_add", bank_pk=bank.pk),
        {"kind": "rating", "text": "The café is welcoming."},
    )
    new = QuestionBank.objects.get(title="Café questions", version=2)
    assert r["Location"].endswith(f"/banks/{new.pk}/")
    q = bank_questions(new)[0]
    r = c.post(
        _url(world, "question_edit", bank_pk=new.pk, question_pk=q.pk),
        {"text": "The café is welcoming.", "hint": ""},
    )
    _refused(r, "The words are the same as before. Change them, or go back.")
    r = c.post(_url(world, "question_remove", bank_pk=new.pk, question_pk=q.pk))
    _refused(r, "A bank needs at least one question, so this one cannot go.")
    # A question of another bank is not found under this one.
    other = bank_questions(builtin("lenses"))[0]
    assert (
        c.get(_url(world, "question_edit", bank_pk=new.pk, question_pk=other.pk)).status_code == 404
    )


def test_round_form(world: Any) -> None:
    services.banks_sync()
    c = _client(world.facilitator)
    lived = builtin("lived_roles")
    r = c.post(
        _url(world, "round_create"),
        {"bank": "", "title": "Peer check-in", "opens_on": "2025-13-45"},
    )
    _refused(
        r,
        "Choose the question bank for this round.",
        "Choose whether answers are named or anonymous.",
        "Enter a real date for \u201copening date\u201d",
        kept=("Peer check-in",),
    )
    r = c.post(
        _url(world, "round_create"),
        {
            "bank": str(lived.pk),
            "title": "Peer check-in",
            "anonymous": "anonymous",
            "opens_on": "2025-03-03",
        },
    )
    _refused(r, "Reflections on lived experience at work are kept by name")
    audit = builtin("power_audit")
    r = c.post(
        _url(world, "round_create"),
        {
            "bank": str(audit.pk),
            "title": "Spring",
            "anonymous": "anonymous",
            "opens_on": "2025-03-03",
            "closes_on": "2025-03-01",
        },
    )
    _refused(r, "The closing date must be on or after the opening date.")
    r = c.post(
        _url(world, "round_create"),
        {
            "bank": str(audit.pk),
            "title": "Spring",
            "anonymous": "named",
            "opens_on": "2025-03-03",
            "keep_role": "on",
        },
    )
    rnd = Round.objects.get(title="Spring")
    assert r["Location"] == rnd.get_absolute_url()
    assert (rnd.anonymous, rnd.keep_role, rnd.bank) == (False, False, audit)
    assert c.get(_url(world, "round_create") + f"?bank={audit.pk}").context["form"].initial[
        "bank"
    ] == str(audit.pk)


def test_answer_form(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    c = _client(world.member)
    url = _url(world, "round", round_pk=rnd.pk)
    page = c.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    # Anonymous is said before the first question.
    assert body.index("This round is anonymous") < body.index("The people taking part reflect")
    trust, barriers = question(bank, "trust"), question(bank, "barriers_open")
    token = str(page.context["form"].initial["client_token"])
    r = c.post(url, {"client_token": token, f"q_{barriers.pk}": " ", f"q_{trust.pk}": ""})
    _refused(r, "Answer at least one question before you send your answers.")
    r = c.post(
        url, {"client_token": token, f"q_{trust.pk}": "9", f"q_{barriers.pk}": "The bus is slow"}
    )
    _refused(r, "Choose one of the answers.", kept=("The bus is slow",))
    assert not AnonymousAnswerSet.objects.exists()
    r = c.post(
        url,
        {
            "client_token": token,
            f"q_{trust.pk}": "dont_know",
            f"q_{barriers.pk}": "The bus is slow",
        },
    )
    assert r.status_code == 302
    again = c.post(url, {"client_token": token, f"q_{trust.pk}": "dont_know"})
    assert again.status_code == 302  # the same form resent: counted once, no error
    (s,) = AnonymousAnswerSet.objects.all()
    assert {(a.dont_know, a.text) for a in s.answers.all()} == {
        (True, ""),
        (False, "The bus is slow"),
    }
    assert "You have answered this round" in c.get(url).content.decode()


def test_paper_form(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank, keep_role=True)
    named = open_round(world, bank, anonymous=False, title="Named")
    trust = question(bank, "trust")
    c = _client(world.member)
    r = c.post(
        _url(world, "round_paper", round_pk=named.pk),
        {"channel": "paper", "person": "", f"q_{trust.pk}": "4"},
    )
    _refused(r, "Choose whose answers these are.")
    r = c.post(
        _url(world, "round_paper", round_pk=rnd.pk),
        {"channel": "paper", f"q_{trust.pk}": "4", "given_on": "2025-03-04"},
    )
    _refused(r, "Choose the side of the person who answered.", kept=('value="2025-03-04"',))
    future = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
    r = c.post(
        _url(world, "round_paper", round_pk=rnd.pk),
        {
            "channel": "paper",
            "side": "lived",
            "role": "carer",
            f"q_{trust.pk}": "4",
            "given_on": future,
        },
    )
    _refused(r, "The day the answers were given cannot be in the future.")
    r = c.post(
        _url(world, "round_paper", round_pk=rnd.pk),
        {
            "channel": "phone",
            "side": "lived",
            "role": "carer",
            f"q_{trust.pk}": "4",
            "given_on": "2025-03-04",
        },
    )
    assert r.status_code == 302
    s = AnonymousAnswerSet.objects.get(round=rnd)
    # The day is checked, and not kept: anonymous answers carry no day.
    assert (s.side, s.role, s.channel) == ("lived", "carer", "phone")
    # Observers may not type in answers.
    assert (
        _client(world.observer).post(_url(world, "round_paper", round_pk=rnd.pk)).status_code == 403
    )


def test_close_themes_and_sharing_forms(audit_round: Any) -> None:
    w, rnd = audit_round.world, audit_round.round
    c = _client(w.facilitator)
    _refused(c.post(_url(w, "round_close", round_pk=rnd.pk)), "This round is already closed.")
    answer = AnonymousAnswer.objects.filter(answer_set__round=rnd).exclude(text="").first()
    r = c.post(_url(w, "themes", round_pk=rnd.pk), {"answer": str(answer.pk), "themes": "x" * 90})
    _refused(r, "Keep each theme under 80 characters.", kept=("x" * 90,))
    r = c.post(
        _url(w, "themes", round_pk=rnd.pk), {"answer": str(answer.pk), "themes": "times, venues"}
    )
    assert r.status_code == 302
    assert sorted(t.name for t in answer.themes.all()) == ["times", "venues"]

    lived = open_round(w, builtin("lived_roles"), anonymous=False, title="Peer")
    (pat,) = people(w, "peer_worker", 1, "Pat")
    link(w, w.member, pat)
    qs = {q.area: q for q in bank_questions(lived.bank) if q.is_role}
    m = _client(w.member)
    url = _url(w, "round", round_pk=lived.pk)
    token = str(m.get(url).context["form"].initial["client_token"])
    r = m.post(
        url,
        {
            "client_token": token,
            f"q_{qs['voice'].pk}": "expert",
            "consent": "private",
            "supporter": str(w.facilitator.pk),
        },
    )
    _refused(r, "Choose the description that fits best.")
    r = m.post(
        url,
        {
            "client_token": token,
            **{f"q_{q.pk}": "expert" for q in qs.values()},
            "consent": "private",
            "supporter": str(w.facilitator.pk),
        },
    )
    assert r.status_code == 302
    s = NamedAnswerSet.objects.get(round=lived)
    assert (s.consent, s.supporter) == (vocab.PRIVATE, w.facilitator)
    share = _url(w, "lived_roles")
    r = m.post(share, {"answer_set": str(s.pk), "consent": "everyone"})
    _refused(r, "Choose who can see this reflection.")
    r = m.post(share, {"answer_set": str(s.pk), "consent": "counted", "supporter": ""})
    assert r.status_code == 302
    s.refresh_from_db()
    assert (s.consent, s.supporter) == (vocab.COUNTED, None)
    # Someone else cannot change it, even the facilitator.
    r = c.post(share, {"answer_set": str(s.pk), "consent": "shared"})
    _refused(r, "Only the person who wrote this reflection can change who sees it.")


def test_ending_forms(world: Any) -> None:
    c = _client(world.member)
    r = c.post(
        _url(world, "ending_create"),
        {"title": "", "held_on": "30/02/2025", "summary": "Four groups met"},
    )
    _refused(
        r,
        "Enter a name for the review.",
        "Enter a real date for \u201cdate of the review\u201d",
        kept=("Four groups met",),
    )
    r = c.post(_url(world, "ending_create"), {"title": "End of co-design", "held_on": "2025-06-30"})
    ending = world.journey.reflection_endings.get()
    assert r["Location"] == ending.get_absolute_url()
    r = c.post(
        _url(world, "ending_view_add", ending_pk=ending.pk),
        {"perspective": "Ward staff", "channel": "paper"},
    )
    _refused(r, "Write something in at least one of the boxes.", kept=("Ward staff",))
    r = c.post(
        _url(world, "realist_note_add", ending_pk=ending.pk),
        {"context": "", "mechanism": "They held back", "outcome": ""},
    )
    _refused(r, "Describe the context.", "Describe the outcome.", kept=("They held back",))
    r = c.post(
        _url(world, "realist_note_add", ending_pk=ending.pk),
        {"context": "c", "mechanism": "m", "outcome": "o", "gatherings": ["99999"]},
    )
    _refused(r, "Choose gatherings from this journey.")


def _fill(world: Any, rnd: Any, n: int, tag: str) -> None:
    bank = rnd.bank
    qs = [q for q in bank_questions(bank) if q.is_rating][:10]
    barriers = question(bank, "barriers_open")
    for i, p in enumerate(
        people(world, "frontline_staff", n, f"{tag}s") + people(world, "carer", n, f"{tag}c")
    ):
        answers = {q.pk: services.Answer(rating=1 + (i + q.pk) % 5) for q in qs}
        answers[barriers.pk] = services.Answer(text=f"Reason {tag} {i}")
        enter(world, rnd, answers, person=p)


@pytest.mark.parametrize("anonymous", [True, False])
def test_query_counts_do_not_grow_with_answers(
    world: Any, django_assert_max_num_queries: Any, anonymous: bool
) -> None:
    bank = builtin("power_audit")
    small = open_round(world, bank, anonymous=anonymous, title="Small")
    _fill(world, small, 5, "a")
    big = open_round(
        world, bank, anonymous=anonymous, title="Big", opens_on=datetime.date(2025, 9, 1)
    )
    _fill(world, big, 25, "b")
    for r in (small, big):
        services.round_close(actor=world.facilitator, round=r)
    c = _client(world.facilitator)
    pages = [
        ("list", {}),
        ("banks", {}),
        ("bank", {"bank_pk": bank.pk}),
        ("results", {"round_pk": small.pk}),
        ("results", {"round_pk": big.pk}),
        ("themes", {"round_pk": big.pk}),
        ("round", {"round_pk": big.pk}),
        ("lived_roles", {}),
        ("endings", {}),
    ]
    for name, kw in pages:
        with django_assert_max_num_queries(22, info=name):
            r = c.get(_url(world, name, **kw))
        assert r.status_code == 200, name
    body = c.get(_url(world, "results", round_pk=big.pk)).content.decode()
    assert "Reason b 49" in body and "Last time" in body


def test_ending_page_queries(world: Any, django_assert_max_num_queries: Any) -> None:
    ending = services.ending_create(
        actor=world.facilitator,
        journey=world.journey,
        title="End",
        held_on=datetime.date(2025, 6, 1),
    )
    for i in range(8):
        services.ending_view_add(
            actor=world.facilitator, ending=ending, perspective=f"View {i}", achieved="x"
        )
        services.realist_note_add(
            actor=world.facilitator, ending=ending, context="c", mechanism="m", outcome="o"
        )
    c = _client(world.member)
    with django_assert_max_num_queries(15):
        r = c.get(_url(world, "ending", ending_pk=ending.pk))
    assert r.status_code == 200 and r.content.decode().count("Mechanism") == 8
