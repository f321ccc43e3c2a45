"""Reads for trying things out: the pages' lists and the dashboard's figures."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

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


def trial_figures(journey: Journey, period: Period) -> dict[str, Any]:
    """Trials whose planned start falls in the period, by status; how many of those that
    started had a success measure written before starting; how many of those that ended have
    a decision recorded; results and what followed."""
    trials = list(
        Trial.objects.filter(journey=journey)
        .filter(period.q("starts_on"))
        .values("id", "status", "decision_id", "follow_up", "ended_on")
    )
    ids = [t["id"] for t in trials]
    before = set(
        SuccessMeasure.objects.filter(trial_id__in=ids, added_after_start=False).values_list(
            "trial_id", flat=True
        )
    )
    results: Counter[str] = Counter(
        SuccessMeasure.objects.filter(
            trial_id__in=ids, removed_on__isnull=True, trial__status__in=vocab.ENDED
        ).values_list("result", flat=True)
    )
    moved = MeasureChange.objects.filter(measure__trial_id__in=ids, after_start=True).count()
    feedback = (
        Trial.feedback.through.objects.filter(trial_id__in=ids)
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


def outcome_figures(journey: Journey, period: Period) -> dict[str, Any]:
    """Expected outcomes set in the period, how they turned out, and by whom they were
    proposed (their side on the day they were set)."""
    rows = [
        dict(r)
        for r in ExpectedOutcome.objects.filter(journey=journey)
        .filter(period.q("set_on"))
        .values("verdict", "proposer_side", "ending_id")
    ]
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
    journey: Journey, *, older_than_days: int, today: datetime.date
) -> list[Trial]:
    """Trials that finished or stopped more than ``older_than_days`` days ago with no decision."""
    cutoff = today - datetime.timedelta(days=older_than_days)
    return list(
        Trial.objects.filter(
            journey=journey,
            status__in=vocab.ENDED,
            decision__isnull=True,
            ended_on__lt=cutoff,
        ).order_by("ended_on", "id")
    )


def endings_none_achieved(journey: Journey, period: Period) -> list[dict[str, Any]]:
    """End-of-phase reviews held in the period at which outcomes were reviewed and none was
    achieved (too early to tell does not count as reviewed here)."""
    rows = (
        ExpectedOutcome.objects.filter(journey=journey, ending__isnull=False)
        .filter(period.q("ending__held_on"))
        .exclude(verdict=vocab.TOO_EARLY)
        .values("ending_id", "ending__title", "ending__held_on", "verdict")
    )
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


def outcome_count(journey: Journey) -> int:
    return ExpectedOutcome.objects.filter(journey=journey).count()
