"""The money section of the power dashboard and of ``powerwith insights --json``: budgets by who
holds the final say, the share of money spent on what the group itself decided (by the rung of
the decision that chose it), and the unpaid time staff give. docs/insights.md ("## budgets")
documents every key and warning sign, with worked examples.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.decisions.models import Decision
from powerwith.insights.maths import percent
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey

from . import selectors

KEY = "budgets"
TITLE = gettext_noop("Money and who decides how it is spent")  # translated where shown
TEMPLATE = "budgets/_dashboard.html"

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "group_decides_no_money": {"min_decisions": 3},
    "staff_unpaid_time_growing": {"months": 3, "growth": 0.25, "min_hours": 6},
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "group_decides_no_money": {
        "decisions": Shown(gettext_lazy("Decisions in the period")),
        "spending_pence": Shown(gettext_lazy("Money spent in the period"), "pence"),
        "group_decided_pence": Shown(gettext_lazy("Of which the group decided"), "pence"),
    },
    "staff_unpaid_time_growing": {
        "recent_from": Shown(gettext_lazy("Recent months from"), "date"),
        "recent_to": Shown(gettext_lazy("Recent months to"), "date"),
        "recent_hours": Shown(gettext_lazy("Unpaid staff hours in the recent months")),
        "earlier_from": Shown(gettext_lazy("Months before from"), "date"),
        "earlier_to": Shown(gettext_lazy("Months before to"), "date"),
        "earlier_hours": Shown(gettext_lazy("Unpaid staff hours in the months before")),
        "growth": Shown(gettext_lazy("Growth"), "share"),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "group_decides_no_money": {
        "min_decisions": ThresholdInfo(
            gettext_lazy("Fewest decisions before warning"),
            "count",
            gettext_lazy("Say nothing until the group has taken this many decisions."),
            minimum=1,
        )
    },
    "staff_unpaid_time_growing": {
        "months": ThresholdInfo(
            gettext_lazy("Months to compare"),
            "count",
            gettext_lazy("The last this many full months against the same number before them."),
            minimum=1,
            maximum=12,
        ),
        "growth": ThresholdInfo(
            gettext_lazy("Growth"),
            "share",
            gettext_lazy(
                "Warn when the recent hours are more than this much above the hours before."
            ),
            maximum=1,
        ),
        "min_hours": ThresholdInfo(
            gettext_lazy("Fewest recent hours before warning"),
            "count",
            gettext_lazy("Say nothing below this many unpaid staff hours in the recent months."),
        ),
    },
}

WARNING_TITLES = {
    "group_decides_no_money": gettext_lazy("The group decides nothing that costs money"),
    "staff_unpaid_time_growing": gettext_lazy("Staff are giving more of their own unpaid time"),
}


def compute(journey: Journey, period: Period, *, shared: Any = None) -> dict[str, Any]:
    return {
        "budgets": selectors.budgets_figure(journey, period),
        "spending": selectors.spending_figure(journey, period),
        # Counted from the dashboard's one read of the period's decisions when there is one.
        "decisions": sum(row[3] for row in shared.decisions)
        if shared is not None
        else Decision.objects.filter(period.q("decided_on"), journey=journey).count(),
        # The dashboard's register gives each person's side (not read again).
        "staff_unpaid_time": selectors.staff_unpaid_time(
            journey,
            period,
            memo=shared.memo if shared is not None else None,
            people=shared.people if shared is not None else None,
        ),
    }


# The organisation's view (insights/organisation.py): all time, as ``compute`` over all time
# gives ``budgets.count/total_pence/group_say_pence/group_say_share`` and
# ``spending.lines/total_pence/group_decided_pence/group_decided_share``.
ORG_COUNTS = (
    "budgets",
    "budgets_pence",
    "group_say_pence",
    "spending_lines",
    "spending_pence",
    "group_decided_pence",
)
ORG_PEOPLE: tuple[str, ...] = ()
ORG_SHARES = {
    "group_say_share": ("group_say_pence", "budgets_pence", "budgets"),
    "group_decided_share": ("group_decided_pence", "spending_pence", "spending_lines"),
}


def organisation_counts(ids: list[int], today: datetime.date) -> dict[int, dict[str, int]]:
    """Every journey's money in two grouped queries."""
    from django.db.models import Q, Sum
    from django.db.models.functions import Coalesce

    from powerwith.decisions import vocab as decisions_vocab

    from . import vocab
    from .models import Budget, Spending

    out: dict[int, dict[str, int]] = {}
    for r in (
        Budget.objects.filter(journey_id__in=ids)
        .values("journey_id")
        .annotate(
            n=Count("id"),
            pence=Coalesce(Sum("amount_pence"), 0),
            group=Coalesce(Sum("amount_pence", filter=Q(final_say__in=vocab.GROUP_SAYS)), 0),
        )
        .order_by()
    ):
        out.setdefault(r["journey_id"], {}).update(
            budgets=r["n"], budgets_pence=int(r["pence"]), group_say_pence=int(r["group"])
        )
    sharing = Q(decision__rung__in=decisions_vocab.POWER_SHARING_RUNGS)
    for r in (
        Spending.objects.filter(journey_id__in=ids)
        .values("journey_id")
        .annotate(
            n=Count("id"),
            pence=Coalesce(Sum("amount_pence"), 0),
            group=Coalesce(Sum("amount_pence", filter=sharing), 0),
        )
        .order_by()
    ):
        out.setdefault(r["journey_id"], {}).update(
            spending_lines=r["n"],
            spending_pence=int(r["pence"]),
            group_decided_pence=int(r["group"]),
        )
    return out


def _pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Any = None,
) -> list[WarningSign]:
    """The money warning signs, fired or not, against ``thresholds`` (defaults merged with the
    journey's own settings; ``shared``: the unpaid time as ``compute`` read it)."""

    out: list[WarningSign] = []
    th = thresholds["group_decides_no_money"]
    spending = data["spending"]
    decisions = int(data["decisions"])
    group_pence = int(spending["group_decided_pence"])
    fired = decisions >= int(th["min_decisions"]) and group_pence == 0
    out.append(
        WarningSign(
            code="group_decides_no_money",
            title=str(WARNING_TITLES["group_decides_no_money"]),
            fired=fired,
            explanation=(
                ngettext(
                    "The group took %(n)s decision in this period, but none of the money spent "
                    "was chosen by a decision on the rungs that share power.",
                    "The group took %(n)s decisions in this period, but none of the money spent "
                    "was chosen by a decision on the rungs that share power.",
                    decisions,
                )
                % {"n": decisions}
                if group_pence == 0
                else _(
                    "%(share)s of the money spent in this period (%(group)s of %(total)s) was "
                    "chosen by decisions on the rungs that share power."
                )
                % {
                    "share": percent(spending["group_decided_share"], _("an unknown share")),
                    "group": _pounds(group_pence),
                    "total": _pounds(int(spending["total_pence"])),
                }
            ),
            research=_(
                "Power is shared when people decide how money is spent, not only what is "
                "talked about. Groups that never decide anything that costs money are being "
                "consulted, however warm the meetings."
            ),
            question=_("Is there money the group could decide on, even a small amount?"),
            based_on=_("%(toolkit)s (the ladder of participation); %(farr)s (ceding control)")
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={
                "decisions": decisions,
                "spending_pence": int(spending["total_pence"]),
                "group_decided_pence": group_pence,
            },
            thresholds=dict(th),
        )
    )

    th = thresholds["staff_unpaid_time_growing"]
    end: datetime.date = period.end or timezone.localdate()
    growth = selectors.staff_time_growth(
        journey,
        end,
        max(1, int(th["months"])),
        memo=shared.memo if shared is not None else None,
        people=shared.people if shared is not None else None,
    )
    recent, earlier = growth["recent_hours"], growth["earlier_hours"]
    fired = recent >= float(th["min_hours"]) and recent > earlier * (1 + float(th["growth"]))
    out.append(
        WarningSign(
            code="staff_unpaid_time_growing",
            title=str(WARNING_TITLES["staff_unpaid_time_growing"]),
            fired=fired,
            explanation=ngettext(
                "Staff gave %(recent)s unpaid hours in the last full month, against "
                "%(earlier)s in the month before.",
                "Staff gave %(recent)s unpaid hours in the last %(months)s full months, against "
                "%(earlier)s in the %(months)s months before.",
                int(th["months"]),
            )
            % {"recent": f"{recent:g}", "earlier": f"{earlier:g}", "months": int(th["months"])},
            research=_(
                "Co-production often runs on staff goodwill: evenings and weekends given for "
                "free. When that grows, the work depends on people burning out, and it stops "
                "when they leave."
            ),
            question=_("Should this time be part of someone's paid job? Who could share it?"),
            based_on=_("%(farr)s (staff time and resources); %(toolkit)s (resources)")
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence=growth,
            thresholds=dict(th),
        )
    )
    return out
