"""The turn tally on attendance rows (gatherings/tally.py) always equals the turns themselves:
after every service that writes turns, after a long random sequence of them, after the
migration that filled it, and when taps race on PostgreSQL."""

from __future__ import annotations

import datetime
import importlib
import random
import threading
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from powerwith.gatherings import services as gs
from powerwith.gatherings import tally
from powerwith.gatherings.models import Attendance, Gathering, SpeakingTurn
from powerwith.people.models import Person
from tests.conftest import build_world
from tests.people.builders import D, gathering, person


def _tally(g: Gathering, p: Person) -> tuple[int, int, int] | None:
    row = Attendance.objects.filter(gathering=g, person=p).first()
    return None if row is None else (row.turn_count, row.timed_turns, row.turn_seconds)


def _wrong() -> list[dict[str, Any]]:
    return tally.mismatches(Attendance, SpeakingTurn)


def test_each_turn_service_keeps_the_tally(world):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world, held_on=D(2025, 2, 1))
    f = world.facilitator
    assert _tally(g, ann) is None
    t1, _ = gs.turn_record(actor=f, gathering=g, person=ann, client_token="a1")
    assert _tally(g, ann) == (1, 0, 0)  # the first tap also marks Ann as having come
    gs.turn_record(actor=f, gathering=g, person=ann, client_token="a1")  # a double tap
    assert _tally(g, ann) == (1, 0, 0)
    gs.turn_record(actor=f, gathering=g, person=ann, seconds=40)
    assert _tally(g, ann) == (2, 1, 40)
    gs.turn_set_seconds(actor=f, turn=t1, seconds=25)
    assert _tally(g, ann) == (2, 2, 65)
    gs.turn_set_seconds(actor=f, turn=t1, seconds=None)
    assert _tally(g, ann) == (2, 1, 40)
    t3, _ = gs.turn_record(
        actor=f,
        gathering=g,
        person=bob,
        started_at=datetime.datetime(2025, 2, 1, 10, 0, tzinfo=datetime.UTC),
    )
    gs.turn_stop(actor=f, turn=t3, at=datetime.datetime(2025, 2, 1, 10, 2, tzinfo=datetime.UTC))
    assert _tally(g, bob) == (1, 1, 120)
    gs.turn_undo(actor=f, gathering=g)  # the last turn this user recorded: Bob's
    assert _tally(g, bob) == (0, 0, 0)  # Bob still came; he no longer spoke
    # Entered afterwards: replaces earlier entered turns, keeps live taps.
    gs.turns_enter(actor=f, gathering=g, counts={ann.pk: 3, bob.pk: 2}, minutes={bob.pk: 4})
    assert _tally(g, ann) == (5, 1, 40)
    assert _tally(g, bob) == (2, 2, 240)
    gs.turns_enter(actor=f, gathering=g, counts={ann.pk: 0, bob.pk: 1})
    assert _tally(g, ann) == (2, 1, 40)  # the 3 entered turns gone, the 2 taps kept
    assert _tally(g, bob) == (1, 0, 0)
    # Marking someone as not having come keeps what they said on record.
    gs.attendance_set(actor=f, gathering=g, statuses={ann.pk: "apologies"})
    assert _tally(g, ann) == (2, 1, 40)
    assert _wrong() == []


def test_a_long_random_run_of_turn_changes_keeps_every_tally(world):
    rng = random.Random(7)
    f = world.facilitator
    people = [
        person(world, f"P{i}", rng.choice(["service_user", "manager", "carer"])) for i in range(6)
    ]
    gatherings = [gathering(world, title=f"G{i}", held_on=D(2025, 1, 10 + i)) for i in range(3)]
    for step in range(150):
        g, p = rng.choice(gatherings), rng.choice(people)
        op = rng.random()
        if op < 0.45:
            gs.turn_record(
                actor=f,
                gathering=g,
                person=p,
                seconds=rng.choice([None, rng.randint(0, 300)]),
                client_token=rng.choice([None, f"{g.pk}-tok{rng.randint(0, 40)}"]),
            )
        elif op < 0.6:
            gs.turn_undo(actor=f, gathering=g)
        elif op < 0.75:
            turn = SpeakingTurn.objects.filter(gathering=g).order_by("?").first()
            if turn is not None:
                gs.turn_set_seconds(
                    actor=f, turn=turn, seconds=rng.choice([None, rng.randint(1, 99)])
                )
        elif op < 0.9:
            counts = {q.pk: rng.randint(0, 4) for q in rng.sample(people, 3)}
            minutes = {pid: rng.randint(0, 9) for pid in counts if rng.random() < 0.5}
            gs.turns_enter(actor=f, gathering=g, counts=counts, minutes=minutes)
        else:
            gs.attendance_set(
                actor=f,
                gathering=g,
                statuses={p.pk: rng.choice(["present", "apologies", "absent"])},
            )
        assert _wrong() == [], f"after step {step}"
    assert SpeakingTurn.objects.count() > 20  # the run did make turns


def test_the_migration_fills_the_tally_and_gives_every_speaker_a_row(world):
    ann, bob = person(world, "Ann"), person(world, "Bob", "manager")
    g = gathering(world)
    gs.turn_record(actor=world.facilitator, gathering=g, person=ann, seconds=30)
    gs.turn_record(actor=world.facilitator, gathering=g, person=ann)
    gs.turn_record(actor=world.facilitator, gathering=g, person=bob)
    # As before the tally existed: no tally at all, and Bob's attendance row missing.
    Attendance.objects.update(turn_count=0, timed_turns=0, turn_seconds=0)
    Attendance.objects.filter(person=bob).delete()
    assert len(_wrong()) == 2
    migration = importlib.import_module(
        "powerwith.gatherings.migrations.0003_attendance_turn_tally"
    )
    migration.fill_tally(apps, None)
    assert _wrong() == []
    assert _tally(g, ann) == (2, 1, 30)
    row = Attendance.objects.get(person=bob)
    assert (row.status, row.role, row.side, row.turn_count) == (
        "present",
        "manager",
        "professional",
        1,
    )


def test_mismatches_names_what_is_wrong(world):
    ann = person(world, "Ann")
    g = gathering(world)
    gs.turn_record(actor=world.facilitator, gathering=g, person=ann)
    Attendance.objects.update(turn_count=3)
    assert _wrong() == [
        {"gathering": g.pk, "person": ann.pk, "tally": (3, 0, 0), "turns": (1, 0, 0)}
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres_only
def test_taps_racing_for_one_new_speaker_are_all_counted() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Concurrency needs PostgreSQL: SQLite admits one writer at a time, so nothing races. "
            "Run with DATABASE_URL=$(scripts/pg.sh)."
        )
    w = build_world()
    ann = person(w, "Ann")
    g = gathering(w)
    threads_n, taps_each = 8, 10
    barrier = threading.Barrier(threads_n)
    errors: list[str] = []

    def tapper(k: int) -> None:
        from django.contrib.auth import get_user_model

        try:
            actor = get_user_model().objects.get(pk=w.facilitator.pk)
            gg, pp = Gathering.objects.get(pk=g.pk), Person.objects.get(pk=ann.pk)
            barrier.wait()
            for i in range(taps_each):
                # Two threads send each tap (a phone resending it): the same token at once.
                gs.turn_record(
                    actor=actor, gathering=gg, person=pp, client_token=f"t{k // 2}-{i}", seconds=10
                )
        except Exception as exc:  # reported below, with the thread
            errors.append(f"thread {k}: {type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=tapper, args=(k,)) for k in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    n = threads_n // 2 * taps_each
    assert SpeakingTurn.objects.filter(gathering=g).count() == n
    assert Attendance.objects.filter(gathering=g, person=ann).count() == 1
    assert _tally(g, ann) == (n, n, 10 * n)
    assert _wrong() == []
