"""The outreach section of the power dashboard and of ``powerwith insights --json``.

Who should be involved but is not yet (the stakeholder map, as it stood at the end of the
period) and the groups and networks the journey works with. Counts are of map entries and
groups, not of people's characteristics, so nothing is suppressed; map entries are never
named here (the JSON is the same for every viewer, observers included). Shares are
proportions from 0 to 1, rounded to 3 places, None when there is nothing to divide by.
docs/insights.md ("## outreach") documents every key.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.insights.core import Ctx
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey

from . import selectors

KEY = "outreach"
TITLE = gettext_noop(
    "Who should be involved, and the groups we work with"
)  # translated where shown
TEMPLATE = "outreach/_dashboard.html"

TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"
FARR = "Farr 2018"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "map_empty": {"days_after_start": 28},
    "map_no_one_approaching": {"min_entries": 1},
    "map_waiting_long": {"days": 42, "min_entries": 1},
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "map_empty": {
        "entries": Shown(gettext_lazy("Entries on the map")),
        "days_since_start": Shown(gettext_lazy("Days since the journey started"), "days"),
    },
    "map_no_one_approaching": {
        "entries": Shown(gettext_lazy("Still to approach, with nobody named to do it")),
        "kinds": Shown(gettext_lazy("Kinds"), "groups"),
    },
    "map_waiting_long": {
        "entries": Shown(gettext_lazy("Still to approach after this long")),
        "longest_days": Shown(gettext_lazy("Longest wait"), "days"),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "map_empty": {
        "days_after_start": ThresholdInfo(
            gettext_lazy("Days after the start"),
            "days",
            gettext_lazy("Warn when the map is still empty this many days after the start."),
        )
    },
    "map_no_one_approaching": {
        "min_entries": ThresholdInfo(
            gettext_lazy("Entries with nobody to approach them"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        )
    },
    "map_waiting_long": {
        "days": ThresholdInfo(
            gettext_lazy("Days on the map without an approach"),
            "days",
            gettext_lazy("Warn about entries still to approach after more than this."),
        ),
        "min_entries": ThresholdInfo(
            gettext_lazy("Entries waiting"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        ),
    },
}

WARNING_TITLES = {
    "map_empty": gettext_lazy("Nobody has written down who should be involved"),
    "map_no_one_approaching": gettext_lazy("Nobody is going to approach some people"),
    "map_waiting_long": gettext_lazy("Some people have waited a long time to be asked"),
}


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """The map at the end of the period and the linked groups during it (``shared``: the map
    is read once for this section and inclusion's, in ``shared.memo``)."""
    return {
        "map": selectors.map_figures(
            journey, period, memo=shared.memo if shared is not None else None
        ),
        "links": selectors.link_figures(journey, period),
    }


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """Outreach warning signs, fired or not (``shared``: the map as ``compute`` read it)."""

    m = data["map"]
    at = selectors.end_of(period)
    out: list[WarningSign] = []

    th = thresholds["map_empty"]
    since = (at - journey.started_on).days if journey.started_on else None
    fired = m["entries"] == 0 and since is not None and since >= int(th["days_after_start"])
    out.append(
        WarningSign(
            code="map_empty",
            title=str(WARNING_TITLES["map_empty"]),
            fired=fired,
            explanation=(
                ngettext(
                    "The journey started %(n)s day ago and nobody has written down who else "
                    "should be involved.",
                    "The journey started %(n)s days ago and nobody has written down who else "
                    "should be involved.",
                    since or 0,
                )
                % {"n": since}
                if fired
                else ngettext(
                    "%(n)s person, organisation or group is on the map of who should be involved.",
                    "%(n)s people, organisations or groups are on the map of who should be "
                    "involved.",
                    m["entries"],
                )
                % {"n": m["entries"]}
            ),
            research=_(
                "Groups start with the people who answer first. Mapping who should be involved "
                "(seldom-heard service users, carers, front-line staff, unions, user-led groups, "
                "commissioners) shows who is not there yet."
            ),
            question=_("Who is affected by this work and is not here? Who could reach them?"),
            based_on=_("%(toolkit)s (identifying stakeholders)") % {"toolkit": TOOLKIT},
            evidence={"entries": m["entries"], "days_since_start": since},
            thresholds=dict(th),
        )
    )

    th = thresholds["map_no_one_approaching"]
    kinds = [k["label"] for k in m["by_kind"] if k["no_one_approaching"]]
    n = m["no_one_approaching"]
    out.append(
        WarningSign(
            code="map_no_one_approaching",
            title=str(WARNING_TITLES["map_no_one_approaching"]),
            fired=n >= int(th["min_entries"]),
            explanation=(
                ngettext(
                    "%(n)s entry on the map is still to approach and nobody is named to do it "
                    "(%(kinds)s).",
                    "%(n)s entries on the map are still to approach and nobody is named to do "
                    "it (%(kinds)s).",
                    n,
                )
                % {"n": n, "kinds": "; ".join(kinds)}
                if n
                else _("Everyone still to approach has someone named to approach them.")
            ),
            research=_(
                "People are reached through someone they already know and trust. A name on a "
                "list with nobody to ask them stays a name on a list."
            ),
            question=_("Who among us knows them, or knows someone who does?"),
            based_on=_("%(toolkit)s (recruitment through people's own networks)")
            % {"toolkit": TOOLKIT},
            evidence={"entries": n, "kinds": kinds},
            thresholds=dict(th),
        )
    )

    th = thresholds["map_waiting_long"]
    days = int(th["days"])
    rows = selectors.map_state(journey, at, memo=shared.memo if shared is not None else None)
    waiting = [
        (at - r["planned_on"]).days
        for r in rows
        if r["status"] == "to_approach" and (at - r["planned_on"]).days > days
    ]
    out.append(
        WarningSign(
            code="map_waiting_long",
            title=str(WARNING_TITLES["map_waiting_long"]),
            fired=len(waiting) >= int(th["min_entries"]),
            explanation=(
                ngettext(
                    "%(n)s entry has been on the map for more than %(days)s days and nobody has "
                    "asked them yet.",
                    "%(n)s entries have been on the map for more than %(days)s days and nobody "
                    "has asked them yet.",
                    len(waiting),
                )
                % {"n": len(waiting), "days": days}
                if waiting
                else _("Nobody on the map has waited more than %(days)s days to be asked.")
                % {"days": days}
            ),
            research=_(
                "The people who are hardest to reach are the easiest to put off till later. "
                "The longer they wait, the more is decided without them."
            ),
            question=_("What is stopping us asking them, and what would help?"),
            based_on=_("%(toolkit)s (identifying stakeholders); %(farr)s (who is excluded)")
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={"entries": len(waiting), "longest_days": max(waiting) if waiting else None},
            thresholds=dict(th),
        )
    )
    return out
