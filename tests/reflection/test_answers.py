"""Answering a round: on your own phone or typed in by someone else, counted once, with
specific messages for bad input and nothing half-saved."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.people import services as people_services
from powerwith.reflection import services, vocab
from powerwith.reflection.models import (
    AnonymousAnswerSet,
    NamedAnswerSet,
    PaperEntryCount,
    Receipt,
)
from powerwith.reflection.selectors import bank_questions
from tests.conftest import build_world

from .conftest import link
from .helpers import builtin, enter, open_round, people, question

A = services.Answer


def _nothing_saved(rnd: Any) -> None:
    assert not Receipt.objects.filter(round=rnd).exists()
    assert not AnonymousAnswerSet.objects.filter(round=rnd).exists()
    assert not NamedAnswerSet.objects.filter(round=rnd).exists()


def test_a_member_answers_a_named_round_for_themselves(world: Any) -> None:
    bank = builtin("lenses")
    rnd = open_round(world, bank, anonymous=False)
    (ann,) = people(world, "carer", 1, "Ann")
    link(world, world.observer, ann)  # observers may answer for themselves too
    table, meaning = question(bank, "on_table"), question(bank, "meaning_open")
    done = services.answers_submit(
        actor=world.observer,
        round=rnd,
        answers={table.pk: A(rating=4), meaning.pk: A(text="  Deciding together.  ")},
        client_token=uuid.uuid4(),
    )
    assert done == services.Submitted(created=True, anonymous=False)
    s = NamedAnswerSet.objects.get(round=rnd)
    assert (s.person, s.role, s.side, s.channel, s.entered_by) == (
        ann,
        "carer",
        "lived",
        "online",
        world.observer,
    )
    assert s.answered_on == timezone.localdate()
    assert {a.question_id: (a.rating, a.text) for a in s.answers.all()} == {
        table.pk: (4, ""),
        meaning.pk: (None, "Deciding together."),
    }
    line = AuditEntry.objects.filter(action="round_answer").get()
    assert (line.actor, line.on_behalf_of, line.channel) == (world.observer, None, "online")


def test_typed_in_answers_keep_their_provenance_and_role_at_the_time(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank, anonymous=False)
    (amara,) = people(world, "service_user", 1, "Amara")
    people_services.person_change_role(
        actor=world.facilitator,
        person=amara,
        role="peer_worker",
        paid=True,
        from_date=datetime.date(2025, 3, 10),
    )
    trust = question(bank, "trust")
    services.answers_enter(
        actor=world.member,
        round=rnd,
        answers={trust.pk: A(rating=5)},
        channel="phone",
        person=amara,
        given_on=datetime.date(2025, 3, 5),
    )
    s = NamedAnswerSet.objects.get(round=rnd)
    assert (s.role, s.side, s.answered_on, s.channel, s.entered_by) == (
        "service_user",
        "lived",
        datetime.date(2025, 3, 5),
        "phone",
        world.member,
    )
    line = AuditEntry.objects.filter(action="round_answer").get()
    assert (line.actor, line.on_behalf_of) == (world.member, amara)
    assert not PaperEntryCount.objects.exists()  # named answers keep entered_by on the set


def test_anonymous_paper_answers_without_a_person_need_a_side(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank, keep_role=True)
    trust = question(bank, "trust")
    with pytest.raises(ValidationError) as e:
        enter(world, rnd, {trust.pk: A(rating=3)})
    assert e.value.message_dict == {"side": ["Choose the side of the person who answered."]}
    with pytest.raises(ValidationError) as e:
        enter(world, rnd, {trust.pk: A(rating=3)}, side="lived")
    assert e.value.message_dict == {"role": ["Choose the role of the person who answered."]}
    _nothing_saved(rnd)
    enter(world, rnd, {trust.pk: A(rating=3)}, side="lived", role="carer")
    enter(world, rnd, {trust.pk: A(rating=2)}, side="professional", role="manager")
    assert sorted(AnonymousAnswerSet.objects.values_list("side", "role")) == [
        ("lived", "carer"),
        ("professional", "manager"),
    ]
    assert not Receipt.objects.exists()
    (count,) = PaperEntryCount.objects.all()
    assert (count.entered_by, count.channel, count.count) == (world.facilitator, "paper", 2)


def test_double_submission_counts_once(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    trust = question(bank, "trust")
    token = uuid.uuid4()
    first = services.answers_submit(
        actor=world.member, round=rnd, answers={trust.pk: A(rating=4)}, client_token=token
    )
    again = services.answers_submit(
        actor=world.member, round=rnd, answers={trust.pk: A(rating=4)}, client_token=token
    )
    assert (first.created, again.created) == (True, False)
    with pytest.raises(ValidationError) as e:
        services.answers_submit(
            actor=world.member,
            round=rnd,
            answers={trust.pk: A(rating=1)},
            client_token=uuid.uuid4(),
        )
    assert e.value.messages == [
        "You have already answered this round, so it counts once. Thank you."
    ]
    with pytest.raises(ValidationError) as e:
        enter(world, rnd, {trust.pk: A(rating=1)}, person=ann)
    assert e.value.messages == [
        "Ann-0 has already answered this round, so it counts once. Thank you."
    ]
    assert AnonymousAnswerSet.objects.filter(round=rnd).count() == 1
    assert Receipt.objects.filter(round=rnd).count() == 1
    assert AuditEntry.objects.filter(action="round_answer_anonymous").count() == 1
    # A paper form resent with the same token also counts once.
    paper = uuid.uuid4()
    for _ in range(2):
        services.answers_enter(
            actor=world.facilitator,
            round=rnd,
            answers={trust.pk: A(rating=2)},
            channel="paper",
            side="lived",
            client_token=paper,
        )
    assert AnonymousAnswerSet.objects.filter(round=rnd).count() == 2


def _bad(world: Any, rnd: Any, answers: dict[int, Any]) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as e:
        services.answers_submit(actor=world.member, round=rnd, answers=answers)
    _nothing_saved(rnd)
    return e.value.message_dict if hasattr(e.value, "error_dict") else {"": e.value.messages}


def test_bad_answers_get_specific_messages(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    trust, barriers = question(bank, "trust"), question(bank, "barriers_open")
    f = f"q_{trust.pk}"
    assert _bad(world, rnd, {}) == {
        "": ["Answer at least one question before you send your answers."]
    }
    assert _bad(world, rnd, {trust.pk: A(rating=7)}) == {
        f: ["Choose an answer from strongly disagree to strongly agree, or don't know."]
    }
    assert _bad(world, rnd, {trust.pk: A(rating=2, dont_know=True)}) == {
        f: ["Choose one answer: a point on the scale, or don't know."]
    }
    assert _bad(world, rnd, {barriers.pk: A(text="x" * 5001)}) == {
        f"q_{barriers.pk}": ["Keep your answer under 5,000 characters."]
    }
    lenses = bank_questions(builtin("lenses"))[0]
    assert _bad(world, rnd, {lenses.pk: A(rating=3)}) == {
        "": ["Some answers are for questions that are not in this round."]
    }
    assert _bad(world, rnd, {barriers.pk: A(text="   ")}) == {
        "": ["Answer at least one question before you send your answers."]
    }


def test_who_may_answer_and_when(world: Any) -> None:
    bank = builtin("power_audit")
    trust = question(bank, "trust")
    rnd = open_round(world, bank)
    with pytest.raises(ValidationError, match="not linked to a person in this journey's register"):
        services.answers_submit(actor=world.member, round=rnd, answers={trust.pk: A(rating=3)})
    later = open_round(
        world, bank, title="Later", opens_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    with pytest.raises(ValidationError, match="This round opens on"):
        services.answers_submit(actor=world.member, round=later, answers={trust.pk: A(rating=3)})
    services.round_close(actor=world.facilitator, round=rnd)
    rnd.refresh_from_db()
    with pytest.raises(ValidationError, match="This round has closed"):
        services.answers_submit(actor=world.member, round=rnd, answers={trust.pk: A(rating=3)})
    with pytest.raises(ValidationError, match="already closed"):
        services.round_close(actor=world.facilitator, round=rnd)


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        (
            {"channel": "online"},
            "channel",
            "Choose how the answers came in: on paper, by phone or with help.",
        ),
        ({"person": None}, "person", "Choose whose answers these are. This round is named."),
        (
            {"given_on": timezone.localdate() + datetime.timedelta(days=1)},
            "given_on",
            "The day the answers were given cannot be in the future.",
        ),
        (
            {"given_on": datetime.date(2025, 3, 2)},
            "given_on",
            "The round opened on 03 March 2025: answers cannot be given before that.",
        ),
    ],
)
def test_bad_typed_in_answers(world: Any, kwargs: dict[str, Any], field: str, message: str) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank, anonymous=False)
    (ann,) = people(world, "service_user", 1, "Ann")
    args: dict[str, Any] = {"channel": "paper", "person": ann, **kwargs}
    with pytest.raises(ValidationError) as e:
        services.answers_enter(
            actor=world.facilitator,
            round=rnd,
            answers={question(bank, "trust").pk: A(rating=3)},
            **args,
        )
    assert e.value.message_dict == {field: [message]}
    _nothing_saved(rnd)


def test_a_person_from_another_journey_is_refused(world: Any) -> None:
    other = build_world("2", "Elsewhere")
    (stranger,) = people(other, "service_user", 1, "Stranger")
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    with pytest.raises(ValidationError) as e:
        enter(world, rnd, {question(bank, "trust").pk: A(rating=3)}, person=stranger)
    assert e.value.message_dict == {"person": ["Choose a person from this journey."]}


def test_round_rules(world: Any) -> None:
    lived = builtin("lived_roles")
    with pytest.raises(ValidationError) as e:
        open_round(world, lived, anonymous=True)
    assert list(e.value.message_dict) == ["anonymous"]
    assert "kept by name" in e.value.message_dict["anonymous"][0]
    bank = builtin("power_audit")
    named = open_round(world, bank, anonymous=False, keep_role=True)
    assert named.keep_role is False  # roles are always known in named rounds
    with pytest.raises(ValidationError) as e:
        services.round_open(
            actor=world.facilitator,
            journey=world.journey,
            bank=bank,
            title="",
            anonymous=True,
            opens_on=datetime.date(2025, 3, 3),
        )
    assert e.value.message_dict == {
        "title": ["Enter a name for the round, such as \u201cSpring power audit\u201d."]
    }
    with pytest.raises(ValidationError) as e:
        services.round_open(
            actor=world.facilitator,
            journey=world.journey,
            bank=bank,
            title="X",
            anonymous=True,
            opens_on=datetime.date(2025, 3, 3),
            closes_on=datetime.date(2025, 3, 2),
        )
    assert e.value.message_dict == {
        "closes_on": ["The closing date must be on or after the opening date."]
    }
    with pytest.raises(ValidationError) as e:
        services.round_open(
            actor=world.facilitator,
            journey=world.journey,
            bank=bank,
            title="X",
            anonymous=True,
            opens_on=datetime.date(2025, 3, 3),
            stage="later",
        )
    assert e.value.message_dict == {"stage": ["Choose a stage from the list, or leave it empty."]}


def test_lived_roles_sharing_choices_are_checked(world: Any) -> None:
    lived = builtin("lived_roles")
    rnd = open_round(world, lived, anonymous=False)
    (pat,) = people(world, "peer_worker", 1, "Pat")
    qs = {q.area: q for q in bank_questions(lived) if q.is_role}
    full = {qs[c].pk: A(choice=vocab.EXPERT) for c in ("voice", "experience", "identity")}
    with pytest.raises(ValidationError) as e:
        services.answers_enter(
            actor=world.facilitator, round=rnd, answers={}, channel="paper", person=pat
        )
    assert e.value.message_dict == {
        f"q_{qs[c].pk}": ["Choose the description that fits best."]
        for c in ("voice", "experience", "identity")
    }
    with pytest.raises(ValidationError) as e:
        services.answers_enter(
            actor=world.facilitator,
            round=rnd,
            answers={**full, qs["voice"].pk: A(choice="brilliant")},
            channel="paper",
            person=pat,
            supporter=world.facilitator,
        )
    assert e.value.message_dict == {
        f"q_{qs['voice'].pk}": ["Choose one of the three descriptions."]
    }
    with pytest.raises(ValidationError) as e:
        services.answers_enter(
            actor=world.facilitator, round=rnd, answers=full, channel="paper", person=pat
        )
    assert list(e.value.message_dict) == ["supporter"]
    with pytest.raises(ValidationError) as e:
        services.answers_enter(
            actor=world.facilitator,
            round=rnd,
            answers=full,
            channel="paper",
            person=pat,
            supporter=world.observer,
        )
    assert e.value.message_dict == {
        "supporter": ["Choose a facilitator or member of this journey."]
    }
    with pytest.raises(ValidationError) as e:
        services.answers_enter(
            actor=world.facilitator,
            round=rnd,
            answers=full,
            channel="paper",
            person=pat,
            supporter=world.member,
            consent="everyone",
        )
    assert e.value.message_dict == {"consent": ["Choose who can see this reflection."]}
    _nothing_saved(rnd)
    services.answers_enter(
        actor=world.facilitator,
        round=rnd,
        answers=full,
        channel="paper",
        person=pat,
        supporter=world.member,
    )
    s = NamedAnswerSet.objects.get(round=rnd)
    assert (s.consent, s.supporter) == (vocab.PRIVATE, world.member)
