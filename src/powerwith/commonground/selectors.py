"""Reads of statement rounds: the latest votes as numbers, for ``analysis.analyse``."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from django.conf import settings

from . import analysis
from .models import REJECTED, Participant, Response, Statement, StatementRound


def round_votes(rnd: StatementRound) -> analysis.Votes:
    """The latest vote of every participant on every statement that is not rejected (Pol.is
    drops only moderated-out statements), participants and statements in id order."""
    statements = list(
        Statement.objects.filter(round=rnd)
        .exclude(moderation=REJECTED)
        .order_by("pk")
        .values_list("pk", "external_id")
    )
    participants = list(
        Participant.objects.filter(round=rnd)
        .order_by("pk")
        .values_list("pk", "external_id", "side")
    )
    col = {pk: i for i, (pk, _) in enumerate(statements)}
    row = {pk: i for i, (pk, _, _) in enumerate(participants)}
    triples = [
        (row[p], col[s], v)
        for p, s, v in Response.objects.filter(participant__round=rnd).values_list(
            "participant_id", "statement_id", "vote"
        )
        if s in col
    ]
    arr = np.array(triples, dtype=np.int64).reshape(-1, 3)
    return analysis.Votes(
        participants=[ext or str(pk) for pk, ext, _ in participants],
        statements=[ext or str(pk) for pk, ext in statements],
        rows=arr[:, 0],
        cols=arr[:, 1],
        values=arr[:, 2],
        sides=[side for _, _, side in participants],
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
