"""Reads for training: sessions with their people and goals, and the before and after figures.

**Before and after** (docs/insights.md, "## training"). For each statement to rate in the
session's bank, in the bank's order, the answers in the before round and in the after round are
counted separately, as groups: nothing pairs one person's before answer with their after answer
(an anonymous round could not, and a named one is not treated differently, so both read alike).
For one round and statement: ``counts`` are the answers at 1..5 (1 = strongly disagree,
5 = strongly agree), ``answers`` their sum, ``dont_know`` the "don't know" answers (left out of
the mean), ``mean`` = sum(point × count) / answers, to 3 places. Fewer than 5 answers on the
scale: ``answers``, ``mean``, ``counts`` and ``dont_know`` are all null (``status``
``too_few``). An anonymous round counts only once it is closed (``status`` ``waiting`` until
then), as everywhere in reflection. ``change`` = after mean − before mean (from the unrounded
means, then to 3 places), null unless both are shown.

**Goals.** Every goal of every person on the session. ``reviewed`` = goals revisited (an outcome
recorded); ``met_share`` = met / reviewed and ``met_or_partly_share`` = (met + partly) /
reviewed, to 3 places, null when none is revisited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from powerwith.common.privacy import min_group
from powerwith.insights.period import Period
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.reflection import vocab as reflection_vocab
from powerwith.reflection.models import BankItem, Round
from powerwith.reflection.selectors import rating_rows

from . import vocab
from .models import Trainee, TrainingSession

SHOWN = "shown"
TOO_FEW = "too_few"
WAITING = "waiting"
NOT_ASKED = "not_asked"


def sessions_for(journey: Journey, period: Period | None = None) -> QuerySet[TrainingSession]:
    qs = TrainingSession.objects.filter(journey=journey)
    if period is not None:
        qs = qs.filter(period.q("held_on"))
    return qs.select_related("led_by", "bank", "before_round", "after_round").annotate(
        booked=Count("trainees", distinct=True),
        came_n=Count("trainees", filter=Q(trainees__came=True), distinct=True),
    )


def trainees_for(session: TrainingSession) -> list[Trainee]:
    return list(
        Trainee.objects.filter(session=session)
        .select_related("person")
        .prefetch_related("goals")
        .order_by("person__name", "id")
    )


def people_not_on(session: TrainingSession) -> list[Person]:
    taken = Trainee.objects.filter(session=session).values("person_id")
    return list(
        Person.objects.filter(journey=session.journey).exclude(pk__in=taken).order_by("name", "id")
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def goal_figures(counts: dict[str, int]) -> dict[str, Any]:
    """Goals set and revisited, from counts by outcome ("" = not revisited yet)."""
    met, partly, not_met = (counts.get(c, 0) for c in vocab.OUTCOMES.codes)
    reviewed = met + partly + not_met
    return {
        "set": reviewed + counts.get("", 0),
        "reviewed": reviewed,
        "met": met,
        "partly": partly,
        "not_met": not_met,
        "met_share": _share(met, reviewed),
        "met_or_partly_share": _share(met + partly, reviewed),
    }


def round_figure(rnd: Round | None, counts: list[int], dont_know: int) -> dict[str, Any]:
    """One round's answers to one statement (see the module's docstring)."""
    empty = {"answers": None, "mean": None, "counts": None, "dont_know": None}
    if rnd is None:
        return {"status": NOT_ASKED, **empty}
    if rnd.anonymous and rnd.is_open:
        return {"status": WAITING, **empty}
    rated = sum(counts)
    if rated < min_group():
        return {"status": TOO_FEW, **empty}
    raw = sum(point * c for point, c in enumerate(counts, start=1)) / rated
    return {
        "status": SHOWN,
        "answers": rated,
        "mean": round(raw, 3),
        "counts": list(counts),
        "dont_know": dont_know,
        "raw_mean": raw,
    }


def _tallies(rounds: list[Round]) -> dict[tuple[int, int], tuple[list[int], int]]:
    """(round, question) -> (counts at 1..5, don't knows), for every rating answer."""
    out: dict[tuple[int, int], tuple[list[int], int]] = defaultdict(lambda: ([0] * 5, 0))
    for row in rating_rows(rounds) if rounds else []:
        key = (row["answer_set__round_id"], row["question_id"])
        counts, dk = out[key]
        if row["dont_know"]:
            dk += row["n"]
        elif row["rating"] in (1, 2, 3, 4, 5):
            counts[row["rating"] - 1] += row["n"]
        out[key] = (counts, dk)
    return out


@dataclass
class GoalReads:
    """What the trainees of some sessions and their goals add up to (``_goal_reads``)."""

    goal_counts: dict[int, dict[str, int]]  # session id -> outcome ("" = not revisited) -> n
    people_with_goals: dict[int, int]  # session id -> trainees with at least one goal
    came: set[int]  # the people who came to any of the sessions


def _goal_reads(ids: list[int]) -> GoalReads:
    """The sessions' trainees with their goals counted by outcome, in one read (one row per
    trainee and outcome: a few per person booked), added up here."""
    reads = GoalReads(defaultdict(dict), {}, set())
    with_goals: dict[int, set[int]] = defaultdict(set)
    rows = (
        Trainee.objects.filter(session_id__in=ids)
        .values("session_id", "id", "person_id", "came", "goals__outcome")
        .annotate(n=Count("goals"))
        .order_by()
    )
    for row in rows:
        session = row["session_id"]
        if row["came"]:
            reads.came.add(row["person_id"])
        if row["n"]:  # 0: a trainee without goals (the outcome is then null)
            counts = reads.goal_counts[session]
            counts[row["goals__outcome"]] = counts.get(row["goals__outcome"], 0) + row["n"]
            with_goals[session].add(row["id"])
    reads.people_with_goals = {session: len(t) for session, t in with_goals.items()}
    return reads


def session_figures(
    sessions: Iterable[TrainingSession], goals: GoalReads | None = None
) -> list[dict[str, Any]]:
    """Each session's figures, JSON-ready (``raw_mean`` removed by ``as_json``). ``goals``:
    the sessions' ``_goal_reads``, when the caller has them already."""
    sessions = list(sessions)
    if goals is None:
        goals = _goal_reads([s.pk for s in sessions])
    goal_counts, people_with_goals = goals.goal_counts, goals.people_with_goals
    bank_ids = {s.bank_id for s in sessions if s.bank_id}
    questions: dict[int, list[Any]] = defaultdict(list)
    for item in (
        BankItem.objects.filter(bank_id__in=bank_ids, question__kind=reflection_vocab.RATING)
        .select_related("question")
        .order_by("bank_id", "position")
    ):
        questions[item.bank_id].append(item.question)
    rounds = [r for s in sessions for r in (s.before_round, s.after_round) if r is not None]
    tallies = _tallies(rounds)
    out = []
    for s in sessions:
        rows = []
        for q in questions.get(s.bank_id or 0, []):
            before = round_figure(s.before_round, *tallies[(s.before_round_id or 0, q.pk)])
            after = round_figure(s.after_round, *tallies[(s.after_round_id or 0, q.pk)])
            change = (
                round(after["raw_mean"] - before["raw_mean"], 3)
                if before["status"] == SHOWN and after["status"] == SHOWN
                else None
            )
            before.pop("raw_mean", None)
            after.pop("raw_mean", None)
            rows.append(
                {
                    "question": q.key,
                    "question_version": q.version,
                    "text": q.text,
                    "before": before,
                    "after": after,
                    "change": change,
                }
            )
        out.append(
            {
                "id": s.pk,
                "title": s.title,
                "held_on": s.held_on.isoformat(),
                "ran_by": s.ran_by,
                "booked": s.booked,  # type: ignore[attr-defined]
                "came": s.came_n,  # type: ignore[attr-defined]
                "people_with_goals": people_with_goals.get(s.pk, 0),
                "goals": goal_figures(goal_counts[s.pk]),
                "bank": s.bank.key if s.bank else None,
                "bank_version": s.bank.version if s.bank else None,
                "anonymous": s.anonymous if s.before_round_id else None,
                "before_round_id": s.before_round_id,
                "after_round_id": s.after_round_id,
                "questions": rows,
            }
        )
    return out


def journey_figures(journey: Journey, period: Period) -> dict[str, Any]:
    """The training section of the insights document (docs/insights.md, "## training")."""
    sessions = list(sessions_for(journey, period))
    goals = _goal_reads([s.pk for s in sessions])
    per_session = session_figures(sessions, goals)
    totals: dict[str, int] = defaultdict(int)
    for s in per_session:
        g = s["goals"]
        totals["met"] += g["met"]
        totals["partly"] += g["partly"]
        totals["not_met"] += g["not_met"]
        totals[""] += g["set"] - g["reviewed"]
    people = len(goals.came)
    return {
        "sessions": len(sessions),
        "booked": sum(s["booked"] for s in per_session),
        "came": sum(s["came"] for s in per_session),
        "people": people,
        "with_questions": sum(1 for s in per_session if s["before_round_id"]),
        "with_after": sum(1 for s in per_session if s["after_round_id"]),
        "goals": goal_figures(dict(totals)),
        "by_session": per_session,
    }
