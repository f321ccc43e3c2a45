"""The "trying things out" section of the power dashboard and of ``powerwith insights --json``.

Trials of a change (by status; how many that started had a success measure written before
they started; how many that ended have a decision recorded) and the outcomes the group expected
at the start against what happened at the end (share achieved, by who proposed them).
Shares are proportions from 0 to 1, rounded to 3 places, None when there is nothing to divide
by. docs/insights.md ("## trials") documents every key.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.common.dates import long_date
from powerwith.insights.core import Ctx
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey

from . import selectors

KEY = "trials"
TITLE = gettext_noop("Trying things out, and what we expected")  # translated where shown
TEMPLATE = "trials/_dashboard.html"

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "trial_without_decision": {"days": 30},
    "no_expected_outcomes": {"days": 28},
    "ending_nothing_achieved": {"min_reviewed": 1},
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "trial_without_decision": {
        "trials": Shown(gettext_lazy("Trials that ended with no decision"), "groups"),
        "count": Shown(gettext_lazy("How many")),
    },
    "no_expected_outcomes": {
        "expected_outcomes": Shown(gettext_lazy("Expected outcomes recorded")),
        "started_on": Shown(gettext_lazy("The journey started"), "date"),
    },
    "ending_nothing_achieved": {
        "reviews": Shown(gettext_lazy("Reviews where nothing expected was achieved"), "groups"),
        "count": Shown(gettext_lazy("How many")),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "trial_without_decision": {
        "days": ThresholdInfo(
            gettext_lazy("Days after a trial ended"),
            "days",
            gettext_lazy("Warn when a trial ended longer ago than this with no decision."),
            minimum=0,
        )
    },
    "no_expected_outcomes": {
        "days": ThresholdInfo(
            gettext_lazy("Days after the journey started"),
            "days",
            gettext_lazy("Warn when the journey started longer ago than this."),
            minimum=0,
        )
    },
    "ending_nothing_achieved": {
        "min_reviewed": ThresholdInfo(
            gettext_lazy("Fewest outcomes reviewed at a review"),
            "count",
            gettext_lazy("Say nothing about a review with fewer than this."),
            minimum=1,
        )
    },
}

WARNING_TITLES = {
    "trial_without_decision": gettext_lazy("Trials ended and nothing was decided"),
    "no_expected_outcomes": gettext_lazy("Nobody has written down what we expect to change"),
    "ending_nothing_achieved": gettext_lazy("Nothing we expected was achieved"),
}


def _as_of(period: Period) -> datetime.date:
    """The day warning signs look from: the period's last day, or today."""
    today = timezone.localdate()
    return min(period.end, today) if period.end else today


def _rows(
    journey: Journey, shared: Ctx | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The journey's trials and expected outcomes (few per journey), read once per dashboard
    computation: the figures and the warning signs take what they need from them."""
    memo: dict[str, Any] = shared.memo if shared is not None else {}
    if "trials.rows" not in memo:
        memo["trials.rows"] = (selectors.trial_rows(journey), selectors.outcome_rows(journey))
    rows: tuple[list[dict[str, Any]], list[dict[str, Any]]] = memo["trials.rows"]
    return rows


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """Trials whose planned start is in the period, and expected outcomes set in it."""
    trials, outcomes = _rows(journey, shared)
    return {
        "trials": selectors.trial_figures(journey, period, rows=trials),
        "outcomes": selectors.outcome_figures(journey, period, rows=outcomes),
    }


# The organisation's view (insights/organisation.py): all time, as ``compute`` over all time
# gives ``trials.total/started/with_measure_before_start/ended/ended_with_decision`` and their
# shares, and ``outcomes.expected/judged/achieved/achieved_share``.
ORG_COUNTS = (
    "trials",
    "started",
    "with_measure_before_start",
    "ended",
    "ended_with_decision",
    "outcomes_expected",
    "outcomes_judged",
    "outcomes_achieved",
)
ORG_PEOPLE: tuple[str, ...] = ()
ORG_SHARES = {
    "measure_before_start_share": ("with_measure_before_start", "started", "started"),
    "ended_with_decision_share": ("ended_with_decision", "ended", "ended"),
    "outcomes_achieved_share": ("outcomes_achieved", "outcomes_judged", "outcomes_judged"),
}


def organisation_counts(ids: list[int], today: datetime.date) -> dict[int, dict[str, int]]:
    """Every journey's trials and expected outcomes in two grouped queries."""
    from django.db.models import Count, Exists, OuterRef, Q

    from . import vocab
    from .models import ExpectedOutcome, SuccessMeasure, Trial

    before = Exists(SuccessMeasure.objects.filter(trial_id=OuterRef("pk"), added_after_start=False))
    started = Q(status__in=vocab.STARTED)
    ended = Q(status__in=vocab.ENDED)
    out: dict[int, dict[str, int]] = {}
    for r in (
        Trial.objects.filter(journey_id__in=ids)
        .annotate(has_before=before)
        .values("journey_id")
        .annotate(
            n=Count("id"),
            started=Count("id", filter=started),
            with_before=Count("id", filter=started & Q(has_before=True)),
            ended=Count("id", filter=ended),
            decided=Count("id", filter=ended & Q(decision_id__isnull=False)),
        )
        .order_by()
    ):
        out.setdefault(r["journey_id"], {}).update(
            trials=r["n"],
            started=r["started"],
            with_measure_before_start=r["with_before"],
            ended=r["ended"],
            ended_with_decision=r["decided"],
        )
    judged = ~Q(verdict="") & ~Q(verdict=vocab.TOO_EARLY)
    for r in (
        ExpectedOutcome.objects.filter(journey_id__in=ids)
        .values("journey_id")
        .annotate(
            n=Count("id"),
            judged=Count("id", filter=judged),
            achieved=Count("id", filter=Q(verdict=vocab.ACHIEVED)),
        )
        .order_by()
    ):
        out.setdefault(r["journey_id"], {}).update(
            outcomes_expected=r["n"],
            outcomes_judged=r["judged"],
            outcomes_achieved=r["achieved"],
        )
    return out


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """Warning signs of trying things out, fired or not."""

    as_of = _as_of(period)
    trials, outcomes = _rows(journey, shared)
    out: list[WarningSign] = []

    th = thresholds["trial_without_decision"]
    stale = selectors.ended_without_decision(trials, older_than_days=int(th["days"]), today=as_of)
    out.append(
        WarningSign(
            code="trial_without_decision",
            title=str(WARNING_TITLES["trial_without_decision"]),
            fired=bool(stale),
            explanation=(
                ngettext(
                    "%(n)s trial ended more than %(days)s days ago and no decision about it "
                    "has been recorded.",
                    "%(n)s trials ended more than %(days)s days ago and no decision about them "
                    "has been recorded.",
                    len(stale),
                )
                % {"n": len(stale), "days": th["days"]}
                if stale
                else _(
                    "Every trial that ended more than %(days)s days ago has a decision recorded."
                )
                % {"days": th["days"]}
            ),
            research=_(
                "Trying a change is only worth it if the group then decides what to do with what "
                "it learned. Trials that end without a decision quietly become the new way of "
                "working, or quietly disappear."
            ),
            question=_("Who will bring each trial's result to the group, and when?"),
            based_on=_("%(farr)s (prototyping and testing changes)") % {"farr": FARR},
            evidence={"trials": [tr["title"] for tr in stale], "count": len(stale)},
            thresholds=dict(th),
        )
    )

    th = thresholds["no_expected_outcomes"]
    started = journey.started_on
    late = started is not None and (as_of - started).days > int(th["days"])
    total_ever = len(outcomes)  # every expected outcome, whatever the period
    out.append(
        WarningSign(
            code="no_expected_outcomes",
            title=str(WARNING_TITLES["no_expected_outcomes"]),
            fired=late and total_ever == 0,
            explanation=(
                _(
                    "The journey started on %(day)s and the group has not recorded what it "
                    "expects to change."
                )
                % {"day": long_date(started)}
                if late and total_ever == 0 and started is not None
                else ngettext(
                    "%(n)s expected outcome is recorded.",
                    "%(n)s expected outcomes are recorded.",
                    total_ever,
                )
                % {"n": total_ever}
            ),
            research=_(
                "Writing down at the start what everyone hopes will change, and for whom, lets "
                "the group check honestly at the end, and shows whose hopes shaped the work."
            ),
            question=_("What do we each expect to be different when this work ends?"),
            based_on=_("%(farr)s (outcomes and impact); %(toolkit)s (activity 10)")
            % {"farr": FARR, "toolkit": TOOLKIT},
            evidence={
                "expected_outcomes": total_ever,
                "started_on": started.isoformat() if started else None,
            },
            thresholds=dict(th),
        )
    )

    th = thresholds["ending_nothing_achieved"]
    endings = [
        e
        for e in selectors.endings_none_achieved(outcomes, period)
        if e["reviewed"] >= int(th["min_reviewed"])
    ]
    out.append(
        WarningSign(
            code="ending_nothing_achieved",
            title=str(WARNING_TITLES["ending_nothing_achieved"]),
            fired=bool(endings),
            explanation=(
                ngettext(
                    "At %(n)s end-of-phase review, none of the expected outcomes reviewed was "
                    "achieved: %(reviews)s.",
                    "At %(n)s end-of-phase reviews, none of the expected outcomes reviewed was "
                    "achieved: %(reviews)s.",
                    len(endings),
                )
                % {"n": len(endings), "reviews": "; ".join(e["title"] for e in endings)}
                if endings
                else _(
                    "At every end-of-phase review where outcomes were judged, at least one was "
                    "achieved."
                )
            ),
            research=_(
                "When nothing the group hoped for happens, people lose faith in taking part. "
                "It may be the hopes, the limits on what could change, or who held the power."
            ),
            question=_("Were our hopes out of reach, or did something stop them?"),
            based_on=_("%(farr)s (outcomes and impact; power)") % {"farr": FARR},
            evidence={"reviews": [e["title"] for e in endings], "count": len(endings)},
            thresholds=dict(th),
        )
    )
    return out
