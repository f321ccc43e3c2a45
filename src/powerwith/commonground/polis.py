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
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from powerwith.common.access import require
from powerwith.common.db import refresh_statistics
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
    Vote,
)
from .selectors import cached_analysis
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
    # every vote line, kept as history: (timestamp, line, voter, comment, vote)
    history: list[tuple[int, int, str, str, int]] = field(default_factory=list)


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
            out.history.append((ts, line, key[0], key[1], vote))
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
    # Every line of votes.csv, changes of mind included, oldest first (in the file's order
    # when two share a time): the history that the responses above are the latest of.
    Vote.objects.bulk_create(
        [
            Vote(
                participant_id=p_pk[pid],
                statement_id=s_pk[cid],
                vote=vote,
                cast_at=datetime.datetime.fromtimestamp(ts / 1000, tz=utc),
            )
            for ts, _line, pid, cid, vote in sorted(parsed.history)
        ],
        batch_size=BATCH,
    )
    # Tens of thousands of rows just arrived: the round's results are read next.
    refresh_statistics(Statement, Participant, Response, Vote)
    return rnd


# --- out: a round in Pol.is's own export format ------------------------------------------------

EXPORT_MODERATED = {ACCEPTED: 1, PENDING: 0, REJECTED: -1}


def _ms(moment: datetime.datetime) -> int:
    return int(moment.timestamp() * 1000)


def _when(moment: datetime.datetime) -> str:
    # Pol.is writes a JavaScript date ("Mon Jul 17 16:10:15 WIB 2017"); ours is always in UTC.
    return moment.astimezone(datetime.UTC).strftime("%a %b %d %H:%M:%S UTC %Y")


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def export_files(rnd: StatementRound, groups: dict[int, int | None]) -> dict[str, str]:
    """The four CSV files Pol.is exports, for one round. Participants are numbered from 0 in
    the order they joined and statements from 0 in the order they were added: no name, no
    side, no random id leaves the site. ``groups`` maps a participant's number to its opinion
    group from the round's analysis (None when not placed in one)."""
    statements = list(Statement.objects.filter(round=rnd).order_by("pk"))
    participants = list(
        Participant.objects.filter(round=rnd).order_by("pk").values_list("pk", flat=True)
    )
    cid = {s.pk: i for i, s in enumerate(statements)}
    pid = {pk: i for i, pk in enumerate(participants)}
    # Read by the round's statements, one table and no join: a join to the participants has
    # been planned as a loop over every participant for every vote (seconds per read) when the
    # database's counts were stale (common.db.refresh_statistics).
    responses = list(
        Response.objects.filter(statement_id__in=list(cid))
        .order_by("created_at", "pk")
        .values_list("participant_id", "statement_id", "vote", "created_at")
    )
    tally: dict[int, list[int]] = {s.pk: [0, 0] for s in statements}
    by_person: dict[int, dict[int, int]] = {pk: {} for pk in participants}
    for p, s_pk, vote, _cast in responses:
        by_person[p][cid[s_pk]] = vote
        if vote == 1:
            tally[s_pk][0] += 1
        elif vote == -1:
            tally[s_pk][1] += 1
    written: dict[int, int] = {}
    for st in statements:
        if st.author_id is not None:
            written[st.author_id] = written.get(st.author_id, 0) + 1
    comments = _csv(
        [
            "timestamp",
            "datetime",
            "comment-id",
            "author-id",
            "agrees",
            "disagrees",
            "moderated",
            "comment-body",
        ],
        [
            [
                _ms(s.created_at),
                _when(s.created_at),
                cid[s.pk],
                pid[s.author_id] if s.author_id is not None else "",
                tally[s.pk][0],
                tally[s.pk][1],
                EXPORT_MODERATED[s.moderation],
                s.text,
            ]
            for s in statements
        ],
    )
    # Every vote cast, changes of mind included, oldest first, as Pol.is exports them (the
    # analysis, and import-polis, keep the latest of each participant on each statement).
    history = (
        Vote.objects.filter(statement_id__in=list(cid))
        .order_by("cast_at", "pk")
        .values_list("participant_id", "statement_id", "vote", "cast_at")
    )
    votes = _csv(
        ["timestamp", "datetime", "comment-id", "voter-id", "vote"],
        [[_ms(at), _when(at), cid[s], pid[p], vote] for p, s, vote, at in history],
    )
    rows: list[list[object]] = []
    for pk in participants:
        mine = by_person[pk]
        group = groups.get(pid[pk])
        rows.append(
            [
                pid[pk],
                "" if group is None else group,
                written.get(pk, 0),
                len(mine),
                sum(1 for v in mine.values() if v == 1),
                sum(1 for v in mine.values() if v == -1),
                *(mine.get(i, "") for i in range(len(statements))),
            ]
        )
    participants_votes = _csv(
        ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
        + [str(i) for i in range(len(statements))],
        rows,
    )
    voters = sum(1 for pk in participants if by_person[pk])
    summary = _csv(
        ["topic", rnd.question],
        [
            ["url", ""],
            ["views", len(participants)],
            ["voters", voters],
            ["voters-in-conv", voters],
            ["commenters", len(written)],
            ["comments", len(statements)],
            ["groups", len({g for g in groups.values() if g is not None})],
            ["conversation-description", ""],
        ],
    )
    return {
        "comments.csv": comments,
        "votes.csv": votes,
        "participants-votes.csv": participants_votes,
        "summary.csv": summary,
    }


def round_export_polis(*, actor: Any, round: StatementRound) -> bytes:
    """A ZIP of the round in Pol.is's own format (``export_files``), for facilitators, so the
    group can check its analysis in Pol.is's tools; the download is written to the log."""
    require(actor, round.journey, "manage")
    # The opinion groups are the round's kept analysis, the results page's own.
    result = cached_analysis(round)
    groups = {i: p["group"] for i, p in enumerate(result["participants"])}
    files = export_files(round, groups)
    buf = io.BytesIO()
    folder = f"statement-round-{round.pk}"
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(f"{folder}/{name}", text)
    audit(
        journey=round.journey,
        actor=actor,
        action="round_export_polis",
        obj=round,
        summary="Downloaded the round in Pol.is's format",
    )
    return buf.getvalue()
