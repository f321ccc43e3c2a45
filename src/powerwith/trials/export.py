"""The trying-things-out part of a journey's export (see ``powerwith.exports``): trials, their
success measures and every change to them, the feedback linked to them, and the expected
outcomes with how each turned out. People are codes (P001...), accounts too (A01...)."""

from __future__ import annotations

from powerwith.exports import account_ids, person_ids
from powerwith.journeys.models import Journey

from . import vocab
from .models import ExpectedOutcome, MeasureChange, SuccessMeasure, Trial, TrialFeedback

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "trials": "Each trial of a change: what was tried, where, its planned and actual dates, its "
    "status (planned, running, finished, stopped early with the reason), what was learned, what "
    "the group decided to do next (adopt, adapt, drop, try again) and the id of the decision "
    "in decisions.csv that followed.",
    "trial_measures": "What would count as success for each trial, with its target, whether it "
    "was written after the trial started, when it was removed if it was, and the result with "
    "what was seen.",
    "trial_measure_history": "Every change to a success measure, oldest first: added, changed "
    "or removed, the words before and after, whether the trial had started, and the reason. "
    "So nobody can move the goalposts without it showing.",
    "trial_feedback": "Contributions (by id, as in contributions.csv) linked to a trial as "
    "feedback on it.",
    "expected_outcomes": "The outcomes the group expected, for whom and by when, who proposed "
    "each (by code) and their role and side on the day; how each turned out when reviewed "
    "(achieved, partly, not achieved, too early to tell), at which end-of-phase review, and the "
    "evidence: ids of contributions, decisions and trials.",
}


def tables(journey: Journey) -> dict[str, list[Row]]:
    people = person_ids(journey)
    accounts = account_ids(journey)
    trials = list(Trial.objects.filter(journey=journey).order_by("pk"))
    trial_rows: list[Row] = [
        {
            "trial_id": t.pk,
            "what": t.title,
            "change": t.description,
            "where": t.where,
            "planned_start": t.starts_on,
            "planned_end": t.ends_on,
            "status": t.status,
            "status_label": vocab.STATUSES.label(t.status),
            "started_on": t.started_on,
            "ended_on": t.ended_on,
            "stop_reason": t.stop_reason,
            "learned": t.learned,
            "follow_up": t.follow_up,
            "decision_id": t.decision_id,
            "recorded_by": accounts.get(t.created_by_id or 0, ""),
        }
        for t in trials
    ]
    measures: list[Row] = [
        {
            "measure_id": m.pk,
            "trial_id": m.trial_id,
            "success_measure": m.text,
            "target": m.target,
            "added_on": m.added_on,
            "added_after_start": m.added_after_start,
            "removed_on": m.removed_on,
            "result": m.result,
            "what_was_seen": m.seen,
        }
        for m in SuccessMeasure.objects.filter(trial__journey=journey).order_by("pk")
    ]
    history: list[Row] = [
        {
            "measure_id": h.measure_id,
            "trial_id": h.measure.trial_id,
            "change": h.kind,
            "on": h.on,
            "words_before": h.text_before,
            "target_before": h.target_before,
            "words_after": h.text_after,
            "target_after": h.target_after,
            "after_start": h.after_start,
            "reason": h.reason,
            "by": accounts.get(h.by_id or 0, ""),
        }
        for h in MeasureChange.objects.filter(measure__trial__journey=journey)
        .select_related("measure")
        .order_by("at", "pk")
    ]
    feedback: list[Row] = [
        {"trial_id": f.trial_id, "contribution_id": f.contribution_id}
        for f in TrialFeedback.objects.filter(trial__journey=journey).order_by("pk")
    ]
    outcomes: list[Row] = [
        {
            "outcome_id": o.pk,
            "what": o.what,
            "for_whom": o.for_whom,
            "by_when": o.by_when,
            "stage": o.stage,
            "agreed_on": o.set_on,
            "proposed_by": people.get(o.proposed_by_id or 0, ""),
            "proposer_role": o.proposer_role,
            "proposer_side": o.proposer_side,
            "verdict": o.verdict,
            "reviewed_on": o.reviewed_on,
            "review_id": o.ending_id,
            "evidence": o.evidence,
            "contribution_ids": "; ".join(
                str(pk) for pk in sorted(c.pk for c in o.evidence_contributions.all())
            ),
            "decision_ids": "; ".join(
                str(pk) for pk in sorted(d.pk for d in o.evidence_decisions.all())
            ),
            "trial_ids": "; ".join(str(pk) for pk in sorted(t.pk for t in o.evidence_trials.all())),
        }
        for o in ExpectedOutcome.objects.filter(journey=journey)
        .prefetch_related("evidence_contributions", "evidence_decisions", "evidence_trials")
        .order_by("pk")
    ]
    return {
        "trials": trial_rows,
        "trial_measures": measures,
        "trial_measure_history": history,
        "trial_feedback": feedback,
        "expected_outcomes": outcomes,
    }
