"""Reads for trying things out: the pages' lists and the dashboard's figures."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from powerwith.insights.maths import share
from powerwith.insights.period import Period
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab

from . import vocab
from .models import ExpectedOutcome, MeasureChange, SuccessMeasure, Trial


def trials_for(journey: Journey) -> QuerySet[Trial]:
    return (
        Trial.objects.filter(journey=journey)
        .select_related("decision")
        .annotate(
            feedback_count=Count("feedback_links", distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=SuccessMeasure.objects.filter(removed_on__isnull=True),
                to_attr="current_measures",
            )
        )
    )


def trial_detail(trial: Trial) -> dict[str, Any]:
    measures = list(trial.measures.all())
    history = list(
        MeasureChange.objects.filter(measure__trial=trial).select_related("by", "measure")
    )
    feedback = list(trial.feedback.select_related("raised_by").order_by("-raised_on", "-id"))
    return {
        "measures": [m for m in measures if m.removed_on is None],
        "removed_measures": [m for m in measures if m.removed_on is not None],
        "history": history,
        "moved_after_start": sum(1 for h in history if h.after_start),
        "feedback": feedback,
    }


def outcomes_for(journey: Journey) -> QuerySet[ExpectedOutcome]:
    return (
        ExpectedOutcome.objects.filter(journey=journey)
        .select_related("proposed_by", "ending")
        .prefetch_related("evidence_contributions", "evidence_decisions", "evidence_trials")
    )


# ---------------------------------------------------------------------------------------------
# Figures (docs/insights.md, "## trials")


def trial_rows(journey: Journey) -> list[dict[str, Any]]:
    """The journey's trials, newest planned start first: what the figures and the warning
    signs need of each, so that one read serves them all."""
    return [
        dict(t)
        for t in Trial.objects.filter(journey=journey).values(
            "id", "title", "starts_on", "status", "decision_id", "follow_up", "ended_on"
        )
    ]


def trial_figures(
    journey: Journey, period: Period, *, rows: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Trials whose planned start falls in the period, by status; how many of those that
    started had a success measure written before starting; how many of those that ended have
    a decision recorded; results and what followed. ``rows``: :func:`trial_rows`, when
    already read."""
    if rows is None:
        rows = trial_rows(journey)
    trials = [t for t in rows if period.contains(t["starts_on"])]
    status = {t["id"]: t["status"] for t in trials}
    # Each success measure of these trials once, with how many times it was changed after
    # its trial started.
    measures = list(
        SuccessMeasure.objects.filter(trial_id__in=list(status))
        .annotate(moved=Count("history", filter=Q(history__after_start=True)))
        .values_list("trial_id", "added_after_start", "removed_on", "result", "moved")
    )
    before = {trial_id for trial_id, after, _removed, _result, _moved in measures if not after}
    results: Counter[str] = Counter(
        result
        for trial_id, _after, removed_on, result, _moved in measures
        if removed_on is None and status[trial_id] in vocab.ENDED
    )
    moved = sum(n for *_rest, n in measures)
    feedback = (
        Trial.feedback.through.objects.filter(trial_id__in=list(status))
        .values("contribution_id")
        .distinct()
        .count()
    )
    by_status = Counter(t["status"] for t in trials)
    started = [t for t in trials if t["status"] in vocab.STARTED]
    ended = [t for t in trials if t["status"] in vocab.ENDED]
    with_before = sum(1 for t in started if t["id"] in before)
    with_decision = sum(1 for t in ended if t["decision_id"] is not None)
    follow = Counter(t["follow_up"] for t in ended if t["follow_up"])
    return {
        "total": len(trials),
        "by_status": {code: by_status.get(code, 0) for code in vocab.STATUSES.codes},
        "started": len(started),
        "with_measure_before_start": with_before,
        "measure_before_start_share": share(with_before, len(started)),
        "ended": len(ended),
        "ended_with_decision": with_decision,
        "ended_with_decision_share": share(with_decision, len(ended)),
        "measure_changes_after_start": moved,
        "results": {
            **{code: results.get(code, 0) for code in vocab.RESULTS.codes},
            "not_recorded": results.get("", 0),
        },
        "follow_ups": {code: follow.get(code, 0) for code in vocab.FOLLOW_UPS.codes},
        "feedback_contributions": feedback,
    }


def _verdicts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    verdicts = Counter(r["verdict"] for r in rows if r["verdict"])
    reviewed = sum(verdicts.values())
    judged = reviewed - verdicts.get(vocab.TOO_EARLY, 0)
    achieved = verdicts.get(vocab.ACHIEVED, 0)
    return {
        "expected": len(rows),
        "reviewed": reviewed,
        "judged": judged,
        "achieved": achieved,
        "achieved_share": share(achieved, judged),
    }


def outcome_rows(journey: Journey) -> list[dict[str, Any]]:
    """The journey's expected outcomes in the order they were set, with the end-of-phase
    review each was judged at: one read for the figures and the warning signs."""
    return [
        dict(r)
        for r in ExpectedOutcome.objects.filter(journey=journey).values(
            "verdict", "proposer_side", "set_on", "ending_id", "ending__title", "ending__held_on"
        )
    ]


def outcome_figures(
    journey: Journey, period: Period, *, rows: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Expected outcomes set in the period, how they turned out, and by whom they were
    proposed (their side on the day they were set). ``rows``: :func:`outcome_rows`, when
    already read."""
    if rows is None:
        rows = outcome_rows(journey)
    rows = [r for r in rows if period.contains(r["set_on"])]
    verdicts = Counter(r["verdict"] for r in rows if r["verdict"])
    overall = _verdicts(rows)
    partly = verdicts.get("partly", 0)
    by_side = {
        side: _verdicts([r for r in rows if r["proposer_side"] == side])
        for side in (people_vocab.LIVED, people_vocab.PROFESSIONAL, "")
    }
    return {
        **overall,
        "by_verdict": {code: verdicts.get(code, 0) for code in vocab.VERDICTS.codes},
        "achieved_or_partly_share": share(overall["achieved"] + partly, overall["judged"]),
        "not_reviewed": overall["expected"] - overall["reviewed"],
        "by_side": {
            "lived": by_side[people_vocab.LIVED],
            "professional": by_side[people_vocab.PROFESSIONAL],
            "group": by_side[""],
        },
    }


def ended_without_decision(
    trials: list[dict[str, Any]], *, older_than_days: int, today: datetime.date
) -> list[dict[str, Any]]:
    """Of ``trials`` (:func:`trial_rows`), those that finished or stopped more than
    ``older_than_days`` days ago with no decision, the earliest ended first."""
    cutoff = today - datetime.timedelta(days=older_than_days)
    return sorted(
        (
            t
            for t in trials
            if t["status"] in vocab.ENDED
            and t["decision_id"] is None
            and t["ended_on"] is not None
            and t["ended_on"] < cutoff
        ),
        key=lambda t: (t["ended_on"], t["id"]),
    )


def endings_none_achieved(outcomes: list[dict[str, Any]], period: Period) -> list[dict[str, Any]]:
    """End-of-phase reviews held in the period at which outcomes were reviewed and none was
    achieved (too early to tell does not count as reviewed here); ``outcomes``:
    :func:`outcome_rows`."""
    rows = [
        r
        for r in outcomes
        if r["ending_id"] is not None
        and period.contains(r["ending__held_on"])
        and r["verdict"] != vocab.TOO_EARLY
    ]
    endings: dict[int, dict[str, Any]] = {}
    for r in rows:
        e = endings.setdefault(
            r["ending_id"],
            {
                "id": r["ending_id"],
                "title": r["ending__title"],
                "held_on": r["ending__held_on"],
                "reviewed": 0,
                "achieved": 0,
            },
        )
        e["reviewed"] += 1
        e["achieved"] += r["verdict"] == vocab.ACHIEVED
    return sorted(
        (e for e in endings.values() if e["reviewed"] and not e["achieved"]),
        key=lambda e: (e["held_on"], e["id"]),
    )
