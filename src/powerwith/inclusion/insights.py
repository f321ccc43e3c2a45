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

from powerwith.insights.core import Ctx
from powerwith.insights.maths import percent
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey

from . import selectors, stats

KEY = "inclusion"
TITLE = "Who is missing, what people need, and who pays"
TEMPLATE = "inclusion/_dashboard.html"

FARR = "Farr 2018"
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"
ESSAY = "the citizenship essay"

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
    "reference_group_missing": {"groups": Shown("Groups", "groups")},
    "reference_group_under": {"groups": Shown("Groups", "groups")},
    "usual_suspects": {
        "attendance_share": Shown("Share of attendances by people in other journeys too", "share"),
        "attendances": Shown("Attendances by people with lived experience"),
        "concurrent_journeys": Shown("Other journeys of the host at the same time"),
    },
    "stopped_after_unmet_need": {
        "people": Shown("People who stopped coming after a need was not met", "small"),
        "anyone": Shown("Anyone stopped coming after a need was not met", "yes_no"),
        "unmet": Shown("Needs not met", "small"),
        "checked": Shown("Needs checked after gatherings"),
    },
    "unpaid_out_of_pocket": {
        "unpaid_people": Shown("Unpaid people waiting for expenses"),
        "unpaid_total_pence": Shown("Owed to them", "pence"),
    },
    "unpaid_doing_paid_work": {
        "tasks": Shown("Tasks that used to be paid work"),
        "unpaid_people": Shown("Unpaid people doing them"),
    },
    "slow_reimbursement": {
        "median_days": Shown("Days to pay back: the middle claim (half took longer)", "days"),
        "paid_back": Shown("Claims paid back"),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "reference_group_missing": {
        "min_reference_share": ThresholdInfo(
            "Smallest reference share to look at",
            "share",
            "Only groups at least this big in the reference population.",
            maximum=1,
        ),
        "min_answered": ThresholdInfo(
            "Fewest answers before warning",
            "count",
            "Say nothing until this many participants answered the question.",
            minimum=1,
        ),
    },
    "reference_group_under": {
        "min_reference_share": ThresholdInfo(
            "Smallest reference share to look at",
            "share",
            "Only groups at least this big in the reference population.",
            maximum=1,
        )
    },
    "usual_suspects": {
        "attendance_share": ThresholdInfo(
            "Share of attendances by people in several journeys",
            "share",
            "Warn at this share or more.",
            maximum=1,
        ),
        "min_attendances": ThresholdInfo(
            "Fewest attendances before warning", "count", "Say nothing below this many."
        ),
    },
    "stopped_after_unmet_need": {
        "min_people": ThresholdInfo(
            "People who stopped coming", "count", "Warn at this many or more.", minimum=1
        )
    },
    "unpaid_out_of_pocket": {
        "days": ThresholdInfo(
            "Days out of pocket", "days", "Warn when a claim is older than this.", minimum=0
        ),
        "min_people": ThresholdInfo(
            "People out of pocket", "count", "Warn at this many or more.", minimum=1
        ),
    },
    "unpaid_doing_paid_work": {
        "min_tasks": ThresholdInfo(
            "Flagged tasks", "count", "Warn at this many or more.", minimum=1
        )
    },
    "slow_reimbursement": {
        "median_days": ThresholdInfo(
            "Days to pay back (the middle claim)",
            "days",
            "Warn when the middle claim, half took longer, took longer than this.",
        ),
        "min_claims": ThresholdInfo(
            "Fewest claims paid back before warning", "count", "Say nothing below this many."
        ),
    },
}

WARNING_TITLES = {
    "reference_group_missing": "A group in the reference population is missing",
    "reference_group_under": "Some groups are under-represented",
    "usual_suspects": "The same people take part in many journeys",
    "stopped_after_unmet_need": "People stopped coming after a need was not met",
    "unpaid_out_of_pocket": "Unpaid people are out of pocket",
    "unpaid_doing_paid_work": "Unpaid people are doing work that used to be paid",
    "slow_reimbursement": "Expenses take a long time to pay back",
}


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    """``shared``: the dashboard's reads of this journey and period (insights/core.py), so that
    attendance is not read again."""
    representation = selectors.representation(journey, period)
    came = shared.came_per_person if shared is not None else None
    return {
        "profiles": selectors.profile_counts(journey),
        "representation": representation,
        "gaps": selectors.gaps(representation),
        "usual_suspects": selectors.usual_suspects(journey, period, came=came),
        "needs": selectors.needs_summary(journey, period),
        "assets": selectors.asset_map(journey, period),
        "reciprocity": selectors.reciprocity(journey, period),
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
    journey: Journey, period: Period, data: dict[str, Any], thresholds: dict[str, dict[str, Any]]
) -> list[WarningSign]:
    """Inclusion warning signs, fired or not, against ``thresholds`` (defaults merged with the
    journey's own settings)."""

    def t(code: str) -> dict[str, Any]:
        return {**DEFAULT_THRESHOLDS[code], **(thresholds.get(code) or {})}

    out: list[WarningSign] = []

    th = t("reference_group_missing")
    missing = _missing(data, float(th["min_reference_share"]), int(th["min_answered"]))
    out.append(
        WarningSign(
            code="reference_group_missing",
            title=WARNING_TITLES["reference_group_missing"],
            fired=bool(missing),
            explanation=(
                "Nobody from these groups took part, although they make up a real share of the "
                "reference population: " + "; ".join(missing) + "."
                if missing
                else "Every sizeable group in the reference population has someone taking part, "
                "or there are not enough answers to tell."
            ),
            research=(
                "People on low incomes, carers, people who are not online, disabled people, people "
                "with ill health, people from diverse cultural backgrounds and LGBT people are "
                "often left out. Open calls tend to bring the same confident people."
            ),
            question="Who do we know who could reach these groups, through their own networks?",
            based_on=f"{TOOLKIT} (identifying stakeholders); {FARR} (who is excluded)",
            evidence={"groups": missing},
            thresholds=dict(th),
        )
    )

    th = t("reference_group_under")
    under = _groups(data, (stats.UNDER,), float(th["min_reference_share"]))
    out.append(
        WarningSign(
            code="reference_group_under",
            title=WARNING_TITLES["reference_group_under"],
            fired=bool(under),
            explanation=(
                "Even allowing for chance with small numbers, fewer people from these groups take "
                "part than in the reference population: " + "; ".join(under) + "."
                if under
                else "No group is clearly under-represented, allowing for small numbers."
            ),
            research=(
                "A group can be present and still much smaller than it should be. Recruitment "
                "works best when it targets who is missing, through people's own networks."
            ),
            question="Which of these gaps matters most for what we are trying to change?",
            based_on=f"{TOOLKIT} (identifying stakeholders)",
            evidence={"groups": under},
            thresholds=dict(th),
        )
    )

    th = t("usual_suspects")
    us = data["usual_suspects"]
    share = us["attendance_share_in_two_or_more"]
    out.append(
        WarningSign(
            code="usual_suspects",
            title=WARNING_TITLES["usual_suspects"],
            fired=(
                us["attendances"] >= int(th["min_attendances"])
                and share is not None
                and share >= float(th["attendance_share"])
            ),
            explanation=(
                f"People who are also in other journeys of {us['host_organisation'] or 'the host'} "
                f"at the same time account for {percent(share, 'an unknown share')} of the {us['attendances']} "
                "attendances by people with lived experience."
            ),
            research=(
                "The same \u201cusual suspects\u201d, often retired professionals at ease in "
                "committees, answer every call. Their voice is welcome, but it is not everyone's."
            ),
            question="How could we make room for people who have never taken part before?",
            based_on=f"{TOOLKIT} (under-represented groups); {FARR} (who is involved)",
            evidence={
                "attendance_share": share,
                "attendances": us["attendances"],
                "concurrent_journeys": us["concurrent_journeys"],
            },
            thresholds=dict(th),
        )
    )

    th = t("stopped_after_unmet_need")
    needs = data["needs"]
    stopped = needs["stopped_after_unmet"]
    anyone = needs["anyone_stopped_after_unmet"]
    fired = anyone and (stopped is None or stopped >= int(th["min_people"]))
    if stopped is None and anyone and int(th["min_people"]) >= 5:
        fired = False  # fewer than 5 people, below a threshold of 5 or more
    out.append(
        WarningSign(
            code="stopped_after_unmet_need",
            title=WARNING_TITLES["stopped_after_unmet_need"],
            fired=fired,
            explanation=(
                f"{'Fewer than 5' if stopped is None else stopped} "
                f"{'person' if stopped == 1 else 'people'} did not come to any later gathering "
                "after something they needed to take part was not in place."
                if anyone
                else f"{'Fewer than 5' if needs['unmet'] is None else needs['unmet']} of "
                f"{needs['checked']} needs checked at gatherings were not met, and nobody stopped "
                "coming after one."
            ),
            research=(
                "People stay when the setting is comfortable and their health and caring duties "
                "are respected. Transport, care cover and accessible venues are part of the work, "
                "not extras."
            ),
            question="What did they need, and how do we make sure it is there next time?",
            based_on=f"{TOOLKIT} (what stakeholders need to be included); {FARR} (who disengages and why)",
            evidence={
                "people": stopped,
                "anyone": anyone,
                "unmet": needs["unmet"],
                "checked": needs["checked"],
            },
            thresholds=dict(th),
        )
    )

    th = t("unpaid_out_of_pocket")
    late = selectors.out_of_pocket(journey, older_than_days=int(th["days"]))
    out.append(
        WarningSign(
            code="unpaid_out_of_pocket",
            title=WARNING_TITLES["unpaid_out_of_pocket"],
            fired=late["unpaid_people"] >= int(th["min_people"]),
            explanation=(
                f"{late['unpaid_people']} unpaid "
                f"{'person has' if late['unpaid_people'] == 1 else 'people have'} waited more than "
                f"{th['days']} days for expenses, £{late['unpaid_total_pence'] / 100:,.2f} in all."
                if late["unpaid_people"]
                else f"No unpaid person has waited more than {th['days']} days for expenses."
            ),
            research=(
                "Paying expenses up front, so nobody is out of pocket, is one of the things people "
                "need to take part. People on low incomes cannot wait weeks for their bus fare."
            ),
            question="Can we pay expenses in advance, or on the day?",
            based_on=f"{TOOLKIT} (what stakeholders need to be included); {FARR} (paying people properly)",
            evidence={
                "unpaid_people": late["unpaid_people"],
                "unpaid_total_pence": late["unpaid_total_pence"],
            },
            thresholds=dict(th),
        )
    )

    th = t("unpaid_doing_paid_work")
    replaced = data["reciprocity"]["replaced_paid_roles"]
    out.append(
        WarningSign(
            code="unpaid_doing_paid_work",
            title=WARNING_TITLES["unpaid_doing_paid_work"],
            fired=replaced["tasks"] >= int(th["min_tasks"]),
            explanation=(
                f"{replaced['tasks']} {'task' if replaced['tasks'] == 1 else 'tasks'} that used to "
                f"be part of a paid job {'is' if replaced['tasks'] == 1 else 'are'} now done by "
                "unpaid people."
                if replaced["tasks"]
                else "No task that used to be paid work is recorded as done by unpaid people."
            ),
            research=(
                "Volunteers can end up replacing paid staff, and even come to feel this is right. "
                "Co-production should share power and resources, not just pass on work."
            ),
            question="Should this work be paid? Who decided it would not be?",
            based_on=f"{FARR} (volunteers doing paid roles; ideological power); {ESSAY}",
            evidence=dict(replaced),
            thresholds=dict(th),
        )
    )

    th = t("slow_reimbursement")
    expenses = data["reciprocity"]["expenses"]
    median = expenses["median_days_to_pay_back"]
    out.append(
        WarningSign(
            code="slow_reimbursement",
            title=WARNING_TITLES["slow_reimbursement"],
            fired=(
                expenses["paid_back"] >= int(th["min_claims"])
                and median is not None
                and median > float(th["median_days"])
            ),
            explanation=(
                f"Half of the {expenses['paid_back']} claims paid back in this period took "
                f"{median:g} days or more."
                if median is not None
                else "No claims were paid back in this period."
            ),
            research=(
                "Slow expenses tell people their time matters less than staff time, and shut out "
                "people who cannot afford to wait."
            ),
            question="What slows our expenses down, and who could speed them up?",
            based_on=f"{TOOLKIT} (reciprocity; expenses paid up front)",
            evidence={"median_days": median, "paid_back": expenses["paid_back"]},
            thresholds=dict(th),
        )
    )
    return out
