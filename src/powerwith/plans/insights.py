"""The "plan" section of the power dashboard and of ``powerwith insights --json``.

The journey's plan as it stood on the period's last day (or today): each stage with its
planned and actual dates, whether it was done and whether it was late, the current stage
(the first not done) and the next, and the gatherings held in the period in each stage.
docs/insights.md ("## plan") documents every key.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.gatherings.models import Gathering
from powerwith.insights.core import Ctx
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey

from . import selectors
from .models import StageGathering

KEY = "plan"
TITLE = gettext_noop("Our plan: where we are")  # translated where shown
TEMPLATE = "plans/_dashboard.html"

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {"stage_late": {"days": 14}}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "stage_late": {
        "stages": Shown(gettext_lazy("Stages late"), "groups"),
        "count": Shown(gettext_lazy("How many")),
        "most_days": Shown(gettext_lazy("Longest delay"), "days"),
    }
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "stage_late": {
        "days": ThresholdInfo(
            gettext_lazy("Days after a stage's planned end"),
            "days",
            gettext_lazy("Warn when a stage is not done this long after its planned end."),
            minimum=0,
        )
    }
}

WARNING_TITLES = {"stage_late": gettext_lazy("A stage of the plan is running late")}


def _as_of(period: Period) -> datetime.date:
    """The day the plan is read on: the period's last day, or today."""
    today = timezone.localdate()
    return min(period.end, today) if period.end else today


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """The plan's stages on the period's last day, with the gatherings held in the period."""
    as_of = _as_of(period)
    view = selectors.plan_view(journey, today=as_of, with_gatherings=False)
    held = Gathering.objects.filter(journey=journey).filter(period.q("held_on"))
    # The gatherings placed in each stage: looked up only when the plan has stages.
    per_stage = (
        dict(
            StageGathering.objects.filter(gathering__in=held)
            .values("stage_id")
            .annotate(n=Count("id"))
            .values_list("stage_id", "n")
        )
        if view.rows
        else {}
    )
    stages = [
        {
            "position": n,
            "name": r.stage.name,
            "planned_start": _iso(r.stage.planned_start),
            "planned_end": _iso(r.stage.planned_end),
            "started_on": _iso(
                r.stage.started_on if r.stage.started_on and r.stage.started_on <= as_of else None
            ),
            "ended_on": _iso(r.stage.ended_on if r.done else None),
            "done": r.done,
            "current": r.current,
            "late": r.late,
            "days_late": r.late_days,
            "gatherings": per_stage.get(r.stage.pk, 0),
        }
        for n, r in enumerate(view.rows, start=1)
    ]
    current = next((s for s in stages if s["current"]), None)
    following = (
        stages[current["position"]] if current and current["position"] < len(stages) else None
    )
    # The period's gatherings: the dashboard has read them already when it shares its reads.
    total_held = len(shared.gathering_rows) if shared is not None else held.count()
    in_stages = sum(s["gatherings"] for s in stages)
    return {
        "method": view.plan.method if view.plan else None,
        "as_of": as_of.isoformat(),
        "stages": stages,
        "total": len(stages),
        "done": sum(1 for s in stages if s["done"]),
        "late": sum(1 for s in stages if s["late"]),
        "current": (
            {
                k: current[k]
                for k in ("position", "name", "planned_start", "planned_end", "late", "days_late")
            }
            if current
            else None
        ),
        "next": (
            {k: following[k] for k in ("position", "name", "planned_start", "planned_end")}
            if following
            else None
        ),
        "gatherings_in_stages": in_stages,
        "gatherings_in_no_stage": total_held - in_stages,
    }


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """A stage not done more than ``days`` after its planned end."""
    th = thresholds["stage_late"]
    late = [s for s in data["stages"] if s["days_late"] > int(th["days"])]
    most = max((s["days_late"] for s in late), default=0)
    return [
        WarningSign(
            code="stage_late",
            title=str(WARNING_TITLES["stage_late"]),
            fired=bool(late),
            explanation=(
                ngettext(
                    "%(n)s stage is not done more than %(days)s days after its planned end: "
                    "%(stages)s.",
                    "%(n)s stages are not done more than %(days)s days after their planned end: "
                    "%(stages)s.",
                    len(late),
                )
                % {
                    "n": len(late),
                    "days": th["days"],
                    "stages": "; ".join(s["name"] for s in late),
                }
                if late
                else _("No stage is more than %(days)s days past its planned end.")
                % {"days": th["days"]}
            ),
            research=_(
                "Plans slip, and that is not a failure in itself. But a stage that quietly runs "
                "on can mean people are waiting for something that is not coming, or that the "
                "work has stalled where power sits."
            ),
            question=_(
                "What is holding this stage up, and does everyone know the dates have changed?"
            ),
            based_on=_("%(toolkit)s (activity 12, planning and sharing your journey); %(farr)s")
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={"stages": [s["name"] for s in late], "count": len(late), "most_days": most},
            thresholds=dict(th),
        )
    ]
