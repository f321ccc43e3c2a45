"""Power in care relationships: a section of the power dashboard for FACILITATORS ONLY
(``AUDIENCE = "manage"``: ``insights.selectors.for_viewer`` takes it out of the document for
anyone else, on the dashboard, the JSON and the API). Issue 20, item 9.

Only suppressed counts: how many people taking part are in the care of a member of the group
on the period's last day (or today), how many of them were offered independent support and
told about anonymous routes. Counts of 1 to 4 people are None. docs/insights.md ("## care").
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.insights.core import Ctx
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo, thresholds_for
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey

from . import selectors

KEY = "care"
TITLE = gettext_noop("Power in care relationships (facilitators only)")  # translated where shown
TEMPLATE = "care/_dashboard.html"
AUDIENCE = "manage"

FARR = "Farr 2018"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "care_support_not_offered": {"days": 14},
}

WARNING_TITLES = {
    "care_support_not_offered": gettext_lazy(
        "Someone in the care of a member was not offered independent support"
    ),
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "care_support_not_offered": {
        "days": ThresholdInfo(
            gettext_lazy("Days to offer independent support"),
            "days",
            gettext_lazy("Warn when someone has waited longer than this since being recorded."),
        ),
    },
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "care_support_not_offered": {
        "anyone": Shown(gettext_lazy("Anyone waiting for independent support"), "yes_no"),
        "people": Shown(gettext_lazy("People waiting for independent support"), "small"),
    },
}


def _days(journey: Journey, thresholds: dict[str, dict[str, Any]] | None) -> int:
    return int((thresholds or thresholds_for(journey))["care_support_not_offered"]["days"])


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """Suppressed counts on the period's last day (or today)."""
    day = selectors.reference_day(period.end)
    days = _days(journey, shared.thresholds if shared is not None else None)
    return {
        "title": _("Power in care relationships"),
        "explanation": _(
            "People taking part who are in the care of a member of the group (a nurse, a "
            "social worker, a support worker) on the last day of the period may not feel free "
            "to speak. Counted only when there are 5 or more, so that no one can be picked out; "
            "each person once, however many flags they have."
        ),
        "based_on": _("%(farr)s (power in relationships of care and dependence)") % {"farr": FARR},
        **selectors.figures(journey, day, days, memo=shared.memo if shared is not None else None),
    }


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """Fires when anyone in care on the day has waited more than ``days`` days since being
    recorded without an offer of independent support (facilitators only)."""
    t = thresholds["care_support_not_offered"]
    day = selectors.reference_day(period.end)
    waiting = selectors.waiting_count(
        journey, day, int(t["days"]), memo=shared.memo if shared is not None else None
    )
    return [
        WarningSign(
            code="care_support_not_offered",
            title=str(WARNING_TITLES["care_support_not_offered"]),
            fired=waiting >= 1,
            explanation=(
                ngettext(
                    "Someone recorded as in the care of a member of the group has not been "
                    "offered independent support within %(days)s day. Open the care page to "
                    "see who.",
                    "Someone recorded as in the care of a member of the group has not been "
                    "offered independent support within %(days)s days. Open the care page to "
                    "see who.",
                    int(t["days"]),
                )
                % {"days": int(t["days"])}
                if waiting
                else _(
                    "Everyone recorded as in the care of a member has been offered independent support in time."
                )
            ),
            research=_(
                "People who depend on a member of the group for care, or whose care is "
                "provided by their organisation, may not say what they think in front of "
                "them. Independent support and anonymous ways to contribute let them speak "
                "without risk."
            ),
            question=_(
                "Who outside the group could offer them support, and do they know how to "
                "contribute anonymously?"
            ),
            based_on=_("%(farr)s (power in relationships of care and dependence)") % {"farr": FARR},
            evidence={"anyone": waiting >= 1, "people": data["waiting"]},
            thresholds=dict(t),
        )
    ]
