"""Every write of trying things out: trials, their success measures (each change kept), the
feedback gathered on them, their result and what followed; expected outcomes and their review."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.dates import long_date
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import Decision
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.people.services import role_on
from powerwith.reflection.models import Ending

from . import vocab
from .models import ExpectedOutcome, MeasureChange, SuccessMeasure, Trial, TrialFeedback


def _today() -> datetime.date:
    return timezone.localdate()


def _text(field: str, value: str, *, empty: str, longest: int) -> str:
    value = (value or "").strip()
    if not value:
        raise invalid(field, empty)
    if len(value) > longest:
        raise invalid(field, _("Keep it under %(n)s characters.") % {"n": longest})
    return value


def _not_before_start(journey: Journey, field: str, day: datetime.date) -> None:
    if journey.started_on and day < journey.started_on:
        raise invalid(
            field,
            _("This date must be on or after the journey started (%(day)s).")
            % {"day": long_date(journey.started_on)},
        )


def _check_dates(journey: Journey, starts_on: datetime.date, ends_on: datetime.date) -> None:
    _not_before_start(journey, "starts_on", starts_on)
    if ends_on < starts_on:
        raise invalid("ends_on", _("The planned end must be on or after the planned start."))


# ---------------------------------------------------------------------------------------------
# Trials


def _lock(trial: Trial) -> None:
    """Lock the trial's row and read its status again, so two taps cannot start it twice."""
    Trial.objects.select_for_update().filter(pk=trial.pk).exists()
    trial.refresh_from_db(fields=["status", "started_on", "ended_on", "stop_reason"])


@transaction.atomic
def trial_create(
    *,
    actor: Any,
    journey: Journey,
    title: str,
    where: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    description: str = "",
    measures: Sequence[tuple[str, str]] = (),
) -> Trial:
    """Plan a trial of a change: what is tried, where, from and to which dates, and what would
    count as success (``measures``: pairs of a measure and its target, which may be empty)."""
    require(actor, journey, "record")
    title = _text(
        "title",
        title,
        empty=_("Say what is being tried, such as “A new discharge leaflet”."),
        longest=200,
    )
    where = _text(
        "where", where, empty=_("Say where it is being tried, such as “Ward 4”."), longest=200
    )
    _check_dates(journey, starts_on, ends_on)
    trial = Trial.objects.create(
        journey=journey,
        title=title,
        where=where,
        starts_on=starts_on,
        ends_on=ends_on,
        description=(description or "").strip(),
        created_by=user_or_none(actor),
    )
    audit(journey=journey, actor=actor, action="trial_create", obj=trial, summary=title)
    for text, target in measures:
        if (text or "").strip():
            measure_add(actor=actor, trial=trial, text=text, target=target)
    return trial


@transaction.atomic
def trial_update(
    *,
    actor: Any,
    trial: Trial,
    title: str,
    where: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    description: str = "",
) -> Trial:
    """Change what a trial is, where, and its planned dates (its measures change on their own
    page, so that every change to them is kept)."""
    journey = trial.journey
    require(actor, journey, "record")
    trial.title = _text(
        "title",
        title,
        empty=_("Say what is being tried, such as “A new discharge leaflet”."),
        longest=200,
    )
    trial.where = _text(
        "where", where, empty=_("Say where it is being tried, such as “Ward 4”."), longest=200
    )
    _check_dates(journey, starts_on, ends_on)
    trial.starts_on, trial.ends_on = starts_on, ends_on
    trial.description = (description or "").strip()
    trial.save()
    audit(journey=journey, actor=actor, action="trial_update", obj=trial, summary=trial.title)
    return trial


@transaction.atomic
def trial_start(*, actor: Any, trial: Trial, on: datetime.date | None = None) -> Trial:
    """The trial starts. From now on, a change to its success measures needs a reason."""
    journey = trial.journey
    require(actor, journey, "record")
    _lock(trial)
    if trial.status != vocab.PLANNED:
        raise invalid(None, _("This trial has already started."))
    on = on or _today()
    _not_before_start(journey, "on", on)
    if on > _today():
        raise invalid("on", _("The start date cannot be in the future."))
    trial.status = vocab.RUNNING
    trial.started_on = on
    trial.save(update_fields=["status", "started_on", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="trial_start",
        obj=trial,
        summary=f"{trial.title}: started {on.isoformat()}",
    )
    return trial


@transaction.atomic
def trial_end(
    *,
    actor: Any,
    trial: Trial,
    on: datetime.date | None = None,
    stopped_early: bool = False,
    reason: str = "",
) -> Trial:
    """The trial finishes, or stops early (with the reason why)."""
    journey = trial.journey
    require(actor, journey, "record")
    _lock(trial)
    if trial.status != vocab.RUNNING:
        raise invalid(None, _("Only a trial that is running can finish or stop."))
    on = on or _today()
    assert trial.started_on is not None
    if on < trial.started_on:
        raise invalid(
            "on",
            _("The end must be on or after the day it started (%(day)s).")
            % {"day": long_date(trial.started_on)},
        )
    if on > _today():
        raise invalid("on", _("The end date cannot be in the future."))
    reason = (reason or "").strip()
    if stopped_early and not reason:
        raise invalid("reason", _("Say why the trial stopped early."))
    trial.status = vocab.STOPPED if stopped_early else vocab.FINISHED
    trial.ended_on = on
    trial.stop_reason = reason if stopped_early else ""
    trial.save(update_fields=["status", "ended_on", "stop_reason", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="trial_stop" if stopped_early else "trial_finish",
        obj=trial,
        summary=f"{trial.title}: {vocab.STATUSES.label(trial.status)} {on.isoformat()}",
    )
    return trial


@transaction.atomic
def trial_record_result(
    *,
    actor: Any,
    trial: Trial,
    results: Mapping[int, tuple[str, str]],
    learned: str,
    follow_up: str = "",
    decision: Decision | None = None,
) -> Trial:
    """What happened against each success measure (``results``: measure id -> (result, what
    was seen)), what was learned, and what the group decided to do next (``follow_up``, and
    the decision in the decision log that followed)."""
    journey = trial.journey
    require(actor, journey, "record")
    if not trial.has_ended:
        raise invalid(None, _("Record the result once the trial has finished or stopped."))
    measures = {m.pk: m for m in trial.measures.filter(removed_on__isnull=True)}
    for pk, (result, seen) in results.items():
        if pk not in measures:
            raise invalid(None, _("Choose a success measure of this trial."))
        if result and result not in vocab.RESULTS:
            raise invalid(f"result_{pk}", _("Choose a result from the list."))
        if (seen or "").strip() and not result:
            raise invalid(f"result_{pk}", _("Choose a result for what you saw."))
    if follow_up and follow_up not in vocab.FOLLOW_UPS:
        raise invalid("follow_up", _("Choose what happens next from the list."))
    if decision is not None and decision.journey_id != journey.pk:
        raise invalid("decision", _("Choose a decision of this journey."))
    if decision is not None and not follow_up:
        raise invalid("follow_up", _("Say what the decision was: adopt, adapt, drop or try again."))
    for pk, (result, seen) in results.items():
        m = measures[pk]
        m.result, m.seen = result, (seen or "").strip()
        m.save(update_fields=["result", "seen"])
    trial.learned = (learned or "").strip()
    trial.follow_up = follow_up
    trial.decision = decision
    trial.save(update_fields=["learned", "follow_up", "decision", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="trial_result",
        obj=trial,
        summary=f"{trial.title}: {vocab.FOLLOW_UPS.label(follow_up) if follow_up else '-'}",
    )
    return trial


# ---------------------------------------------------------------------------------------------
# Success measures: every change is kept


def _measure_checks(trial: Trial, reason: str) -> tuple[bool, str]:
    if trial.has_ended:
        raise invalid(None, _("This trial has ended: its success measures can no longer change."))
    after_start = trial.status == vocab.RUNNING
    reason = (reason or "").strip()
    if after_start and not reason:
        raise invalid(
            "reason",
            _(
                "The trial has started: say why this success measure is changing, so that "
                "everyone can see the goalposts moved and why."
            ),
        )
    return after_start, reason


@transaction.atomic
def measure_add(
    *,
    actor: Any,
    trial: Trial,
    text: str,
    target: str = "",
    reason: str = "",
    on: datetime.date | None = None,
) -> SuccessMeasure:
    """Add what would count as success. Once the trial has started this needs a reason; the
    measure is then counted as set after the start."""
    journey = trial.journey
    require(actor, journey, "record")
    after_start, reason = _measure_checks(trial, reason)
    text = _text(
        "text",
        text,
        empty=_("Say what would count as success, such as “Patients understand their medicines”."),
        longest=300,
    )
    target = (target or "").strip()
    if len(target) > 200:
        raise invalid("target", _("Keep it under %(n)s characters.") % {"n": 200})
    on = on or _today()
    measure = SuccessMeasure.objects.create(
        trial=trial, text=text, target=target, added_on=on, added_after_start=after_start
    )
    MeasureChange.objects.create(
        measure=measure,
        kind="added",
        text_after=text,
        target_after=target,
        after_start=after_start,
        reason=reason,
        by=user_or_none(actor),
        on=on,
    )
    audit(journey=journey, actor=actor, action="measure_add", obj=measure, summary=text)
    return measure


@transaction.atomic
def measure_change(
    *,
    actor: Any,
    measure: SuccessMeasure,
    text: str,
    target: str = "",
    reason: str = "",
    on: datetime.date | None = None,
) -> SuccessMeasure:
    """Reword a success measure or its target, keeping what it said before."""
    trial = measure.trial
    journey = trial.journey
    require(actor, journey, "record")
    if measure.removed_on is not None:
        raise invalid(None, _("This success measure was removed."))
    after_start, reason = _measure_checks(trial, reason)
    text = _text("text", text, empty=_("Say what would count as success."), longest=300)
    target = (target or "").strip()
    if len(target) > 200:
        raise invalid("target", _("Keep it under %(n)s characters.") % {"n": 200})
    if text == measure.text and target == measure.target:
        raise invalid("text", _("Nothing has changed."))
    on = on or _today()
    MeasureChange.objects.create(
        measure=measure,
        kind="changed",
        text_before=measure.text,
        target_before=measure.target,
        text_after=text,
        target_after=target,
        after_start=after_start,
        reason=reason,
        by=user_or_none(actor),
        on=on,
    )
    measure.text, measure.target = text, target
    measure.save(update_fields=["text", "target"])
    audit(journey=journey, actor=actor, action="measure_change", obj=measure, summary=text)
    return measure


@transaction.atomic
def measure_remove(
    *, actor: Any, measure: SuccessMeasure, reason: str = "", on: datetime.date | None = None
) -> SuccessMeasure:
    """Take a success measure away. It stays in the trial's history with the reason."""
    trial = measure.trial
    journey = trial.journey
    require(actor, journey, "record")
    if measure.removed_on is not None:
        raise invalid(None, _("This success measure was already removed."))
    after_start, reason = _measure_checks(trial, reason)
    on = on or _today()
    MeasureChange.objects.create(
        measure=measure,
        kind="removed",
        text_before=measure.text,
        target_before=measure.target,
        after_start=after_start,
        reason=reason,
        by=user_or_none(actor),
        on=on,
    )
    measure.removed_on = on
    measure.save(update_fields=["removed_on"])
    audit(journey=journey, actor=actor, action="measure_remove", obj=measure, summary=measure.text)
    return measure


# ---------------------------------------------------------------------------------------------
# Feedback: contributions linked to a trial


@transaction.atomic
def feedback_link(
    *, actor: Any, trial: Trial, contributions: Sequence[Contribution]
) -> list[TrialFeedback]:
    """Link contributions already in the record to a trial as feedback on it."""
    journey = trial.journey
    require(actor, journey, "record")
    if not contributions:
        raise invalid("contributions", _("Choose at least one contribution."))
    made = []
    for c in contributions:
        if c.journey_id != journey.pk:
            raise invalid("contributions", _("Choose contributions from this journey."))
        link, created = TrialFeedback.objects.get_or_create(
            trial=trial, contribution=c, defaults={"linked_by": user_or_none(actor)}
        )
        if created:
            made.append(link)
    audit(
        journey=journey,
        actor=actor,
        action="trial_feedback_link",
        obj=trial,
        summary=f"{trial.title}: {len(made)} linked",
    )
    return made


@transaction.atomic
def feedback_unlink(*, actor: Any, trial: Trial, contribution: Contribution) -> None:
    """Take a contribution off a trial's feedback (the contribution itself stays)."""
    journey = trial.journey
    require(actor, journey, "record")
    deleted, _n = TrialFeedback.objects.filter(trial=trial, contribution=contribution).delete()
    if not deleted:
        raise invalid(None, _("That contribution is not linked to this trial."))
    audit(
        journey=journey, actor=actor, action="trial_feedback_unlink", obj=trial, summary=trial.title
    )


@transaction.atomic
def feedback_raise(*, actor: Any, trial: Trial, **contribution: Any) -> Contribution:
    """Record a new contribution (whose words, how it reached us, provenance: as any other) and
    link it to the trial as feedback, in one transaction."""
    made = contribution_services.contribution_create(
        actor=actor, journey=trial.journey, **contribution
    )
    feedback_link(actor=actor, trial=trial, contributions=[made])
    return made


# ---------------------------------------------------------------------------------------------
# Expected outcomes


@transaction.atomic
def outcome_create(
    *,
    actor: Any,
    journey: Journey,
    what: str,
    for_whom: str,
    by_when: datetime.date | None = None,
    stage: str = "",
    set_on: datetime.date | None = None,
    proposed_by: Person | None = None,
) -> ExpectedOutcome:
    """Record an outcome the group expects, for whom and by when, with who proposed it (their
    role and side on the day are kept)."""
    require(actor, journey, "record")
    what = _text(
        "what",
        what,
        empty=_("Say what you expect to change, such as “Fewer people readmitted within a month”."),
        longest=2000,
    )
    for_whom = _text(
        "for_whom",
        for_whom,
        empty=_("Say who it is for, such as “patients going home”."),
        longest=200,
    )
    if stage and stage not in journey_vocab.STAGES:
        raise invalid("stage", _("Choose a stage from the list, or leave it empty."))
    set_on = set_on or _today()
    if set_on > _today():
        raise invalid("set_on", _("The date it was set cannot be in the future."))
    if by_when is not None and by_when < set_on:
        raise invalid("by_when", _("“By when” must be on or after the day it was set."))
    if proposed_by is not None and proposed_by.journey_id != journey.pk:
        raise invalid("proposed_by", _("Choose a person from this journey."))
    role, side = role_on(proposed_by, set_on) if proposed_by is not None else ("", "")
    outcome = ExpectedOutcome.objects.create(
        journey=journey,
        what=what,
        for_whom=for_whom,
        by_when=by_when,
        stage=stage,
        set_on=set_on,
        proposed_by=proposed_by,
        proposer_role=role,
        proposer_side=side,
        recorded_by=user_or_none(actor),
    )
    audit(journey=journey, actor=actor, action="outcome_create", obj=outcome, summary=what[:200])
    return outcome


@transaction.atomic
def outcome_review(
    *,
    actor: Any,
    outcome: ExpectedOutcome,
    verdict: str,
    reviewed_on: datetime.date | None = None,
    ending: Ending | None = None,
    evidence: str = "",
    contributions: Sequence[Contribution] = (),
    decisions: Sequence[Decision] = (),
    trials: Sequence[Trial] = (),
) -> ExpectedOutcome:
    """Say how an expected outcome turned out, at an end-of-phase review (``ending``) or at
    the journey's end, with the evidence in the record. A later review replaces it."""
    journey = outcome.journey
    require(actor, journey, "record")
    if verdict not in vocab.VERDICTS:
        raise invalid("verdict", _("Choose how it turned out."))
    if ending is not None:
        if ending.journey_id != journey.pk:
            raise invalid("ending", _("Choose a review of this journey."))
        reviewed_on = reviewed_on or ending.held_on
    reviewed_on = reviewed_on or _today()
    if reviewed_on < outcome.set_on:
        raise invalid(
            "reviewed_on",
            _("The review must be on or after the day the outcome was set (%(day)s).")
            % {"day": long_date(outcome.set_on)},
        )
    if reviewed_on > _today():
        raise invalid("reviewed_on", _("The review date cannot be in the future."))
    for field, items in (
        ("contributions", contributions),
        ("decisions", decisions),
        ("trials", trials),
    ):
        if any(x.journey_id != journey.pk for x in items):
            raise invalid(field, _("Choose evidence from this journey."))
    outcome.verdict = verdict
    outcome.reviewed_on = reviewed_on
    outcome.ending = ending
    outcome.evidence = (evidence or "").strip()
    outcome.reviewed_by = user_or_none(actor)
    outcome.save()
    outcome.evidence_contributions.set(contributions)
    outcome.evidence_decisions.set(decisions)
    outcome.evidence_trials.set(trials)
    audit(
        journey=journey,
        actor=actor,
        action="outcome_review",
        obj=outcome,
        summary=f"{outcome.what[:150]}: {vocab.VERDICTS.label(verdict)}",
    )
    return outcome
