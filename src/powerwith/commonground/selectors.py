"""Reads of statement rounds: the latest votes as numbers, for ``analysis.analyse``."""

from __future__ import annotations

import hashlib
import time
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, Q

import powerwith
from powerwith.common import figures

from . import analysis, kept
from .models import ACCEPTED, PENDING, Participant, Response, Statement, StatementRound


def round_votes(rnd: StatementRound) -> analysis.Votes:
    """The latest vote of every participant on every statement that is not rejected (Pol.is
    drops only moderated-out statements), participants and statements in id order: the
    round's matrix kept in this process, brought up to date from the database (``kept.py``;
    read whole the first time)."""
    read = kept.round_matrix(rnd)
    keep = ~read.rejected
    sub = read.kept.matrix[:, keep]
    m = sub.astype(np.float64)
    m[sub == kept.MISSING] = np.nan
    empty = np.zeros(0, dtype=np.int64)
    return analysis.Votes(
        participants=read.external_ids,
        statements=[name for name, k in zip(read.statement_names, keep, strict=True) if k],
        rows=empty,
        cols=empty,
        values=empty,
        sides=read.sides,
        matrix=m,
    )


def round_analysis(rnd: StatementRound) -> dict[str, Any]:
    """The whole analysis of a round, with ``compute_ms``: the time of the maths alone (after
    the votes are read from the database)."""
    votes = round_votes(rnd)
    start = time.perf_counter()
    result = analysis.analyse(votes, min_group=int(getattr(settings, "POWERWITH_MIN_GROUP", 5)))
    result["compute_ms"] = round((time.perf_counter() - start) * 1000, 1)
    result["round"] = rnd.pk
    result["question"] = rnd.question
    return result


# --- pages -------------------------------------------------------------------------------------

CACHE_PREFIX = "commonground:analysis"


def round_list(journey: Any) -> list[StatementRound]:
    """The journey's rounds, newest first, each with ``n_statements`` (accepted),
    ``n_pending`` and ``n_participants`` (those who responded at least once)."""
    return list(
        StatementRound.objects.filter(journey=journey)
        .annotate(
            n_statements=Count(
                "statements", filter=Q(statements__moderation=ACCEPTED), distinct=True
            ),
            n_pending=Count("statements", filter=Q(statements__moderation=PENDING), distinct=True),
            n_participants=Count(
                "participants", filter=Q(participants__responses__isnull=False), distinct=True
            ),
        )
        .order_by("-created_at", "-pk")
    )


def progress(participant: Participant | None, rnd: StatementRound) -> dict[str, Any]:
    """What one participant has left to answer: the next statement (in an order of their own,
    so that no statement is always seen first by everyone and so always answered most), how
    many they have answered and how many there are. Their own statements waiting to be
    checked are listed for them alone."""
    accepted = list(
        Statement.objects.filter(round=rnd, moderation=ACCEPTED).order_by("pk").only("pk", "text")
    )
    answered: set[int] = set()
    mine: list[Statement] = []
    if participant is not None:
        answered = set(
            Response.objects.filter(participant=participant).values_list("statement_id", flat=True)
        )
        mine = list(
            Statement.objects.filter(round=rnd, author=participant)
            .exclude(moderation=ACCEPTED)
            .order_by("pk")
        )
    left = [s for s in accepted if s.pk not in answered]
    seed = participant.pk if participant is not None else 0
    left.sort(key=lambda s: hashlib.sha256(f"{seed}:{s.pk}".encode()).digest())
    done = sum(1 for s in accepted if s.pk in answered)
    return {
        "statement": left[0] if left else None,
        "answered": done,
        "total": len(accepted),
        "number": done + 1,
        "percent": round(100 * done / len(accepted)) if accepted else 0,
        "mine": mine,
    }


def cached_analysis(rnd: StatementRound) -> dict[str, Any]:
    """``round_analysis`` kept in the shared cache until the journey's next write (a
    response marks the journey's figures as changed: ``services.response_record``), as the
    dashboard is (``common.figures``). Without a working cache it is computed each time."""
    return _cached_analysis(rnd, figures.generation(rnd.journey_id))


def cached_analyses(rounds: list[StatementRound]) -> list[dict[str, Any]]:
    """``cached_analysis`` of each round, the cache's generation read once per journey
    rather than once per round."""
    gens = {j: figures.generation(j) for j in {r.journey_id for r in rounds}}
    return [_cached_analysis(r, gens[r.journey_id]) for r in rounds]


def _cached_analysis(rnd: StatementRound, gen: str | None) -> dict[str, Any]:
    """The round's analysis kept under the journey's generation ``gen`` (None: no cache)."""
    key = f"{CACHE_PREFIX}:{rnd.pk}:{gen}:{powerwith.__version__}" if gen else None
    if key is not None:
        found = figures.cached_get(key)
        if found is not None:
            return dict(found)
    result = round_analysis(rnd)
    if key is not None:
        figures.cached_set(key, result)
    return result


def statement_names(rnd: StatementRound) -> dict[str, Statement]:
    """Statements by the name the analysis gives them (external id, else our id)."""
    return {s.external_id or str(s.pk): s for s in Statement.objects.filter(round=rnd)}


def statement_names_of(rounds: list[StatementRound]) -> dict[int, dict[str, Statement]]:
    """``statement_names`` of each round, by round id, read in one statement."""
    out: dict[int, dict[str, Statement]] = {r.pk: {} for r in rounds}
    for s in Statement.objects.filter(round__in=rounds):
        out[s.round_id][s.external_id or str(s.pk)] = s
    return out


def statement_counts(rnd: StatementRound) -> dict[str, tuple[int, int, int]]:
    """(agree, disagree, votes) of every statement, by the analysis's name for it."""
    rows = (
        Response.objects.filter(statement__round=rnd)
        .values("statement_id", "statement__external_id")
        .annotate(
            agree=Count("pk", filter=Q(vote=1)),
            disagree=Count("pk", filter=Q(vote=-1)),
            votes=Count("pk"),
        )
    )
    return {
        (r["statement__external_id"] or str(r["statement_id"])): (
            r["agree"],
            r["disagree"],
            r["votes"],
        )
        for r in rows
    }
