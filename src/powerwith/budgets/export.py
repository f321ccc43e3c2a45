"""The money part of a journey's export (see ``powerwith.exports``): budgets, what each was spent
on (with the decision that chose it, by the decision log's id), and the money figures for the
whole journey. Money is whole pence. No person is named: budgets and spending hold no one's
personal data, and whoever recorded a line is an account code.
"""

from __future__ import annotations

from powerwith.exports import account_ids
from powerwith.insights.period import Period
from powerwith.journeys.models import Journey

from . import selectors, vocab
from .models import Spending

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "budgets": "Every budget the group controls or advises on: its amount in pence, where the "
    "money comes from, the dates it covers, who holds the final say over how it is spent (the "
    "group itself, shared, staff or the organisation with the group advising, or staff alone) "
    "and the rung of the ladder of participation that stands for, and how much was spent from "
    "it and is left (negative when overspent).",
    "budget_spending": "What each budget was spent on: the date, the amount in pence, and the "
    "decision that chose it (its decision_id in the decisions table, and its rung), when one "
    "was recorded.",
    "budget_figures": "The money figures for the whole journey (see docs/insights.md, "
    "budgets): money spent by the rung of the decision that chose it, and the unpaid hours "
    "staff gave.",
}


def tables(journey: Journey) -> dict[str, list[Row]]:
    accounts = account_ids(journey)
    out: dict[str, list[Row]] = {}
    out["budgets"] = [
        {
            "budget_id": b.pk,
            "name": b.name,
            "amount_pence": b.amount_pence,
            "source": b.source_name,
            "starts_on": b.starts_on,
            "ends_on": b.ends_on,
            "final_say": b.final_say,
            "final_say_rung": str(vocab.SAY[b.final_say].extra["rung"]),
            "spent_pence": int(b.spent_pence),
            "left_pence": selectors.left_pence(b),
            "notes": b.notes,
            "recorded_by": accounts.get(b.recorded_by_id, "") if b.recorded_by_id else "",
        }
        for b in selectors.budget_list(journey).order_by("starts_on", "id")
    ]
    out["budget_spending"] = [
        {
            "spending_id": s.pk,
            "budget_id": s.budget_id,
            "spent_on": s.spent_on,
            "what": s.what,
            "amount_pence": s.amount_pence,
            "decision_id": s.decision_id,
            "decision_rung": s.decision.rung if s.decision is not None else "",
            "recorded_by": accounts.get(s.recorded_by_id, "") if s.recorded_by_id else "",
        }
        for s in Spending.objects.filter(journey=journey)
        .select_related("decision")
        .order_by("spent_on", "id")
    ]
    everything = Period()
    spending = selectors.spending_figure(journey, everything)
    staff = selectors.staff_unpaid_time(journey, everything)
    rows: list[Row] = [
        {"measure": "spent_pence", "rung": r["code"], "value": r["pence"]}
        for r in spending["by_rung"]
    ]
    rows.append(
        {"measure": "spent_pence", "rung": "not_linked", "value": spending["not_linked"]["pence"]}
    )
    rows += [
        {"measure": "spent_pence_total", "rung": "", "value": spending["total_pence"]},
        {"measure": "group_decided_pence", "rung": "", "value": spending["group_decided_pence"]},
        {"measure": "group_decided_share", "rung": "", "value": spending["group_decided_share"]},
        {"measure": "staff_unpaid_hours", "rung": "", "value": staff["hours"]},
    ]
    out["budget_figures"] = rows
    return out
