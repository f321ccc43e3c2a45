"""Read a Pol.is export folder (``comments.csv``, ``votes.csv``, ``participants-votes.csv``
optional) into a new statement round. Every line is checked before anything is written; a bad
file is rejected whole, with a message naming the file and line of each problem.

Pol.is's export conventions, checked against the shared conversations: ``vote`` is 1 agree,
-1 disagree, 0 pass; ``moderated`` is 1 accepted, 0 not yet checked, -1 moderated out;
``timestamp`` is milliseconds since 1970 (the latest vote per participant and comment counts).
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from powerwith.common.services import audit
from powerwith.journeys.models import Journey

from .models import (
    ACCEPTED,
    IMPORTED,
    PENDING,
    REJECTED,
    Participant,
    Response,
    Statement,
    StatementRound,
)
from .services import round_create

MODERATED = {"1": ACCEPTED, "0": PENDING, "-1": REJECTED}
MAX_PROBLEMS = 20
BATCH = 5000


class PolisImportError(Exception):
    """The folder cannot be imported; ``problems`` lists each one with its file and line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Parsed:
    comments: list[tuple[str, str, str]] = field(default_factory=list)  # id, text, moderation
    # (voter, comment) -> (timestamp, line, vote): the latest wins
    votes: dict[tuple[str, str], tuple[int, int, int]] = field(default_factory=dict)
    participants: list[str] = field(default_factory=list)
    vote_lines: int = 0


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except (ValueError, AttributeError):
        return None


def _rows(path: Path, required: list[str], problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    name = path.name
    if not path.is_file():
        problems.append(f"{name}: the file is missing.")
        return []
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                problems.append(f"{name} line 1: missing column(s) {', '.join(missing)}.")
                return []
            return [(reader.line_num, row) for row in reader]
    except (UnicodeDecodeError, csv.Error) as exc:
        problems.append(f"{name}: cannot be read as UTF-8 CSV ({exc}).")
        return []


def parse(folder: Path) -> Parsed:
    """Check and read the folder; raise PolisImportError listing every problem found."""
    problems: list[str] = []
    out = Parsed()
    seen: set[str] = set()
    for line, row in _rows(
        folder / "comments.csv", ["comment-id", "moderated", "comment-body"], problems
    ):
        cid = row["comment-id"]
        if _int(cid) is None:
            problems.append(
                f"comments.csv line {line}: comment-id \u201c{cid}\u201d is not a whole number."
            )
        elif cid.strip() in seen:
            problems.append(f"comments.csv line {line}: comment-id {cid} appears twice.")
        elif row["moderated"].strip() not in MODERATED:
            problems.append(
                f"comments.csv line {line}: moderated \u201c{row['moderated']}\u201d is not -1, 0 or 1."
            )
        else:
            seen.add(cid.strip())
            # An empty comment is kept as it is (Pol.is has them, moderated out).
            out.comments.append(
                (
                    cid.strip(),
                    (row["comment-body"] or "").strip(),
                    MODERATED[row["moderated"].strip()],
                )
            )
    voters: dict[str, None] = {}
    for line, row in _rows(
        folder / "votes.csv", ["timestamp", "comment-id", "voter-id", "vote"], problems
    ):
        out.vote_lines += 1
        ts, c_id, p_id, vote = (
            _int(row[c] or "") for c in ("timestamp", "comment-id", "voter-id", "vote")
        )
        if ts is None:
            problems.append(
                f"votes.csv line {line}: timestamp \u201c{row['timestamp']}\u201d is not a whole number."
            )
        elif p_id is None:
            problems.append(
                f"votes.csv line {line}: voter-id \u201c{row['voter-id']}\u201d is not a whole number."
            )
        elif vote not in (-1, 0, 1):
            problems.append(
                f"votes.csv line {line}: vote \u201c{row['vote']}\u201d is not -1, 0 or 1."
            )
        elif c_id is None or str(c_id) not in seen:
            problems.append(
                f"votes.csv line {line}: comment-id \u201c{row['comment-id']}\u201d is not in comments.csv."
            )
        else:
            key = (str(p_id), str(c_id))
            voters.setdefault(str(p_id), None)
            old = out.votes.get(key)
            if old is None or (ts, line) >= (old[0], old[1]):
                out.votes[key] = (ts, line, vote)
        if len(problems) >= MAX_PROBLEMS:
            break
    pv = folder / "participants-votes.csv"
    if pv.exists() and len(problems) < MAX_PROBLEMS:
        for line, row in _rows(pv, ["participant"], problems):
            pid = _int(row["participant"] or "")
            if pid is None:
                problems.append(
                    f"participants-votes.csv line {line}: participant \u201c{row['participant']}\u201d is not a whole number."
                )
            else:
                voters.setdefault(str(pid), None)
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise PolisImportError(problems[:MAX_PROBLEMS])
    out.participants = sorted(voters, key=int)
    return out


def _journey(slug: str | None, folder: Path) -> Journey:
    if slug:
        found = Journey.objects.filter(slug=slug).first()
        if found is not None:
            return found
        base = slugify(slug)[:50]
    else:
        base = slugify(folder.name.replace(".", "-"))[:50] or "polis"
    final, n = base, 2
    while Journey.objects.filter(slug=final).exists():
        final, n = f"{base}-{n}", n + 1
    journey = Journey.objects.create(
        slug=final, title=f"Pol.is conversation: {folder.name}", started_on=datetime.date.today()
    )
    audit(
        journey=journey,
        actor=None,
        action="journey_create",
        obj=journey,
        summary=f"imported from Pol.is ({folder.name})",
        channel="import",
    )
    return journey


@transaction.atomic
def import_polis(folder: Path, *, journey_slug: str | None = None) -> StatementRound:
    """Import a Pol.is export folder into a new round (one transaction: all or nothing)."""
    folder = Path(folder)
    parsed = parse(folder)
    journey = _journey(journey_slug, folder)
    rnd = round_create(
        actor=None,
        journey=journey,
        question=f"Pol.is conversation {folder.name}"[:500],
        is_open=False,
        source=f"polis:{folder.name}"[:200],
    )
    Statement.objects.bulk_create(
        [
            Statement(round=rnd, text=t, moderation=mod, external_id=cid)
            for cid, t, mod in parsed.comments
        ],
        batch_size=BATCH,
    )
    Participant.objects.bulk_create(
        [Participant(round=rnd, external_id=pid, channel=IMPORTED) for pid in parsed.participants],
        batch_size=BATCH,
    )
    s_pk = dict(Statement.objects.filter(round=rnd).values_list("external_id", "pk"))
    p_pk = dict(Participant.objects.filter(round=rnd).values_list("external_id", "pk"))
    utc = datetime.UTC
    Response.objects.bulk_create(
        [
            Response(
                participant_id=p_pk[pid],
                statement_id=s_pk[cid],
                vote=vote,
                created_at=datetime.datetime.fromtimestamp(ts / 1000, tz=utc),
            )
            for (pid, cid), (ts, _line, vote) in sorted(
                parsed.votes.items(), key=lambda kv: kv[1][1]
            )
        ],
        batch_size=BATCH,
    )
    return rnd
