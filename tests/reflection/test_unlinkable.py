"""Anonymous answers cannot be paired with the "has answered" receipts, read as someone with the
whole database in front of them would: rows in the order they are stored (SQLite's rowid,
PostgreSQL's ctid, a plain SELECT with no order), and on PostgreSQL the transaction that wrote
each row (xmin).

Twenty people answer, sides mixed; each writes a different sentence, so the test knows whose
every answer set is. Pairing the k-th receipt with the k-th answer set must get no more right
than chance (about one in twenty; the test allows fewer than ten, which chance exceeds about
once in three million runs).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection

from powerwith.contributions.models import Tag
from powerwith.people.models import Person
from powerwith.reflection import services
from powerwith.reflection.models import AnonymousAnswer, AnonymousAnswerSet, Receipt, Round
from tests.stored import fixed_points, stored, xmins

from .helpers import builtin, enter, open_round, people, question

N = 20


def _answer(world: Any) -> tuple[Round, list[Person]]:
    """N people answer in turn, lived experience and staff alternating (sides mixed)."""
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    trust, barriers = question(bank, "trust"), question(bank, "barriers_open")
    lived = people(world, "service_user", N // 2, "Patient")
    staff = people(world, "frontline_staff", N // 2, "Nurse")
    order = [p for pair in zip(lived, staff, strict=True) for p in pair]
    for i, p in enumerate(order):
        enter(
            world,
            rnd,
            {
                trust.pk: services.Answer(rating=1 + i % 5),
                barriers.pk: services.Answer(text=f"Answer number {i}"),
            },
            person=p,
            channel="paper" if i % 3 else "phone",
        )
    return rnd, order


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _whose(rnd: Round) -> dict[uuid.UUID, int]:
    """Answer set id -> the turn (0..N-1) of the person who gave it, from their sentence."""
    return {
        a.answer_set_id: int(a.text.rsplit(" ", 1)[1])
        for a in AnonymousAnswer.objects.filter(answer_set__round=rnd).exclude(text="")
    }


def _check_orders(rnd: Round, order: list[Person]) -> None:
    turn = {p.pk: i for i, p in enumerate(order)}
    whose = _whose(rnd)
    everyone = list(range(N))

    # Stored order (rowid / ctid).
    receipts = [turn[pid] for (pid,) in stored(Receipt, "person")]
    sets = [whose[_uuid(sid)] for (sid,) in stored(AnonymousAnswerSet, "id")]
    written = [int(text.rsplit(" ", 1)[1]) for (text,) in stored(AnonymousAnswer, "text") if text]
    assert sorted(receipts) == sorted(sets) == sorted(written) == everyone
    assert fixed_points(receipts, sets) < N // 2, (receipts, sets)
    assert fixed_points(receipts, written) < N // 2, (receipts, written)
    # Neither side keeps the order people answered in (the log has that order, with times).
    for stored_order in (receipts, sets, written):
        assert fixed_points(stored_order, everyone) < N // 2, stored_order

    # A plain read with no order asked for.
    plain_receipts = [turn[r.person_id] for r in Receipt.objects.filter(round=rnd)]
    plain_sets = [whose[s.pk] for s in AnonymousAnswerSet.objects.filter(round=rnd)]
    assert fixed_points(plain_receipts, plain_sets) < N // 2, (plain_receipts, plain_sets)


def test_stored_order_pairs_no_receipt_with_its_answers(world: Any) -> None:
    rnd, order = _answer(world)
    _check_orders(rnd, order)
    services.round_close(actor=world.facilitator, round=rnd)
    _check_orders(rnd, order)


def test_rewriting_keeps_every_answer_its_id_its_themes_and_counts_once(world: Any) -> None:
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    barriers = question(bank, "barriers_open")
    first, second, third = people(world, "carer", 3, "Carer")
    enter(world, rnd, {barriers.pk: services.Answer(text="Buses")}, person=first)
    answer = AnonymousAnswer.objects.get(answer_set__round=rnd)
    services.answer_themes_set(
        actor=world.facilitator, round=rnd, answer_id=str(answer.pk), names=["Transport"]
    )
    token = uuid.uuid4()
    args: dict[str, Any] = {
        "actor": world.facilitator,
        "round": rnd,
        "answers": {barriers.pk: services.Answer(text="Parking")},
        "channel": "paper",
        "person": second,
        "client_token": token,
    }
    assert services.answers_enter(**args).created
    # The same form again (a double tap): counted once, nothing rewritten.
    assert not services.answers_enter(**args).created
    enter(world, rnd, {barriers.pk: services.Answer(text="Stairs")}, person=third)
    after = AnonymousAnswer.objects.get(pk=answer.pk)
    assert after.text == "Buses"
    assert [t.name for t in after.themes.all()] == ["Transport"]
    assert Tag.objects.filter(name="Transport").count() == 1
    assert sorted(a.text for a in AnonymousAnswer.objects.filter(answer_set__round=rnd)) == [
        "Buses",
        "Parking",
        "Stairs",
    ]
    assert AnonymousAnswerSet.objects.filter(round=rnd).count() == 3
    assert AnonymousAnswerSet.objects.filter(client_token=token).count() == 1
    assert Receipt.objects.filter(round=rnd).count() == 3


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_writing_transaction_pairs_no_receipt_with_its_answers() -> None:
    """xmin: each service call commits on its own here, as in real use."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's. Run with DATABASE_URL=$(scripts/pg.sh).")
    from tests.conftest import build_world

    world = build_world()
    rnd, order = _answer(world)
    set_x = [x for (_, x) in xmins(AnonymousAnswerSet, "id")]
    answer_x = [x for (_, x) in xmins(AnonymousAnswer, "id")]
    receipt_x = [x for (_, x) in xmins(Receipt, "id")]
    assert len(set_x) == N and len(answer_x) == 2 * N and len(receipt_x) == N
    # Every anonymous row of the round was written by the same (the latest) transaction, so the
    # transaction picks out no one's answers.
    assert len(set(set_x)) == 1 and set(answer_x) == set(set_x)
    for x in receipt_x:
        assert set_x.count(x) in (0, N)
    _check_orders(rnd, order)


def test_sqlite_overwrites_what_it_deletes(db: Any) -> None:
    """Each answer deletes the round's rows and writes them again: the file keeps no earlier
    copy of them (which would show the order before the latest answer)."""
    if connection.vendor != "sqlite":
        pytest.skip("A setting of SQLite's.")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
