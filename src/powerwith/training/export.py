"""The training part of the journey's export: sessions, who took part, goals, before and after.

People are codes (``exports.person_ids``). The before and after figures are the dashboard's, so a
statement with fewer than 5 answers in a round stays empty here too; single anonymous answers
are never exported (they are in reflection's own tables, under the same rules).
"""

from __future__ import annotations

from typing import Any

from powerwith.exports import person_ids
from powerwith.journeys.models import Journey

from . import selectors
from .models import Trainee, TrainingGoal

Row = dict[str, Any]

DESCRIPTIONS: dict[str, str] = {
    "training_sessions": (
        "Training sessions: what, when, how long, who ran it (a person's code, or who they are "
        "when not in the register), and the reflection rounds that asked the same questions "
        "before and after (their ids are in reflection_rounds)."
    ),
    "training_people": "Who was booked on each session and whether they came.",
    "training_goals": (
        "What each person wanted to get out of a session, in their own words, and whether it "
        "was met, partly met or not met when revisited."
    ),
    "training_before_after": (
        "For each statement asked before and after a session: the number of answers on the "
        "scale, the average from 1 to 5, the answers at each point and the change in the "
        "average. Empty where fewer than 5 people answered, or while an anonymous round is "
        "still open."
    ),
}


def _side(prefix: str, f: dict[str, Any]) -> Row:
    counts = f["counts"] or [None] * 5
    return {
        f"{prefix}_status": f["status"],
        f"{prefix}_answers": f["answers"],
        f"{prefix}_mean": f["mean"],
        **{f"{prefix}_at_{point}": counts[point - 1] for point in range(1, 6)},
        f"{prefix}_dont_know": f["dont_know"],
    }


def tables(journey: Journey) -> dict[str, list[Row]]:
    people = person_ids(journey)
    sessions = list(selectors.sessions_for(journey).order_by("held_on", "id"))
    figures = selectors.session_figures(sessions)
    out: dict[str, list[Row]] = {}
    out["training_sessions"] = [
        {
            "session_id": s.pk,
            "title": s.title,
            "held_on": s.held_on,
            "hours": float(s.hours) if s.hours is not None else None,
            "led_by_person_id": people.get(s.led_by_id) if s.led_by_id else None,
            "trainer": s.trainer,
            "about": s.about,
            "question_bank": s.bank.key if s.bank else None,
            "question_bank_version": s.bank.version if s.bank else None,
            "anonymous": s.anonymous if s.before_round_id else None,
            "before_round_id": s.before_round_id,
            "after_round_id": s.after_round_id,
        }
        for s in sessions
    ]
    out["training_people"] = [
        {"session_id": t.session_id, "person_id": people.get(t.person_id), "came": t.came}
        for t in Trainee.objects.filter(session__journey=journey).order_by("session_id", "id")
    ]
    out["training_goals"] = [
        {
            "session_id": g.trainee.session_id,
            "person_id": people.get(g.trainee.person_id),
            "goal": g.text,
            "set_on": g.set_on,
            "outcome": g.outcome,
            "in_their_words": g.outcome_note,
            "revisited_on": g.reviewed_on,
        }
        for g in TrainingGoal.objects.filter(trainee__session__journey=journey)
        .select_related("trainee")
        .order_by("trainee__session_id", "set_on", "id")
    ]
    out["training_before_after"] = [
        {
            "session_id": s["id"],
            "question": q["question"],
            "question_version": q["question_version"],
            "text": q["text"],
            **_side("before", q["before"]),
            **_side("after", q["after"]),
            "change": q["change"],
        }
        for s in figures
        for q in s["questions"]
    ]
    return out
