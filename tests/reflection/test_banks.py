"""Question banks: the built-in banks as versioned data, and every edit making a new version."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from powerwith.journeys import services as journey_services
from powerwith.organisations import services as org_services
from powerwith.reflection import banks, services, vocab
from powerwith.reflection.models import NamedAnswer, Question, QuestionBank
from powerwith.reflection.selectors import (
    bank_lineages,
    bank_questions,
    banks_visible,
    round_results,
)
from tests.conftest import build_world

from .helpers import builtin, enter, open_round, people, question


def _kinds(bank: QuestionBank) -> Counter[str]:
    return Counter(q.kind for q in bank_questions(bank))


def test_sync_adds_each_builtin_version_once(db: Any) -> None:
    assert services.banks_sync() == 6
    assert services.banks_sync() == 0
    assert QuestionBank.objects.filter(builtin=True).count() == 6
    assert _kinds(builtin("power_audit")) == {"rating": 22, "open": 6}
    assert _kinds(builtin("toolkit")) == {"rating": 16, "open": 9}
    assert _kinds(builtin("lenses")) == {"rating": 9, "open": 4}
    assert _kinds(builtin("lived_roles")) == {"role": 3, "open": 2}
    assert _kinds(builtin("leadership")) == {"rating": 9, "open": 1}
    assert _kinds(builtin("training")) == {"rating": 5, "open": 1}
    assert Question.objects.filter(builtin=True).count() == 28 + 25 + 13 + 5 + 10 + 6


def test_every_builtin_question_is_plain_and_based_on_a_named_source() -> None:
    sources = (
        "Farr 2018",
        "Whitehead / Centre for Loneliness Studies 2021",
        "Durose, Richardson & Perry 2024",
        "Chauhan, Croft & Spyridonidis 2022",
    )
    for module in banks.modules():
        assert module.KIND in vocab.BANK_KINDS
        versions = [v.version for v in module.VERSIONS]
        assert versions == sorted(set(versions))
        for version in module.VERSIONS:
            keys = [q.key for q in version.questions]
            assert len(keys) == len(set(keys)), module.KEY
            for q in version.questions:
                assert q.based_on.startswith(sources), q.key
                assert q.kind in vocab.QUESTION_KINDS and q.area in vocab.AREAS
                assert vocab.AREAS[q.area]["bank"] == module.KIND, q.key
                assert q.text.strip() == q.text and q.text[-1] in ".?"
                if q.kind == vocab.ROLE:
                    assert [c for c, _w in q.options] == vocab.EXPRESSIONS.codes
    # The three lenses and honest practice, Farr's four areas, the toolkit's eight stages.
    areas = {m.KEY: {q.area for q in m.VERSIONS[-1].questions} for m in banks.modules()}
    assert areas["power_audit"] == {"who_involved", "interaction", "structures", "changes"}
    assert areas["lenses"] == {"clarification", "elucidation", "provocation", "honest"}
    assert len(areas["toolkit"]) == 8
    assert areas["lived_roles"] >= {"voice", "experience", "identity"}
    # How the work is led: every one of the four kinds of leadership is asked about.
    assert areas["leadership"] >= {"creative", "outcomes", "visionary", "egalitarian"}


def test_a_shipped_question_reworded_in_place_is_refused(db: Any, monkeypatch: Any) -> None:
    services.banks_sync()
    from powerwith.reflection.banks import lenses

    v1 = lenses.VERSIONS[0]
    changed = [banks.Q(**{**q.__dict__, "text": q.text + " Really."}) for q in v1.questions]
    v2 = banks.BankVersion(
        version=2, title=v1.title, intro=v1.intro, based_on=v1.based_on, questions=changed
    )
    monkeypatch.setattr(lenses, "VERSIONS", [v1, v2])
    with pytest.raises(RuntimeError, match="Never reword a shipped question in place"):
        services.banks_sync()
    # Raising the question's version is the way: it becomes a new question.
    bumped = [banks.Q(**{**q.__dict__, "version": 2}) for q in changed]
    v2 = banks.BankVersion(
        version=2,
        title=v1.title,
        intro=v1.intro,
        based_on=v1.based_on,
        questions=[*bumped[:1], *v1.questions[1:]],
    )
    monkeypatch.setattr(lenses, "VERSIONS", [v1, v2])
    assert services.banks_sync() == 1
    new = QuestionBank.objects.get(builtin=True, key="lenses", version=2)
    old = QuestionBank.objects.get(builtin=True, key="lenses", version=1)
    assert new.derived_from == old
    new_qs, old_qs = bank_questions(new), bank_questions(old)
    assert new_qs[0] != old_qs[0] and new_qs[0].previous == old_qs[0]
    assert new_qs[1:] == old_qs[1:]  # the same rows: answers stay comparable


def test_rewording_makes_a_new_version_and_old_answers_keep_the_old_words(world: Any) -> None:
    bank = builtin("power_audit")
    speak, trust = question(bank, "speak_freely"), question(bank, "trust")
    rnd = open_round(world, bank, anonymous=False)
    (ann,) = people(world, "service_user", 1, "Ann")
    enter(
        world,
        rnd,
        {speak.pk: services.Answer(rating=2), trust.pk: services.Answer(rating=4)},
        person=ann,
    )

    new = services.question_revise(
        actor=world.facilitator,
        journey=world.journey,
        bank=bank,
        question=speak,
        text="In our meetings, everyone can say what they really think.",
    )
    # The journey names no organisation, so the copy is the journey's own, at version 1.
    assert (new.builtin, new.organisation, new.journey, new.version) == (
        False,
        None,
        world.journey,
        1,
    )
    assert new.derived_from == bank and new.key == "power_audit"
    assert new.change_note.startswith("Reworded: In our meetings")
    reworded = question(new, "speak_freely")
    assert reworded.version == 2 and reworded.previous == speak and not reworded.builtin
    assert question(new, "trust") == trust  # untouched questions are the same rows
    assert [q.key for q in bank_questions(new)] == [q.key for q in bank_questions(bank)]
    # The built-in bank is unchanged, and the old answer still points at the old words.
    assert question(bank, "speak_freely") == speak and speak.text.startswith("Everyone can say")
    assert (
        NamedAnswer.objects.get(answer_set__round=rnd, question__key="speak_freely").question
        == speak
    )

    # A second edit in the same place makes version 2 of the journey's copy.
    newer = services.question_add(
        actor=world.facilitator,
        journey=world.journey,
        bank=new,
        kind="open",
        text="What should we stop doing?",
    )
    assert newer.version == 2 and newer.derived_from == new
    assert len(bank_questions(newer)) == 29
    lineages = {(li.latest.builtin, li.latest.key): li for li in bank_lineages(world.journey)}
    mine = lineages[(False, "power_audit")]
    assert mine.latest == newer and mine.earlier == [new]
    assert lineages[(True, "power_audit")].copied == newer
    assert not lineages[(True, "power_audit")].editable

    # Comparable across rounds: the unchanged question has an earlier round, the reworded not.
    later = services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=newer,
        title="Later",
        anonymous=False,
        opens_on=datetime.date(2025, 6, 2),
    )
    enter(
        world,
        later,
        {reworded.pk: services.Answer(rating=3), trust.pk: services.Answer(rating=5)},
        person=ann,
    )
    res = {s.question.key: s for s in round_results(later).statements}
    assert res["trust"].previous is not None and res["trust"].previous.round == rnd
    assert res["speak_freely"].previous is None


def test_edits_in_an_organisation_belong_to_the_organisation(db: Any) -> None:
    w1 = build_world("1", "Breast care")
    w2 = build_world("2", "Day surgery")
    w3 = build_world("3", "Council housing")
    riverside = org_services.organisation_create(actor=w1.facilitator, name="Riverside Trust")
    org_services.organisation_add_member(
        actor=w1.facilitator, organisation=riverside, email=w2.facilitator.email, role="admin"
    )
    northfield = org_services.organisation_create(actor=w3.facilitator, name="Northfield Council")
    for w, org in ((w1, riverside), (w2, riverside), (w3, northfield)):
        journey_services.journey_update(
            actor=w.facilitator,
            journey=w.journey,
            title=w.journey.title,
            purpose="",
            host=org,
            stages=[],
            level="",
            started_on=w.journey.started_on,
            ended_on=None,
            public_you_said=False,
        )
        w.journey.refresh_from_db()
    bank = builtin("lenses")
    copy = services.question_remove(
        actor=w1.facilitator, journey=w1.journey, bank=bank, question=question(bank, "distinct")
    )
    assert (copy.organisation, copy.journey, copy.version) == (riverside, None, 1)
    assert banks_visible(w2.journey).filter(pk=copy.pk).exists()
    assert not banks_visible(w3.journey).filter(pk=copy.pk).exists()
    again = services.question_revise(
        actor=w2.facilitator,
        journey=w2.journey,
        bank=copy,
        question=question(copy, "on_table"),
        text="We know what we can change and what we cannot.",
    )
    assert (again.organisation, again.version) == (riverside, 2)
    # Journey 3 cannot use, or change, the Riverside bank.
    with pytest.raises(ValidationError) as e:
        services.question_add(
            actor=w3.facilitator, journey=w3.journey, bank=copy, kind="open", text="Anything else?"
        )
    assert e.value.message_dict == {"bank": ["Choose a question bank this journey can use."]}


@pytest.mark.parametrize(
    ("call", "field", "message"),
    [
        (
            lambda w, b, q: services.question_revise(
                actor=w.facilitator, journey=w.journey, bank=b, question=q, text="  "
            ),
            "text",
            "Enter the words of the question.",
        ),
        (
            lambda w, b, q: services.question_revise(
                actor=w.facilitator, journey=w.journey, bank=b, question=q, text=q.text
            ),
            "text",
            "The words are the same as before. Change them, or go back.",
        ),
        (
            lambda w, b, q: services.question_revise(
                actor=w.facilitator, journey=w.journey, bank=b, question=q, text="x" * 1001
            ),
            "text",
            "Keep the question under 1,000 characters.",
        ),
        (
            lambda w, b, q: services.question_add(
                actor=w.facilitator, journey=w.journey, bank=b, kind="role", text="Which?"
            ),
            "kind",
            "Choose a statement to rate or an open question.",
        ),
        (
            lambda w, b, q: services.question_add(
                actor=w.facilitator,
                journey=w.journey,
                bank=b,
                kind="rating",
                text="Fine.",
                area="nowhere",
            ),
            "area",
            "Choose an area from the list, or leave it empty.",
        ),
        (
            lambda w, b, q: services.question_add(
                actor=w.facilitator, journey=w.journey, bank=b, kind="rating", text=q.text.upper()
            ),
            "text",
            "This bank already has a question with these words.",
        ),
        (
            lambda w, b, q: services.bank_create(actor=w.facilitator, journey=w.journey, title=" "),
            "title",
            "Enter a name for the question bank.",
        ),
    ],
)
def test_bad_edits_are_refused_and_nothing_is_saved(
    world: Any, call: Any, field: str, message: str
) -> None:
    bank = builtin("power_audit")
    q = question(bank, "trust")
    before = (QuestionBank.objects.count(), Question.objects.count())
    with pytest.raises(ValidationError) as e:
        call(world, bank, q)
    assert e.value.message_dict == {field: [message]}
    assert (QuestionBank.objects.count(), Question.objects.count()) == before


def test_removing_is_refused_for_the_last_question_and_the_role_questions(world: Any) -> None:
    lived = builtin("lived_roles")
    voice = next(q for q in bank_questions(lived) if q.area == "voice")
    with pytest.raises(ValidationError, match="work together, so they cannot be removed"):
        services.question_remove(
            actor=world.facilitator, journey=world.journey, bank=lived, question=voice
        )
    own = services.bank_create(actor=world.facilitator, journey=world.journey, title="Ours")
    own = services.question_add(
        actor=world.facilitator, journey=world.journey, bank=own, kind="rating", text="We are fine."
    )
    with pytest.raises(ValidationError, match="A bank needs at least one question"):
        services.question_remove(
            actor=world.facilitator,
            journey=world.journey,
            bank=own,
            question=bank_questions(own)[0],
        )
    other = builtin("lenses")
    with pytest.raises(ValidationError, match="That question is not in this bank"):
        services.question_remove(
            actor=world.facilitator,
            journey=world.journey,
            bank=own,
            question=bank_questions(other)[0],
        )


def test_own_banks_get_distinct_keys_and_only_facilitators_edit(world: Any) -> None:
    a = services.bank_create(actor=world.facilitator, journey=world.journey, title="Café chat")
    b = services.bank_create(actor=world.facilitator, journey=world.journey, title="Café chat")
    assert (a.key, b.key) == ("own-cafe-chat", "own-cafe-chat-2")
    assert a.kind == vocab.OWN and a.journey == world.journey
    with pytest.raises(PermissionDenied):
        services.question_add(
            actor=world.member, journey=world.journey, bank=a, kind="open", text="Anything?"
        )
    with pytest.raises(ValidationError, match="no questions yet"):
        open_round(world, a)
