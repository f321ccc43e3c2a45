"""The training section of the power dashboard and of ``powerwith insights --json``.

Sessions held in the period, who came, each person's goals and whether they were met, and
each session's before and after answers (``selectors``: the exact definitions). docs/insights.md
("## training") documents every key.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from powerwith.insights.core import Ctx
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey

from . import selectors, vocab

KEY = "training"
TITLE = gettext_noop("Training people can judge")  # translated where shown
TEMPLATE = "training/_dashboard.html"

TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "training_not_followed_up": {"days": 28, "min_sessions": 1},
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "training_not_followed_up": {
        "sessions": Shown(gettext_lazy("Sessions not followed up")),
        "goals_waiting": Shown(gettext_lazy("Goals not revisited")),
        "after_missing": Shown(gettext_lazy("Sessions with before questions but no after")),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "training_not_followed_up": {
        "days": ThresholdInfo(
            gettext_lazy("Days after the session"),
            "days",
            gettext_lazy("Warn when a session this many days ago is not followed up."),
            minimum=0,
        ),
        "min_sessions": ThresholdInfo(
            gettext_lazy("Sessions not followed up"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        ),
    },
}

WARNING_TITLES = {
    "training_not_followed_up": gettext_lazy("Training was not followed up"),
}


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    return selectors.journey_figures(journey, period)


# The organisation's view (insights/organisation.py): all time, as ``compute`` over all time
# gives ``sessions``, ``came``, ``people`` and ``goals.set/reviewed/met/met_share``.
ORG_COUNTS = ("sessions", "came", "people", "goals_set", "goals_reviewed", "goals_met")
ORG_PEOPLE = ("people",)
ORG_SHARES = {"goals_met_share": ("goals_met", "goals_reviewed", "goals_reviewed")}


def organisation_counts(ids: list[int], today: datetime.date) -> dict[int, dict[str, int]]:
    """Every journey's training counts in three grouped queries."""
    from django.db.models import Count, F, Q

    from .models import Trainee, TrainingGoal, TrainingSession

    out: dict[int, dict[str, int]] = {}
    for r in (
        TrainingSession.objects.filter(journey_id__in=ids)
        .values("journey_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        out.setdefault(r["journey_id"], {})["sessions"] = r["n"]
    for r in (
        Trainee.objects.filter(session__journey_id__in=ids, came=True)
        .values(j=F("session__journey_id"))
        .annotate(n=Count("id"), people=Count("person_id", distinct=True))
        .order_by()
    ):
        out.setdefault(r["j"], {}).update(came=r["n"], people=r["people"])
    reviewed = Q(outcome__in=vocab.OUTCOMES.codes)
    for r in (
        TrainingGoal.objects.filter(trainee__session__journey_id__in=ids)
        .values(j=F("trainee__session__journey_id"))
        .annotate(
            n=Count("id"),
            reviewed=Count("id", filter=reviewed),
            met=Count("id", filter=Q(outcome=vocab.MET)),
        )
        .order_by()
    ):
        out.setdefault(r["j"], {}).update(
            goals_set=r["n"], goals_reviewed=r["reviewed"], goals_met=r["met"]
        )
    return out


def _not_followed_up(data: dict[str, Any], days: int, today: datetime.date) -> dict[str, int]:
    sessions = goals = after = 0
    cutoff = today - datetime.timedelta(days=days)
    for s in data["by_session"]:
        if datetime.date.fromisoformat(s["held_on"]) > cutoff:
            continue
        waiting = s["goals"]["set"] - s["goals"]["reviewed"]
        missing = 1 if s["before_round_id"] and not s["after_round_id"] else 0
        if waiting or missing:
            sessions += 1
            goals += waiting
            after += missing
    return {"sessions": sessions, "goals_waiting": goals, "after_missing": after}


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """Training warning signs, fired or not."""
    code = "training_not_followed_up"
    th = thresholds[code]
    found = _not_followed_up(data, int(th["days"]), timezone.localdate())
    fired = found["sessions"] >= int(th["min_sessions"])
    return [
        WarningSign(
            code=code,
            title=str(WARNING_TITLES[code]),
            fired=fired,
            explanation=(
                _(
                    "Some sessions held more than %(days)s days ago have goals nobody went back "
                    "to, or questions asked before but not after, so nobody can judge what the "
                    "training did."
                )
                % {"days": th["days"]}
                if fired
                else _("Every session held a while ago has had its goals and questions revisited.")
            ),
            research=_(
                "People's own goals, set before and revisited after, show whether training gave "
                "them what they wanted, and in their terms."
            ),
            question=_("Who will sit down with each person and go back over their goals?"),
            based_on=_("%(toolkit)s (activity 1: what do you want to get out of this)")
            % {"toolkit": TOOLKIT},
            evidence=found,
            thresholds=dict(th),
        )
    ]
