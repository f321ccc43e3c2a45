"""The vote matrix kept between recomputes (``commonground/kept.py``): after every kind of
write, the kept matrix brought up to date gives exactly what a fresh read of the database
gives, and it is brought up to date without reading the round whole."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import numpy as np
import pytest
from django.db import connection, transaction

from powerwith.commonground import analysis, kept, selectors, services
from powerwith.commonground.models import (
    REJECTED,
    Participant,
    Response,
    Statement,
    StatementRound,
)
from powerwith.people import services as people_services
from powerwith.rights import services as rights_services
from tests.conftest import World, build_world

TEXTS = [f"Statement number {i}." for i in range(1, 9)]


@pytest.fixture(autouse=True)
def _nothing_kept() -> Any:
    kept.forget()
    yield
    kept.forget()


def _round(world: World) -> StatementRound:
    return services.round_create(
        actor=world.facilitator, journey=world.journey, question="What matters?", statements=TEXTS
    )


def _sheets(world: World, rnd: StatementRound, per_camp: int) -> None:
    """Two camps typed in from paper: lived experience agree with statements 1-4 and disagree
    with 5-8, professionals the other way round; every fourth sheet passes on statement 8."""
    sts = list(Statement.objects.filter(round=rnd).order_by("pk"))
    for side, sign in (("lived", 1), ("professional", -1)):
        for n in range(per_camp):
            votes: dict[Statement, int | None] = {
                s: (sign if i < 4 else -sign) for i, s in enumerate(sts)
            }
            if n % 4 == 0:
                votes[sts[-1]] = 0
            services.paper_sheet_enter(actor=world.facilitator, round=rnd, side=side, votes=votes)


def _reference_matrix(rnd: StatementRound) -> tuple[list[int], list[int], np.ndarray]:
    """Every participant's votes on every statement (rejected ones too), read through the ORM
    alone: nothing of kept.py."""
    p_ids = list(Participant.objects.filter(round=rnd).order_by("pk").values_list("pk", flat=True))
    s_ids = list(Statement.objects.filter(round=rnd).order_by("pk").values_list("pk", flat=True))
    m = np.full((len(p_ids), len(s_ids)), kept.MISSING, dtype=np.int8)
    rows = {pk: i for i, pk in enumerate(p_ids)}
    cols = {pk: i for i, pk in enumerate(s_ids)}
    for p, s, v in Response.objects.filter(participant__round=rnd).values_list(
        "participant_id", "statement_id", "vote"
    ):
        m[rows[p], cols[s]] = v
    return p_ids, s_ids, m


def _reference_analysis(rnd: StatementRound) -> dict[str, Any]:
    """The analysis from the ORM's rows, as the results page worked it out before kept.py."""
    parts = list(
        Participant.objects.filter(round=rnd)
        .order_by("pk")
        .values_list("pk", "external_id", "side")
    )
    sts = list(
        Statement.objects.filter(round=rnd)
        .exclude(moderation=REJECTED)
        .order_by("pk")
        .values_list("pk", "external_id")
    )
    rows = {pk: i for i, (pk, _e, _s) in enumerate(parts)}
    cols = {pk: i for i, (pk, _e) in enumerate(sts)}
    triples = [
        (rows[p], cols[s], v)
        for p, s, v in Response.objects.filter(participant__round=rnd).values_list(
            "participant_id", "statement_id", "vote"
        )
        if s in cols
    ]
    arr = np.array(triples, dtype=np.int64).reshape(-1, 3)
    return analysis.analyse(
        analysis.Votes(
            participants=[e or str(pk) for pk, e, _s in parts],
            statements=[e or str(pk) for pk, e in sts],
            rows=arr[:, 0],
            cols=arr[:, 1],
            values=arr[:, 2],
            sides=[s for _pk, _e, s in parts],
        )
    )


def _ours(rnd: StatementRound) -> dict[str, Any]:
    result = selectors.round_analysis(rnd)
    for key in ("compute_ms", "round", "question"):
        result.pop(key)
    return result


def _check(rnd: StatementRound, *, full: bool) -> None:
    """The kept matrix, brought up to date, is the database's, read incrementally unless
    ``full``; and the analysis from it is the analysis from a fresh read."""
    read = kept.round_matrix(rnd)
    assert read.full is full
    p_ids, s_ids, m = _reference_matrix(rnd)
    assert read.kept.p_ids.tolist() == p_ids
    assert read.kept.s_ids.tolist() == s_ids
    assert np.array_equal(read.kept.matrix, m)
    assert _ours(rnd) == _reference_analysis(rnd)


@pytest.mark.django_db
def test_the_kept_matrix_follows_every_kind_of_write(world: World) -> None:
    rnd = _round(world)
    _sheets(world, rnd, per_camp=12)
    sts = list(Statement.objects.filter(round=rnd).order_by("pk"))
    _check(rnd, full=True)  # the first read is whole
    _check(rnd, full=False)  # nothing changed: nothing read again

    # A participant changes an answer, and another adds one.
    first, second = Participant.objects.filter(round=rnd).order_by("pk")[:2]
    services.response_record(participant=first, statement=sts[0], vote=-1)
    services.response_record(participant=second, statement=sts[7], vote=1)
    _check(rnd, full=False)

    # A new participant, by the link.
    link = services.participant_join(round=rnd)
    for s in sts[:7]:
        services.response_record(participant=link, statement=s, vote=1)
    _check(rnd, full=False)

    # A member who took part signed in, then erased: unlinked, their votes and side kept.
    nia = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Nia",
        role="frontline_staff",
        joined_on=datetime.date(2025, 1, 6),
    )
    nia_p = services.participant_join(round=rnd, person=nia)
    for s in sts:
        services.response_record(participant=nia_p, statement=s, vote=-1)
    _check(rnd, full=False)
    rights_services.person_erase(actor=world.facilitator, person=nia)
    assert Participant.objects.get(pk=nia_p.pk).person_id is None
    _check(rnd, full=False)

    # A statement moderated out, then a new one added and answered.
    services.statement_moderate(actor=world.facilitator, statement=sts[3], moderation=REJECTED)
    _check(rnd, full=False)
    added = services.statement_add(actor=world.facilitator, round=rnd, text="A new one.")
    _check(rnd, full=False)
    services.response_record(participant=link, statement=added, vote=-1)
    services.response_record(participant=second, statement=added, vote=0)
    _check(rnd, full=False)

    # A participant deleted with their votes, and a statement deleted with its votes.
    Participant.objects.filter(pk=first.pk).delete()
    Statement.objects.filter(pk=sts[5].pk).delete()
    _check(rnd, full=False)

    # The moderated-out statement accepted again, and a paper sheet.
    services.statement_moderate(actor=world.facilitator, statement=sts[3], moderation="accepted")
    _sheets(world, rnd, per_camp=1)
    _check(rnd, full=False)

    # Many changes at once: reading the round whole is cheaper, and gives the same.
    for p in Participant.objects.filter(round=rnd).order_by("pk")[:10]:
        services.response_record(participant=p, statement=sts[1], vote=0)
    _check(rnd, full=True)

    # Forgotten (another process, a restart): read whole, the same analysis.
    before = _ours(rnd)
    kept.forget()
    assert _ours(rnd) == before


@pytest.mark.django_db
def test_a_round_kept_empty_takes_its_first_statements_and_participants(world: World) -> None:
    rnd = services.round_create(actor=world.facilitator, journey=world.journey, question="Q?")
    _check(rnd, full=True)  # no statements, no participants
    for text in TEXTS:
        services.statement_add(actor=world.facilitator, round=rnd, text=text)
    _check(rnd, full=False)  # statements, still no participants
    _sheets(world, rnd, per_camp=1)
    _check(rnd, full=True)  # everyone is new: read whole
    _sheets(world, rnd, per_camp=8)
    _check(rnd, full=True)


@pytest.mark.django_db
def test_a_statement_put_back_with_its_votes_is_read_again(world: World) -> None:
    """A statement deleted and put back with the same id and its votes (a backup restored, a
    test's copy of the demo): its voters' versions did not change, its column is read."""
    rnd = _round(world)
    _sheets(world, rnd, per_camp=10)
    last = Statement.objects.filter(round=rnd).order_by("pk").last()
    assert last is not None
    rows = list(Response.objects.filter(statement=last).values_list("participant_id", "vote"))
    Statement.objects.filter(pk=last.pk).delete()
    _check(rnd, full=True)
    Statement.objects.bulk_create([Statement(pk=last.pk, round=rnd, text=last.text)])
    Response.objects.bulk_create(
        [
            Response(participant_id=p, statement_id=last.pk, vote=v, created_at=last.created_at)
            for p, v in rows
        ]
    )
    _check(rnd, full=False)


@pytest.mark.django_db
def test_a_vote_on_a_statement_not_yet_listed_is_read_again_next_time() -> None:
    """A response can commit between the read of the statements and the read of the votes:
    its statement is not a column yet, so its participant is marked unread and read again
    when the statement is listed (never left as an empty cell)."""
    matrix = np.full((2, 1), kept.MISSING, dtype=np.int8)
    versions = np.array([5, 6], dtype=np.int64)
    votes = np.array([[10, 100, 1], [11, 100, -1], [11, 101, 1], [12, 100, 1]], dtype=np.int64)
    kept._place(matrix, votes, np.array([10, 11]), np.array([100]), versions)
    assert matrix.tolist() == [[1], [-1]]  # participant 12 is not listed: read when they are
    assert versions.tolist() == [5, kept.UNREAD]


@pytest.mark.django_db
def test_rounds_of_two_databases_or_two_rounds_are_kept_apart(world: World) -> None:
    one, two = _round(world), _round(world)
    _sheets(world, one, per_camp=6)
    _sheets(world, two, per_camp=3)
    assert _ours(one) == _reference_analysis(one)
    assert _ours(two) == _reference_analysis(two)
    assert _ours(one)["n_participants"] == 12


@pytest.mark.django_db
def test_the_kept_matrices_stay_within_their_cells(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "KEEP_CELLS", 16 * 8 + 4)
    one, two = _round(world), _round(world)
    _sheets(world, one, per_camp=8)  # 16 x 8 cells
    _sheets(world, two, per_camp=1)
    kept.round_matrix(one)
    assert kept.round_matrix(one).full is False
    kept.round_matrix(two)  # 2 x 8 more: the first is dropped, the least recently used
    assert kept.round_matrix(two).full is False
    assert kept.round_matrix(one).full is True


@pytest.mark.django_db(transaction=True)
def test_votes_committed_out_of_id_order_are_all_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL a transaction that took a smaller id can commit after one that took a
    larger id: a participant who joined first but whose votes commit last, and a change of an
    existing answer that commits after the kept matrix was brought up to date."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite admits one writer at a time.")
    # The journey's figures token is left alone: a transaction held open on purpose would make
    # the other writer's mark after its commit wait for it, which is not what is tested here.
    monkeypatch.setattr(services, "figures_changed", lambda journey_id: None)
    w = build_world()
    rnd = _round(w)
    _sheets(w, rnd, per_camp=10)
    sts = list(Statement.objects.filter(round=rnd).order_by("pk"))
    old = Participant.objects.filter(round=rnd).order_by("pk").first()
    assert old is not None
    _check(rnd, full=True)
    started, finish = threading.Event(), threading.Event()
    errors: list[str] = []

    def slow() -> None:
        try:
            with transaction.atomic():
                early = services.participant_join(round=rnd)  # the smaller id
                for s in sts:
                    services.response_record(participant=early, statement=s, vote=1)
                services.response_record(
                    participant=Participant.objects.get(pk=old.pk), statement=sts[0], vote=0
                )
                started.set()
                finish.wait(30)
        except Exception as exc:  # reported below
            errors.append(repr(exc))
            started.set()
        finally:
            connection.close()

    thread = threading.Thread(target=slow)
    thread.start()
    assert started.wait(30)
    late = services.participant_join(round=rnd)  # the larger id, committed first
    for s in sts:
        services.response_record(participant=late, statement=s, vote=-1)
    _check(rnd, full=False)  # the slow transaction's votes are not visible yet
    assert Participant.objects.filter(round=rnd).count() == 21
    finish.set()
    thread.join()
    assert errors == []
    _check(rnd, full=False)
    assert Participant.objects.filter(round=rnd).count() == 22
    assert Response.objects.get(participant=old, statement=sts[0]).vote == 0
