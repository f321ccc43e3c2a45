"""The vote matrix of a round, kept in this process's memory between recomputes.

A new vote marks the journey's figures as changed, so the results page works the analysis out
again. Reading a million votes again for that costs more than the maths, so each process keeps
the matrix of the rounds it analysed last (a small LRU, bounded by cells) and brings it up to
date from the database before every use. It is never trusted without that check, so it cannot
go stale silently, whichever process or server wrote the votes:

- every participant's ``answers_version`` is read (one row each, no votes), with the
  statements; a participant whose version differs from the kept one, or who is new, has all
  their responses read again, whole. Whole, not "votes since id N": on PostgreSQL ids are not
  handed out in commit order, so a later read by id could miss an earlier id committed late.
- every write of a response changes its participant's version (``services.response_record``,
  which locks that row anyway); writers that add responses without it (``import-polis``, the
  data package's import, the benchmark's bulk writer) add them with new participants, which
  are read whole as new;
- participants or statements that are gone (deleted with their responses) are dropped, new
  statements are added as empty columns (anyone who answered one changed their version);
- the versions are read before the responses, so a vote committed in between is either read
  now or seen as a change next time; a response on a statement the read did not list yet
  leaves its participant marked as unread, so they are read again next time.

The kept matrix holds every statement, rejected ones too: moderation only chooses columns.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection
from numpy.typing import NDArray

from .models import REJECTED, Participant, Response, Statement, StatementRound

MISSING = -128  # int8: no vote
KEEP_CELLS = 64_000_000  # all kept matrices together (one byte a cell): 64 MiB
REREAD_SHARE = 0.25  # more than this share of participants changed: read the round whole
CHUNK = 500  # participant ids per query when reading the changed ones
UNREAD = -1  # a version no participant has (new_answers_version is never negative)


@dataclass(frozen=True)
class Kept:
    """One round's votes as read: participants and statements in id order, each participant's
    version as read with their votes, and the matrix (int8, ``MISSING`` where no vote).
    Never changed once made, so a thread may analyse it while another makes the next."""

    p_ids: NDArray[np.int64]
    versions: NDArray[np.int64]
    s_ids: NDArray[np.int64]
    matrix: NDArray[np.int8]


@dataclass
class Read:
    """What ``round_matrix`` gives: the kept matrix and the participants' and statements'
    details read with it (in the same id order)."""

    kept: Kept
    external_ids: list[str]
    sides: list[str]
    statement_names: list[str]
    rejected: NDArray[np.bool_]
    full: bool  # the round's responses were all read (not brought up to date)


_lock = threading.Lock()
_kept: OrderedDict[tuple[str, str, int], Kept] = OrderedDict()


def _key(rnd: StatementRound) -> tuple[str, str, int]:
    return (connection.alias, str(connection.settings_dict.get("NAME")), int(rnd.pk))


def forget() -> None:
    """Drop every kept matrix of this process (tests, and anyone who wants the memory back)."""
    with _lock:
        _kept.clear()


def _keep(key: tuple[str, str, int], kept: Kept) -> None:
    with _lock:
        _kept.pop(key, None)
        if kept.matrix.size > KEEP_CELLS:
            return
        _kept[key] = kept
        total = sum(k.matrix.size for k in _kept.values())
        while total > KEEP_CELLS:
            _old, dropped = _kept.popitem(last=False)
            total -= dropped.matrix.size


def _kept_for(key: tuple[str, str, int]) -> Kept | None:
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
        return found


# --- reading responses into numpy -----------------------------------------------------------

# A round's votes. On PostgreSQL, by the round's statements (a vote's statement and
# participant are in the same round): joined to the participants instead, stale counts (a
# round just imported, before autovacuum has looked) have been planned as a scan of every
# participant for each vote, seconds a read (see common.db.refresh_statistics); by the
# statements it is a hash join however the counts stand. SQLite keeps no such counts unless
# asked, and reads the votes in the order they are stored, by participant: 0.5 s for a million
# against 1.8 s by statement.
_SELECT = {
    "postgresql": (
        f"SELECT r.participant_id, r.statement_id, r.vote FROM {Response._meta.db_table} r "
        f"WHERE r.statement_id IN (SELECT s.id FROM {Statement._meta.db_table} s "
        "WHERE s.round_id = %s)"
    ),
    "sqlite": (
        f"SELECT r.participant_id, r.statement_id, r.vote FROM {Response._meta.db_table} r "
        f"JOIN {Participant._meta.db_table} p ON p.id = r.participant_id WHERE p.round_id = %s"
    ),
}
# On PostgreSQL the rows come back as one bytea, 18 bytes a vote (two big-endian int8 and an
# int2), read by numpy straight from the buffer: a million rows as Python tuples (or as the
# one message per row of a COPY) cost our process about 0.5 s of CPU, this about 0.05 s.
_PACKED = np.dtype([("p", ">i8"), ("s", ">i8"), ("v", ">i2")])
# A bytea holds at most 1 GB: past this many votes the rows are read the plain way.
PACKED_MAX = 50_000_000


def _responses(sql: str, params: list[Any], *, at_most: int) -> NDArray[np.int64]:
    """(participant, statement, vote) rows of a query, as an int64 array. ``at_most`` is an
    upper bound on the number of rows (participants x statements)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql" and at_most <= PACKED_MAX:
            cur.execute(
                "SELECT string_agg(int8send(q.participant_id::int8) || "
                "int8send(q.statement_id::int8) || int2send(q.vote::int2), ''::bytea) "
                f"FROM ({sql}) q",
                params,
            )
            packed = cur.fetchone()[0]
            rows = np.frombuffer(bytes(packed or b""), dtype=_PACKED)
            out = np.empty((len(rows), 3), dtype=np.int64)
            out[:, 0], out[:, 1], out[:, 2] = rows["p"], rows["s"], rows["v"]
            return out
        cur.execute(sql, params)
        return np.array(cur.fetchall(), dtype=np.int64).reshape(-1, 3)


def _find(
    sorted_ids: NDArray[np.int64], ids: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Where each of ``ids`` is in ``sorted_ids``, and whether it is there at all (an empty
    ``sorted_ids`` holds none of them)."""
    at = np.searchsorted(sorted_ids, ids)
    if not len(sorted_ids):
        return at, np.zeros(len(ids), dtype=bool)
    found = (at < len(sorted_ids)) & (sorted_ids[np.minimum(at, len(sorted_ids) - 1)] == ids)
    return at, found


def _place(
    matrix: NDArray[np.int8],
    arr: NDArray[np.int64],
    p_ids: NDArray[np.int64],
    s_ids: NDArray[np.int64],
    versions: NDArray[np.int64],
) -> None:
    """Write the votes ``arr`` into ``matrix`` (rows and columns in id order). A vote of a
    participant not listed is left out (they joined after the list was read: read next time);
    a vote on a statement not listed marks its participant as unread."""
    if not len(arr):
        return
    rows, known_p = _find(p_ids, arr[:, 0])
    cols, known_s = _find(s_ids, arr[:, 1])
    ok = known_p & known_s
    matrix[rows[ok], cols[ok]] = arr[ok, 2]
    stray = known_p & ~known_s
    if stray.any():
        versions[np.unique(rows[stray])] = UNREAD


# --- bringing the kept matrix up to date -------------------------------------------------------


def round_matrix(rnd: StatementRound) -> Read:
    """The round's vote matrix, up to date with the database: the kept one brought up to date
    (the participants whose answers changed read again), or read whole the first time."""
    # The versions first, then the statements, then the votes (see the module's docstring).
    participants = list(
        Participant.objects.filter(round=rnd)
        .order_by("pk")
        .values_list("pk", "external_id", "side", "answers_version")
    )
    statements = list(
        Statement.objects.filter(round=rnd)
        .order_by("pk")
        .values_list("pk", "external_id", "moderation")
    )
    p_ids = np.array([p[0] for p in participants], dtype=np.int64)
    versions = np.array([p[3] for p in participants], dtype=np.int64)
    s_ids = np.array([s[0] for s in statements], dtype=np.int64)
    key = _key(rnd)
    old = _kept_for(key)
    matrix, full = _update(old, p_ids, versions, s_ids) if old is not None else (None, True)
    if matrix is None:
        matrix = np.full((len(p_ids), len(s_ids)), MISSING, dtype=np.int8)
        versions = versions.copy()
        votes = _responses(_SELECT[connection.vendor], [rnd.pk], at_most=matrix.size)
        _place(matrix, votes, p_ids, s_ids, versions)
    kept = Kept(p_ids=p_ids, versions=versions, s_ids=s_ids, matrix=matrix)
    _keep(key, kept)
    return Read(
        kept=kept,
        external_ids=[ext or str(pk) for pk, ext, _side, _v in participants],
        sides=[side for _pk, _ext, side, _v in participants],
        statement_names=[ext or str(pk) for pk, ext, _m in statements],
        rejected=np.array([m == REJECTED for _pk, _ext, m in statements], dtype=bool),
        full=full,
    )


def _update(
    old: Kept, p_ids: NDArray[np.int64], versions: NDArray[np.int64], s_ids: NDArray[np.int64]
) -> tuple[NDArray[np.int8] | None, bool]:
    """The kept matrix brought up to date, reading only the participants whose version
    changed (and new ones); (None, True) when so many changed that reading the round whole is
    cheaper. ``versions`` is updated in place for participants found unread."""
    # Where each participant and statement was in the kept matrix (-1: new).
    at, was_p = _find(old.p_ids, p_ids)
    changed = ~was_p
    changed[was_p] |= old.versions[at[was_p]] != versions[was_p]
    if changed.sum() > REREAD_SHARE * max(len(p_ids), 1):
        return None, True
    if np.array_equal(old.p_ids, p_ids) and np.array_equal(old.s_ids, s_ids):
        matrix = old.matrix.copy()
    else:
        matrix = np.full((len(p_ids), len(s_ids)), MISSING, dtype=np.int8)
        sat, was_s = _find(old.s_ids, s_ids)
        rows, cols = np.flatnonzero(was_p), np.flatnonzero(was_s)
        if len(rows) and len(cols):
            matrix[np.ix_(rows, cols)] = old.matrix[np.ix_(at[rows], sat[cols])]
        # A statement not kept before is read whole as a column: usually it has no votes yet,
        # but one put back (a restored backup, a test's copy of the demo) has its old ones,
        # and its voters' versions need not have changed.
        _read_in(matrix, "statement_id", s_ids[~was_s], p_ids, s_ids, versions, len(p_ids))
    todo = np.flatnonzero(changed)
    matrix[todo] = MISSING
    _read_in(matrix, "participant_id", p_ids[todo], p_ids, s_ids, versions, len(s_ids))
    return matrix, False


def _read_in(
    matrix: NDArray[np.int8],
    column: str,
    ids: NDArray[np.int64],
    p_ids: NDArray[np.int64],
    s_ids: NDArray[np.int64],
    versions: NDArray[np.int64],
    per_id: int,
) -> None:
    """Read the responses whose ``column`` is one of ``ids`` into the matrix, in chunks."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        arr = _responses(
            f"SELECT participant_id, statement_id, vote FROM {Response._meta.db_table} "
            f"WHERE {column} IN ({marks})",
            [int(i) for i in chunk],
            at_most=len(chunk) * per_id,
        )
        _place(matrix, arr, p_ids, s_ids, versions)
