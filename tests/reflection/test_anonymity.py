"""Anonymous answers: no path from an answer to a person, in the schema, the audit trail, the
logs, the ids, the times or the export."""

from __future__ import annotations

import datetime
import logging
import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.journeys.models import Membership
from powerwith.people.models import Person
from powerwith.reflection import export, services
from powerwith.reflection.models import (
    AnonymousAnswer,
    AnonymousAnswerSet,
    PaperEntryCount,
    Question,
    Receipt,
    Round,
)

from .conftest import link
from .helpers import builtin, enter, open_round, people, question

ANONYMOUS_TABLES = [AnonymousAnswerSet, AnonymousAnswer, AnonymousAnswer.themes.through]
IDENTIFYING = ("person", "user", "member", "actor", "entered", "_by", "created", "updated")


def _targets(model: Any) -> set[Any]:
    return {f.related_model for f in model._meta.get_fields() if f.is_relation and f.concrete}


def test_schema_anonymous_tables_hold_nothing_that_leads_to_a_person() -> None:
    from powerwith.contributions.models import Tag

    allowed = {Round, Question, AnonymousAnswerSet, AnonymousAnswer, Tag}
    forbidden = {Person, get_user_model(), Membership}
    for model in ANONYMOUS_TABLES:
        targets = _targets(model)
        assert not targets & forbidden, model
        assert targets <= allowed, (model, targets - allowed)
        for field in model._meta.concrete_fields:
            name = field.column.lower()
            assert not any(word in name for word in IDENTIFYING), (model, name)
            # No day and no time: on a day when one person answered, the day would say whose.
            assert not isinstance(field, models.DateField | models.TimeField), (model, name)
    # Random ids, not sequential numbers.
    for model in (AnonymousAnswerSet, AnonymousAnswer, Receipt):
        assert isinstance(model._meta.pk, models.UUIDField), model
    # The receipt knows who answered, and nothing else: no time, no link to the answers.
    receipt_fields = {f.name for f in Receipt._meta.concrete_fields}
    assert receipt_fields == {"id", "round", "person"}
    assert AnonymousAnswerSet not in _targets(Receipt)
    assert Receipt not in _targets(AnonymousAnswerSet)
    # Who typed paper answers in is kept apart, and does not point at any answer.
    assert _targets(PaperEntryCount) == {Round, get_user_model()}


def test_ids_are_random_and_no_day_is_kept(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    trust = question(bank, "trust")
    for p in people(world, "service_user", 12):
        enter(world, rnd, {trust.pk: services.Answer(rating=4)}, person=p)
    sets = list(AnonymousAnswerSet.objects.filter(round=rnd))
    for s in sets:
        assert isinstance(s.pk, uuid.UUID) and s.pk.version == 4
        assert not hasattr(s, "answered_on")
        assert s.role == ""  # the round does not keep roles
    receipts = list(Receipt.objects.filter(round=rnd))
    assert all(r.pk.version == 4 for r in receipts) and len(receipts) == 12
    # Twelve random ids are (all but certainly) not in the order they were made.
    made = [a.pk for a in AnonymousAnswer.objects.filter(answer_set__round=rnd)]
    assert sorted(made) != made or sorted(made, reverse=True) != made


def test_roles_are_kept_only_when_the_round_says_so(world: Any) -> None:
    bank = builtin("power_audit")
    trust = question(bank, "trust")
    plain = open_round(world, bank, title="Plain")
    roles = open_round(world, bank, title="With roles", keep_role=True)
    (jo,) = people(world, "manager", 1, "Jo")
    enter(world, plain, {trust.pk: services.Answer(rating=3)}, person=jo)
    enter(world, roles, {trust.pk: services.Answer(rating=3)}, person=jo)
    assert AnonymousAnswerSet.objects.get(round=plain).role == ""
    assert AnonymousAnswerSet.objects.get(round=roles).role == "manager"
    assert {s.side for s in AnonymousAnswerSet.objects.all()} == {"professional"}


def test_the_audit_trail_and_the_logs_say_nothing_linking(world: Any, caplog: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    speak = question(bank, "speak_freely")
    (quill,) = people(world, "service_user", 1, "Zebedee Quillfeather")
    link(world, world.member, quill)
    (ann,) = people(world, "service_user", 1, "Annabel Pemberton")
    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    c = Client()
    c.force_login(world.member)
    url = reverse("reflection:round", kwargs={"slug": world.journey.slug, "round_pk": rnd.pk})
    form = c.get(url)
    token = form.context["form"].initial["client_token"]
    caplog.set_level(logging.DEBUG)
    response = c.post(url, {f"q_{speak.pk}": "2", "client_token": str(token)})
    assert response.status_code == 302
    # A paper answer typed in by the facilitator, for someone else.
    enter(world, rnd, {speak.pk: services.Answer(rating=1)}, person=ann)

    aset = AnonymousAnswerSet.objects.filter(round=rnd)
    assert aset.count() == 2
    new = list(AuditEntry.objects.filter(id__gt=mark).order_by("id"))
    answers = [e for e in new if e.action == "round_answer_anonymous"]
    assert len(answers) == 2
    secrets = [
        "Zebedee",
        "Quillfeather",
        "Annabel",
        world.member.email,
        world.member.first_name,
        *(str(s.pk) for s in aset),
        *(str(r.pk) for r in Receipt.objects.filter(round=rnd)),
    ]
    for e in new:
        # Every line written while answering has no actor and no one on whose behalf.
        assert e.actor_id is None and e.on_behalf_of_id is None, e
        assert e.object_type == "Round" and e.object_id == rnd.pk
        assert not any(s in e.summary for s in secrets), e.summary
    assert {e.channel for e in answers} == {"online", "paper"}
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    for s in secrets:
        assert s not in logged, s


def test_export_of_an_anonymous_round_names_no_one(audit_round: Any) -> None:
    w = audit_round.world
    t = export.tables(w.journey)
    rows = t["reflection_answers_anonymous"]
    assert len(rows) == 5 * 2 + 5 * 2 + 2  # ten sets: two ratings each, two written answers
    assert {r["side"] for r in rows} == {"lived", "professional"}
    assert {r["role"] for r in rows} == {""}
    assert set(rows[0]) == {
        "round_id",
        "answer_set",
        "side",
        "role",
        "channel",
        "question_id",
        "rating",
        "dont_know",
        "text",
        "themes",
    }
    assert sorted({r["answer_set"] for r in rows}) == [f"R{n:03d}" for n in range(1, 11)]
    names = {p.name for p in audit_round.staff + audit_round.patients}
    flat = repr(t)
    assert not any(n in flat for n in names)
    assert t["reflection_answers_named"] == []
    assert t["reflection_typed_in"] == [
        {
            "round_id": audit_round.round.pk,
            "entered_by": "A01",
            "entered_on": timezone.localdate(),
            "channel": "paper",
            "answer_sets": 10,
        }
    ]


def test_small_sides_lose_their_side_in_the_export(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    trust = question(bank, "trust")
    for p in people(world, "frontline_staff", 4) + people(world, "carer", 6):
        enter(world, rnd, {trust.pk: services.Answer(rating=4)}, person=p)
    services.round_close(actor=world.facilitator, round=rnd, closed_on=datetime.date(2025, 4, 1))
    sides = [r["side"] for r in export.tables(world.journey)["reflection_answers_anonymous"]]
    assert sorted(sides) == [""] * 4 + ["lived"] * 6
