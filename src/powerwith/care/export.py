"""The care part of a journey's export (see ``powerwith.exports``).

An export is made to be shared, so it never holds a row per person in care, nor who cares for
whom: one line of counts as of the day of the export, each count of 1 to 4 people left empty
(``common/privacy.py``), exactly as the facilitators' dashboard shows them.
"""

from __future__ import annotations

from powerwith.insights.thresholds import thresholds_for
from powerwith.journeys.models import Journey

from . import selectors

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "care_counts": "How many people taking part were in the care of a member of the group on "
    "the day of the export, and how many of them had been offered independent support and told "
    "about anonymous routes. One line of counts only: who they are is never exported. Counts "
    "of 1 to 4 people are left empty so that no one can be picked out.",
}


def tables(journey: Journey) -> dict[str, list[Row]]:
    day = selectors.reference_day(None)
    days = int(thresholds_for(journey)["care_support_not_offered"]["days"])
    f = selectors.figures(journey, day, days)
    return {
        "care_counts": [
            {
                "on": f["on"],
                "in_care": f["in_care"],
                "offered_support": f["offered_support"],
                "told_anonymous_routes": f["told_anonymous_routes"],
                "waiting_for_support": f["waiting"],
                "waiting_days": f["waiting_days"],
            }
        ]
    }
