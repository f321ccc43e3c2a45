"""The inclusion section of the power dashboard and of ``powerwith insights --json``.

Who is missing (representation against each reference population, with 95% Wilson intervals),
the concentration of the "usual suspects", unmet support needs, the group's asset map, and the
reciprocity ledger (unpaid and paid hours, expenses, days to pay back, people out of pocket).
Shares are proportions from 0 to 1; money is whole pence; groups of 1 to 4 people are hidden
(None) wherever a figure is about people's characteristics or needs. docs/insights.md
("## inclusion") documents every key.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.insights.core import Ctx
from powerwith.insights.maths import percent
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey
from powerwith.outreach import selectors as outreach

from . import selectors, stats

KEY = "inclusion"
TITLE = gettext_noop("Who is missing, what people need, and who pays")  # translated where shown
TEMPLATE = "inclusion/_dashboard.html"

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"
ESSAY = gettext_lazy("the citizenship essay")

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "reference_group_missing": {"min_reference_share": 0.05, "min_answered": 5},
    "reference_group_under": {"min_reference_share": 0.05},
    "usual_suspects": {"attendance_share": 0.5, "min_attendances": 20},
    "stopped_after_unmet_need": {"min_people": 1},
    "unpaid_out_of_pocket": {"days": 14, "min_people": 1},
    "unpaid_doing_paid_work": {"min_tasks": 1},
    "slow_reimbursement": {"median_days": 14, "min_claims": 3},
}

# How each figure a warning sign looked at is shown to people (insights/labels.py formats it).
EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "reference_group_missing": {"groups": Shown(gettext_lazy("Groups"), "groups")},
    "reference_group_under": {"groups": Shown(gettext_lazy("Groups"), "groups")},
    "usual_suspects": {
        "attendance_share": Shown(
            gettext_lazy("Share of attendances by people in other journeys too"), "share"
        ),
        "attendances": Shown(gettext_lazy("Attendances by people with lived experience")),
        "concurrent_journeys": Shown(gettext_lazy("Other journeys of the host at the same time")),
    },
    "stopped_after_unmet_need": {
        "people": Shown(
            gettext_lazy("People who stopped coming after a need was not met"), "small"
        ),
        "anyone": Shown(gettext_lazy("Anyone stopped coming after a need was not met"), "yes_no"),
        "unmet": Shown(gettext_lazy("Needs not met"), "small"),
        "checked": Shown(gettext_lazy("Needs checked after gatherings")),
    },
    "unpaid_out_of_pocket": {
        "unpaid_people": Shown(gettext_lazy("Unpaid people waiting for expenses")),
        "unpaid_total_pence": Shown(gettext_lazy("Owed to them"), "pence"),
    },
    "unpaid_doing_paid_work": {
        "tasks": Shown(gettext_lazy("Tasks that used to be paid work")),
        "unpaid_people": Shown(gettext_lazy("Unpaid people doing them")),
    },
    "slow_reimbursement": {
        "median_days": Shown(
            gettext_lazy("Days to pay back: the middle claim (half took longer)"), "days"
        ),
        "paid_back": Shown(gettext_lazy("Claims paid back")),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "reference_group_missing": {
        "min_reference_share": ThresholdInfo(
            gettext_lazy("Smallest reference share to look at"),
            "share",
            gettext_lazy("Only groups at least this big in the reference population."),
            maximum=1,
        ),
        "min_answered": ThresholdInfo(
            gettext_lazy("Fewest answers before warning"),
            "count",
            gettext_lazy("Say nothing until this many participants answered the question."),
            minimum=1,
        ),
    },
    "reference_group_under": {
        "min_reference_share": ThresholdInfo(
            gettext_lazy("Smallest reference share to look at"),
            "share",
            gettext_lazy("Only groups at least this big in the reference population."),
            maximum=1,
        )
    },
    "usual_suspects": {
        "attendance_share": ThresholdInfo(
            gettext_lazy("Share of attendances by people in several journeys"),
            "share",
            gettext_lazy("Warn at this share or more."),
            maximum=1,
        ),
        "min_attendances": ThresholdInfo(
            gettext_lazy("Fewest attendances before warning"),
            "count",
            gettext_lazy("Say nothing below this many."),
        ),
    },
    "stopped_after_unmet_need": {
        "min_people": ThresholdInfo(
            gettext_lazy("People who stopped coming"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        )
    },
    "unpaid_out_of_pocket": {
        "days": ThresholdInfo(
            gettext_lazy("Days out of pocket"),
            "days",
            gettext_lazy("Warn when a claim is older than this."),
            minimum=0,
        ),
        "min_people": ThresholdInfo(
            gettext_lazy("People out of pocket"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        ),
    },
    "unpaid_doing_paid_work": {
        "min_tasks": ThresholdInfo(
            gettext_lazy("Flagged tasks"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        )
    },
    "slow_reimbursement": {
        "median_days": ThresholdInfo(
            gettext_lazy("Days to pay back (the middle claim)"),
            "days",
            gettext_lazy("Warn when the middle claim, half took longer, took longer than this."),
        ),
        "min_claims": ThresholdInfo(
            gettext_lazy("Fewest claims paid back before warning"),
            "count",
            gettext_lazy("Say nothing below this many."),
        ),
    },
}

WARNING_TITLES = {
    "reference_group_missing": gettext_lazy("A group in the reference population is missing"),
    "reference_group_under": gettext_lazy("Some groups are under-represented"),
    "usual_suspects": gettext_lazy("The same people take part in many journeys"),
    "stopped_after_unmet_need": gettext_lazy("People stopped coming after a need was not met"),
    "unpaid_out_of_pocket": gettext_lazy("Unpaid people are out of pocket"),
    "unpaid_doing_paid_work": gettext_lazy("Unpaid people are doing work that used to be paid"),
    "slow_reimbursement": gettext_lazy("Expenses take a long time to pay back"),
}


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """``shared``: the dashboard's reads of this journey and period (insights/core.py), so that
    attendance is not read again."""
    # The profiles read once, for the representation and for how many there are.
    profiles = selectors.profile_answers(journey)
    representation = selectors.representation(journey, period, profiles=profiles)
    came = shared.came_per_person if shared is not None else None
    return {
        "profiles": selectors.profile_counts(
            journey,
            people=len(shared.people) if shared is not None else None,
            profiles=len(profiles),
        ),
        "representation": representation,
        "gaps": selectors.gaps(representation),
        "usual_suspects": selectors.usual_suspects(
            journey, period, came=came, register=shared.people if shared is not None else None
        ),
        "needs": selectors.needs_summary(journey, period),
        "assets": selectors.asset_map(journey, period),
        "reciprocity": selectors.reciprocity(
            journey, period, memo=shared.memo if shared is not None else None
        ),
        # The stakeholder map's gaps (who should be involved and is not yet reached or has not
        # agreed), by kind; the map's own figures are the outreach section's.
        "stakeholder_map": outreach.map_gaps(
            journey, period, memo=shared.memo if shared is not None else None
        ),
    }


def _groups(data: dict[str, Any], statuses: tuple[str, ...], min_share: float) -> list[str]:
    found = []
    for pop in data["representation"]:
        overall = pop["blocks"][0]
        for ch in overall["characteristics"]:
            for g in ch["groups"]:
                ref = g["reference_share"]
                if g["status"] in statuses and ref is not None and ref >= min_share:
                    found.append(f"{ch['label']}: {g['label']} ({pop['population']['name']})")
    return sorted(set(found))


def _missing(data: dict[str, Any], min_share: float, min_answered: int) -> list[str]:
    """Groups nobody from took part, sizeable in the reference, with enough answers to tell."""
    found = []
    for pop in data["representation"]:
        overall = pop["blocks"][0]
        for ch in overall["characteristics"]:
            if (ch["answered"] or 0) < min_answered:
                continue
            for g in ch["groups"]:
                ref = g["reference_share"]
                if g["status"] == selectors.MISSING and ref is not None and ref >= min_share:
                    found.append(f"{ch['label']}: {g['label']} ({pop['population']['name']})")
    return sorted(set(found))


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """Inclusion warning signs, fired or not, against ``thresholds`` (defaults merged with the
    journey's own settings; ``shared``: the claims out of pocket as ``compute`` read them)."""

    out: list[WarningSign] = []

    th = thresholds["reference_group_missing"]
    missing = _missing(data, float(th["min_reference_share"]), int(th["min_answered"]))
    out.append(
        WarningSign(
            code="reference_group_missing",
            title=str(WARNING_TITLES["reference_group_missing"]),
            fired=bool(missing),
            explanation=(
                _(
                    "Nobody from these groups took part, although they make up a real share of "
                    "the reference population: %(groups)s."
                )
                % {"groups": "; ".join(missing)}
                if missing
                else _(
                    "Every sizeable group in the reference population has someone taking part, "
                    "or there are not enough answers to tell."
                )
            ),
            research=(
                _(
                    "People on low incomes, carers, people who are not online, disabled people, people "
                    "with ill health, people from diverse cultural backgrounds and LGBT people are "
                    "often left out. Open calls tend to bring the same confident people."
                )
            ),
            question=_("Who do we know who could reach these groups, through their own networks?"),
            based_on=_("%(toolkit)s (identifying stakeholders); %(farr)s (who is excluded)")
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={"groups": missing},
            thresholds=dict(th),
        )
    )

    th = thresholds["reference_group_under"]
    under = _groups(data, (stats.UNDER,), float(th["min_reference_share"]))
    out.append(
        WarningSign(
            code="reference_group_under",
            title=str(WARNING_TITLES["reference_group_under"]),
            fired=bool(under),
            explanation=(
                _(
                    "Even allowing for chance with small numbers, fewer people from these groups "
                    "take part than in the reference population: %(groups)s."
                )
                % {"groups": "; ".join(under)}
                if under
                else _("No group is clearly under-represented, allowing for small numbers.")
            ),
            research=(
                _(
                    "A group can be present and still much smaller than it should be. Recruitment "
                    "works best when it targets who is missing, through people's own networks."
                )
            ),
            question=_("Which of these gaps matters most for what we are trying to change?"),
            based_on=_("%(toolkit)s (identifying stakeholders)") % {"toolkit": TOOLKIT},
            evidence={"groups": under},
            thresholds=dict(th),
        )
    )

    th = thresholds["usual_suspects"]
    us = data["usual_suspects"]
    share = us["attendance_share_in_two_or_more"]
    out.append(
        WarningSign(
            code="usual_suspects",
            title=str(WARNING_TITLES["usual_suspects"]),
            fired=(
                us["attendances"] >= int(th["min_attendances"])
                and share is not None
                and share >= float(th["attendance_share"])
            ),
            explanation=(
                _(
                    "People who are also in other journeys of %(host)s at the same time account "
                    "for %(share)s of the %(n)s attendances by people with lived experience."
                )
                % {
                    "host": us["host_organisation"] or _("the host"),
                    "share": percent(share, _("an unknown share")),
                    "n": us["attendances"],
                }
            ),
            research=(
                _(
                    "The same “usual suspects”, often retired professionals at ease in "
                    "committees, answer every call. Their voice is welcome, but it is not everyone's."
                )
            ),
            question=_("How could we make room for people who have never taken part before?"),
            based_on=_("%(toolkit)s (under-represented groups); %(farr)s (who is involved)")
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={
                "attendance_share": share,
                "attendances": us["attendances"],
                "concurrent_journeys": us["concurrent_journeys"],
            },
            thresholds=dict(th),
        )
    )

    th = thresholds["stopped_after_unmet_need"]
    needs = data["needs"]
    stopped = needs["stopped_after_unmet"]
    anyone = needs["anyone_stopped_after_unmet"]
    fired = anyone and (stopped is None or stopped >= int(th["min_people"]))
    if stopped is None and anyone and int(th["min_people"]) >= 5:
        fired = False  # fewer than 5 people, below a threshold of 5 or more
    out.append(
        WarningSign(
            code="stopped_after_unmet_need",
            title=str(WARNING_TITLES["stopped_after_unmet_need"]),
            fired=fired,
            explanation=(
                (
                    _(
                        "Fewer than 5 people did not come to any later gathering after something "
                        "they needed to take part was not in place."
                    )
                    if stopped is None
                    else ngettext(
                        "%(n)s person did not come to any later gathering after something they "
                        "needed to take part was not in place.",
                        "%(n)s people did not come to any later gathering after something they "
                        "needed to take part was not in place.",
                        stopped,
                    )
                    % {"n": stopped}
                )
                if anyone
                else _(
                    "%(unmet)s of %(checked)s needs checked at gatherings were not met, and nobody "
                    "stopped coming after one."
                )
                % {
                    "unmet": _("Fewer than 5") if needs["unmet"] is None else needs["unmet"],
                    "checked": needs["checked"],
                }
            ),
            research=(
                _(
                    "People stay when the setting is comfortable and their health and caring duties "
                    "are respected. Transport, care cover and accessible venues are part of the work, "
                    "not extras."
                )
            ),
            question=_("What did they need, and how do we make sure it is there next time?"),
            based_on=_(
                "%(toolkit)s (what stakeholders need to be included); %(farr)s (who disengages and why)"
            )
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={
                "people": stopped,
                "anyone": anyone,
                "unmet": needs["unmet"],
                "checked": needs["checked"],
            },
            thresholds=dict(th),
        )
    )

    th = thresholds["unpaid_out_of_pocket"]
    late = selectors.out_of_pocket(
        journey,
        older_than_days=int(th["days"]),
        memo=shared.memo if shared is not None else None,
    )
    out.append(
        WarningSign(
            code="unpaid_out_of_pocket",
            title=str(WARNING_TITLES["unpaid_out_of_pocket"]),
            fired=late["unpaid_people"] >= int(th["min_people"]),
            explanation=(
                ngettext(
                    "%(n)s unpaid person has waited more than %(days)s days for expenses, "
                    "%(total)s in all.",
                    "%(n)s unpaid people have waited more than %(days)s days for expenses, "
                    "%(total)s in all.",
                    late["unpaid_people"],
                )
                % {
                    "n": late["unpaid_people"],
                    "days": th["days"],
                    "total": f"£{late['unpaid_total_pence'] / 100:,.2f}",
                }
                if late["unpaid_people"]
                else _("No unpaid person has waited more than %(days)s days for expenses.")
                % {"days": th["days"]}
            ),
            research=(
                _(
                    "Paying expenses up front, so nobody is out of pocket, is one of the things people "
                    "need to take part. People on low incomes cannot wait weeks for their bus fare."
                )
            ),
            question=_("Can we pay expenses in advance, or on the day?"),
            based_on=_(
                "%(toolkit)s (what stakeholders need to be included); %(farr)s (paying people properly)"
            )
            % {"toolkit": TOOLKIT, "farr": FARR},
            evidence={
                "unpaid_people": late["unpaid_people"],
                "unpaid_total_pence": late["unpaid_total_pence"],
            },
            thresholds=dict(th),
        )
    )

    th = thresholds["unpaid_doing_paid_work"]
    replaced = data["reciprocity"]["replaced_paid_roles"]
    out.append(
        WarningSign(
            code="unpaid_doing_paid_work",
            title=str(WARNING_TITLES["unpaid_doing_paid_work"]),
            fired=replaced["tasks"] >= int(th["min_tasks"]),
            explanation=(
                ngettext(
                    "%(n)s task that used to be part of a paid job is now done by unpaid people.",
                    "%(n)s tasks that used to be part of a paid job are now done by unpaid people.",
                    replaced["tasks"],
                )
                % {"n": replaced["tasks"]}
                if replaced["tasks"]
                else _("No task that used to be paid work is recorded as done by unpaid people.")
            ),
            research=(
                _(
                    "Volunteers can end up replacing paid staff, and even come to feel this is right. "
                    "Co-production should share power and resources, not just pass on work."
                )
            ),
            question=_("Should this work be paid? Who decided it would not be?"),
            based_on=_("%(farr)s (volunteers doing paid roles; ideological power); %(essay)s")
            % {"farr": FARR, "essay": ESSAY},
            evidence=dict(replaced),
            thresholds=dict(th),
        )
    )

    th = thresholds["slow_reimbursement"]
    expenses = data["reciprocity"]["expenses"]
    median = expenses["median_days_to_pay_back"]
    out.append(
        WarningSign(
            code="slow_reimbursement",
            title=str(WARNING_TITLES["slow_reimbursement"]),
            fired=(
                expenses["paid_back"] >= int(th["min_claims"])
                and median is not None
                and median > float(th["median_days"])
            ),
            explanation=(
                _("Half of the %(n)s claims paid back in this period took %(days)s days or more.")
                % {"n": expenses["paid_back"], "days": f"{median:g}"}
                if median is not None
                else _("No claims were paid back in this period.")
            ),
            research=(
                _(
                    "Slow expenses tell people their time matters less than staff time, and shut out "
                    "people who cannot afford to wait."
                )
            ),
            question=_("What slows our expenses down, and who could speed them up?"),
            based_on=_("%(toolkit)s (reciprocity; expenses paid up front)") % {"toolkit": TOOLKIT},
            evidence={"median_days": median, "paid_back": expenses["paid_back"]},
            thresholds=dict(th),
        )
    )
    return out
