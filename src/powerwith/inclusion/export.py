"""The inclusion part of a journey's export (see ``powerwith.exports``).

Profiles are exported ONLY as the same suppressed aggregates the pages show (representation
against each reference population): never one row per profile. Ledger rows, needs checks and
assets refer to people by the export's pseudonymous codes (P001...), never by name. Money is in
whole pence.
"""

from __future__ import annotations

from typing import Any

from powerwith.exports import person_ids
from powerwith.insights.period import Period
from powerwith.journeys.models import Journey

from . import selectors, vocab
from .models import (
    Asset,
    AssetGap,
    ExpenseClaim,
    Payment,
    RecruitmentAction,
    ReferencePopulation,
    ReferenceShare,
    Task,
    TimeGiven,
    Training,
)

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "inclusion_reference": "The reference populations the group compares itself with (for "
    "example the local population from the census), with their source: one line per group, "
    "its share in per cent, and the count of people where the figures came as counts.",
    "inclusion_representation": "Who took part against each reference population, for the "
    "whole journey and at each stage: per group, how many of the people who shared a profile "
    "belong to it, their share, the 95% Wilson interval (low to high) and whether the group is "
    "missing or under-represented. Shares are proportions from 0 to 1. Groups of fewer than 5 "
    "people are left empty, as on the pages. No one's own answers are ever exported.",
    "inclusion_usual_suspects": "How many people with lived experience in this journey also "
    "take part in other journeys of the same host organisation at the same time, and their "
    "share of attendances. Groups of fewer than 5 people are left empty.",
    "inclusion_needs": "Support needs checked at gatherings: how many were met and not met, by "
    "kind, and how many people stopped coming after a need was not met. Groups of fewer than 5 "
    "people are left empty.",
    "inclusion_recruitment": "The group's plans to reach people who are missing: the group "
    "targeted, the ways and networks used, what was done, and whether it worked.",
    "inclusion_assets": "The asset map: the knowledge, skills, experience (professional and "
    "lived) and resources that each person (by code) or organisation brings, and what people "
    "gained during the journey.",
    "inclusion_asset_gaps": "What the group knows it lacks and is looking for, and when it "
    "found it.",
    "inclusion_time": "Time given, per person (by code) and gathering: hours, and whether it "
    "was paid.",
    "inclusion_expenses": "Expense claims per person (by code), in pence: when claimed, whether "
    "paid in advance, when paid back and how many days that took.",
    "inclusion_payments": "Payments and vouchers for people's time: hours, hourly rate and "
    "amount, in pence.",
    "inclusion_training": "Training people received during the journey.",
    "inclusion_tasks": "Tasks people do for the journey, flagged when they used to be part of "
    "someone's paid job; done_on is the last day the person did it (blank while ongoing).",
    "inclusion_reciprocity": "The reciprocity figures for the whole journey: unpaid and paid "
    "hours, expenses met, median days to pay back, and people out of pocket now.",
}


def _representation_rows(data: list[dict[str, Any]]) -> list[Row]:
    rows: list[Row] = []
    for pop in data:
        for block in pop["blocks"]:
            for ch in block["characteristics"]:
                for g in ch["groups"]:
                    rows.append(
                        {
                            "reference_population": pop["population"]["name"],
                            "compared_with": pop["population"]["compare_with"],
                            "scope": block["scope"],
                            "took_part": block["participants"],
                            "profiles": block["rests_on"],
                            "characteristic": ch["code"],
                            "answered": ch["answered"],
                            "group": g["code"],
                            "reference_share": g["reference_share"],
                            "count": g["count"],
                            "share": g["share"],
                            "low": g["low"],
                            "high": g["high"],
                            "status": g["status"],
                        }
                    )
    return rows


def tables(journey: Journey) -> dict[str, list[Row]]:
    people = person_ids(journey)

    def who(pk: int | None) -> str:
        return people.get(pk, "") if pk is not None else ""

    everything = Period()
    representation = selectors.representation(journey, everything)
    us = selectors.usual_suspects(journey, everything)
    needs = selectors.needs_summary(journey, everything)
    figures = selectors.reciprocity(journey, everything)
    populations = {
        p.pk: p for p in ReferencePopulation.objects.filter(journey=journey).order_by("id")
    }
    out: dict[str, list[Row]] = {}
    out["inclusion_reference"] = [
        {
            "reference_population": populations[s.population_id].name,
            "source": populations[s.population_id].source,
            "compared_with": populations[s.population_id].compare_with,
            "characteristic": s.characteristic,
            "group": s.category,
            "share_percent": str(s.share),
            "count": s.count,
        }
        for s in ReferenceShare.objects.filter(population__journey=journey).order_by(
            "population_id", "id"
        )
    ]
    out["inclusion_representation"] = _representation_rows(representation)
    out["inclusion_usual_suspects"] = [
        {
            "host_organisation": us["host_organisation"],
            "concurrent_journeys": us["concurrent_journeys"],
            "people_with_lived_experience": us["people"],
            "in_this_journey_only": us["in_this_only"],
            "in_two": us["in_two"],
            "in_three_or_more": us["in_three_or_more"],
            "attendances": us["attendances"],
            "attendance_share_in_two_or_more": us["attendance_share_in_two_or_more"],
        }
    ]
    out["inclusion_needs"] = [
        {"measure": "needs_checked", "kind": "", "value": needs["checked"]},
        {"measure": "needs_met", "kind": "", "value": needs["met"]},
        {"measure": "needs_not_met", "kind": "", "value": needs["unmet"]},
        *[
            {"measure": "needs_not_met", "kind": k["code"], "value": k["unmet"]}
            for k in needs["unmet_by_kind"]
        ],
        {"measure": "people_with_needs_now", "kind": "", "value": needs["people_with_needs"]},
        {
            "measure": "people_stopped_after_unmet_need",
            "kind": "",
            "value": needs["stopped_after_unmet"],
        },
    ]
    out["inclusion_recruitment"] = [
        {
            "characteristic": a.characteristic,
            "group": a.category,
            "target": a.target,
            "channels": "; ".join(a.channels),
            "networks": a.networks,
            "actions": a.actions,
            "planned_on": a.planned_on,
            "outcome": a.outcome,
            "outcome_on": a.outcome_on,
            "outcome_notes": a.outcome_notes,
        }
        for a in RecruitmentAction.objects.filter(journey=journey).order_by("planned_on", "id")
    ]
    out["inclusion_assets"] = [
        {
            "person_id": who(a.person_id),
            "organisation_id": a.organisation_id,
            "kind": a.kind,
            "description": a.description,
            "lived_experience": a.lived,
            "gained_during_journey_on": a.gained_on,
        }
        for a in Asset.objects.filter(journey=journey).order_by("id")
    ]
    out["inclusion_asset_gaps"] = [
        {"kind": g.kind, "description": g.description, "found_on": g.found_on}
        for g in AssetGap.objects.filter(journey=journey).order_by("id")
    ]
    out["inclusion_time"] = [
        {
            "person_id": who(t.person_id),
            "gathering_id": t.gathering_id,
            "on": t.on,
            "hours": float(t.hours),
            "paid": t.paid,
        }
        for t in TimeGiven.objects.filter(journey=journey).order_by("on", "id")
    ]
    out["inclusion_expenses"] = [
        {
            "person_id": who(c.person_id),
            "claimant_paid_to_take_part": c.claimant_paid,
            "gathering_id": c.gathering_id,
            "description": c.description,
            "amount_pence": c.amount_pence,
            "claimed_on": c.claimed_on,
            "paid_in_advance": c.paid_in_advance,
            "paid_back_on": c.reimbursed_on,
            "days_to_pay_back": c.days_to_reimburse,
        }
        for c in ExpenseClaim.objects.filter(journey=journey).order_by("claimed_on", "id")
    ]
    out["inclusion_payments"] = [
        {
            "person_id": who(p.person_id),
            "kind": p.kind,
            "hours": float(p.hours),
            "rate_pence_per_hour": p.rate_pence,
            "amount_pence": p.amount_pence,
            "paid_on": p.paid_on,
        }
        for p in Payment.objects.filter(journey=journey).order_by("paid_on", "id")
    ]
    out["inclusion_training"] = [
        {
            "person_id": who(t.person_id),
            "title": t.title,
            "received_on": t.received_on,
            "hours": float(t.hours) if t.hours is not None else None,
            "provider": t.provider,
        }
        for t in Training.objects.filter(journey=journey).order_by("received_on", "id")
    ]
    out["inclusion_tasks"] = [
        {
            "person_id": who(t.person_id),
            "description": t.description,
            "since": t.since,
            "used_to_be_paid": t.replaces_paid_role,
            "paid_role": t.paid_role,
            "person_paid_to_take_part": t.person_paid,
            "done_on": t.done_on,
        }
        for t in Task.objects.filter(journey=journey).order_by("since", "id")
    ]
    oop = figures["out_of_pocket"]
    ex = figures["expenses"]
    out["inclusion_reciprocity"] = [
        {"measure": "unpaid_hours", "value": figures["hours"]["unpaid"]},
        {"measure": "paid_hours", "value": figures["hours"]["paid"]},
        {"measure": "expense_claims", "value": ex["claims"]},
        {"measure": "expense_claims_paid_in_advance", "value": ex["paid_in_advance"]},
        {"measure": "unpaid_claimants", "value": ex["unpaid_claimants"]},
        {"measure": "unpaid_claimants_all_expenses_met", "value": ex["unpaid_claimants_met"]},
        {"measure": "median_days_to_pay_back", "value": ex["median_days_to_pay_back"]},
        {"measure": "people_out_of_pocket_now", "value": oop["people"]},
        {"measure": "out_of_pocket_now_pence", "value": oop["total_pence"]},
        *[
            {"measure": f"{kind}_pence", "value": figures["payments"][kind]["total_pence"]}
            for kind in vocab.PAYMENT_KINDS.codes
        ],
        {
            "measure": "unpaid_tasks_that_used_to_be_paid",
            "value": figures["replaced_paid_roles"]["tasks"],
        },
        {"measure": "tasks_ongoing", "value": figures["tasks"]["ongoing"]},
        {"measure": "tasks_done", "value": figures["tasks"]["done"]},
    ]
    return out
