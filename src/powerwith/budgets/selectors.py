"""Reads for budgets: each budget with what was spent, the money figures by rung, and the unpaid
time staff give (read from the one ledger of time, inclusion's ``TimeGiven``).

docs/insights.md ("## budgets") defines every figure exactly.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from powerwith.decisions import vocab as dvocab
from powerwith.decisions.models import Decision
from powerwith.inclusion.models import TimeGiven
from powerwith.insights.maths import share
from powerwith.insights.period import Period
from powerwith.journeys.models import Journey
from powerwith.people import vocab as pvocab
from powerwith.people.models import Person, RoleSpell

from . import vocab
from .models import Budget, Spending

# The ladder from the top rung down, as the decision log draws it.
LADDER = sorted(dvocab.RUNGS, key=lambda t: -int(t.extra["level"]))  # type: ignore[call-overload]


def budget_list(journey: Journey) -> Any:
    """The journey's budgets, each with ``spent_pence`` and ``lines`` (all of its spending).
    Typed Any: the annotations are not fields the type checker knows."""
    return (
        Budget.objects.filter(journey=journey)
        .select_related("source_organisation", "journey")
        .annotate(
            spent_pence=Coalesce(Sum("spending__amount_pence"), 0),
            lines=Count("spending"),
        )
    )


def budget_with_totals(journey: Journey, pk: int) -> Any:
    return budget_list(journey).filter(pk=pk).first()


def spending_of(budget: Budget) -> QuerySet[Spending]:
    return Spending.objects.filter(budget=budget).select_related("decision__journey")


def left_pence(budget: Any) -> int:
    """What is left of a budget (negative when overspent); ``budget`` from :func:`budget_list`."""
    return int(budget.amount_pence) - int(budget.spent_pence)


def decisions_for_choice(journey: Journey) -> QuerySet[Decision]:
    return Decision.objects.filter(journey=journey).order_by("-decided_on", "-id")


def _overlaps(period: Period) -> Q:
    """Budgets whose own dates overlap the period (an open end runs on)."""
    q = Q()
    if period.end is not None:
        q &= Q(starts_on__lte=period.end)
    if period.start is not None:
        q &= Q(ends_on__isnull=True) | Q(ends_on__gte=period.start)
    return q


def budgets_figure(journey: Journey, period: Period) -> dict[str, Any]:
    """Budgets whose dates overlap the period: their money by who holds the final say, and how
    many are overspent (all their spending, whatever its date, against their amount)."""
    rows = list(
        budget_list(journey)
        .filter(_overlaps(period))
        .values_list("final_say", "amount_pence", "spent_pence")
    )
    total = sum(int(r[1]) for r in rows)
    by_say = []
    for term in vocab.SAY:
        mine = [r for r in rows if r[0] == term.code]
        by_say.append(
            {
                "code": term.code,
                "label": term.label,
                "rung": str(term.extra["rung"]),
                "budgets": len(mine),
                "total_pence": sum(int(r[1]) for r in mine),
            }
        )
    group = sum(int(r[1]) for r in rows if r[0] in vocab.GROUP_SAYS)
    return {
        "count": len(rows),
        "total_pence": total,
        "by_say": by_say,
        "group_say_pence": group,
        "group_say_share": share(group, total),
        "overspent": sum(1 for r in rows if int(r[2]) > int(r[1])),
    }


def spending_figure(journey: Journey, period: Period) -> dict[str, Any]:
    """Lines of spending dated in the period, by the rung of the decision each is linked to."""
    # The period's lines, read once (a journey has few): every figure is counted from them.
    lines = list(
        Spending.objects.filter(period.q("spent_on"), journey=journey).values_list(
            "amount_pence", "decision_id", "decision__rung"
        )
    )
    total = sum(int(pence) for pence, _decision, _rung in lines)
    unlinked = [int(pence) for pence, decision, _rung in lines if decision is None]
    by_rung: dict[str, tuple[int, int]] = {}
    for pence, decision, rung in lines:
        if decision is not None:
            n, sum_pence = by_rung.get(rung, (0, 0))
            by_rung[rung] = (n + 1, sum_pence + int(pence))
    group = sum(by_rung.get(code, (0, 0))[1] for code in dvocab.POWER_SHARING_RUNGS)
    group_decisions = len(
        {decision for _pence, decision, rung in lines if rung in dvocab.POWER_SHARING_RUNGS}
    )
    return {
        "lines": len(lines),
        "total_pence": total,
        "linked_pence": total - sum(unlinked),
        "by_rung": [
            {
                "code": t.code,
                "label": t.label,
                "level": int(t.extra["level"]),  # type: ignore[call-overload]
                "lines": by_rung.get(t.code, (0, 0))[0],
                "pence": by_rung.get(t.code, (0, 0))[1],
                "share": share(by_rung.get(t.code, (0, 0))[1], total),
            }
            for t in LADDER
        ],
        "not_linked": {
            "lines": len(unlinked),
            "pence": sum(unlinked),
            "share": share(sum(unlinked), total),
        },
        "group_decided_pence": group,
        "group_decided_share": share(group, total),
        "group_decisions_with_money": group_decisions,
    }


# --- staff giving their own unpaid time ---------------------------------------------------------


def _hours(value: Any) -> float:
    return float((value or Decimal(0)).quantize(Decimal("0.01")))


def staff_unpaid_lines(
    journey: Journey,
    period: Period,
    *,
    memo: dict[str, Any] | None = None,
    people: dict[int, Any] | None = None,
) -> list[tuple[int, datetime.date, Decimal]]:
    """(person id, day, hours) of every line of time given in the period that is marked unpaid
    and was given by someone on the professional side on that day: their role spell covering
    the day, or their side in the register when no spell covers it. Three queries; with
    ``memo`` (a dashboard call's ``Ctx.memo``), three for all the periods asked about in the
    call: the journey's unpaid lines are read once, whole, and each period keeps its own.
    ``people``: the journey's register as the dashboard read it (``Ctx.people``), so that
    each person's side there is not read again (one query fewer)."""
    if memo is None:
        rows = list(
            TimeGiven.objects.filter(period.q("on"), journey=journey, paid=False).values_list(
                "person_id", "on", "hours"
            )
        )
    else:
        if "budgets.unpaid_lines" not in memo:
            memo["budgets.unpaid_lines"] = list(
                TimeGiven.objects.filter(journey=journey, paid=False).values_list(
                    "person_id", "on", "hours"
                )
            )
        rows = [r for r in memo["budgets.unpaid_lines"] if period.contains(r[1])]
    if not rows:
        return []
    if memo is not None and "budgets.sides" in memo:
        spells, current = memo["budgets.sides"]
    else:
        spells, current = _sides(journey, people)
        if memo is not None:
            memo["budgets.sides"] = (spells, current)
    out = []
    for person_id, day, hours in rows:
        side = current.get(person_id, "")
        for started, ended, spell_side in spells.get(person_id, []):
            if started <= day and (ended is None or day <= ended):
                side = spell_side
                break
        if side == pvocab.PROFESSIONAL:
            out.append((person_id, day, hours))
    return out


def _sides(
    journey: Journey, people: dict[int, Any] | None = None
) -> tuple[dict[int, list[tuple[datetime.date, datetime.date | None, str]]], dict[int, str]]:
    """Each person's role spells (started, ended, side) and their side in the register
    (``people``: the register when already read)."""
    spells: dict[int, list[tuple[datetime.date, datetime.date | None, str]]] = {}
    for person_id, started, ended, side in RoleSpell.objects.filter(journey=journey).values_list(
        "person_id", "started_on", "ended_on", "side"
    ):
        spells.setdefault(person_id, []).append((started, ended, side))
    current: dict[int, str] = (
        {pid: p["side"] for pid, p in people.items()}
        if people is not None
        else dict(Person.objects.filter(journey=journey).values_list("id", "side"))
    )
    return spells, current


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _add_months(first: datetime.date, n: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_end(first: datetime.date) -> datetime.date:
    return _add_months(first, 1) - datetime.timedelta(days=1)


def staff_unpaid_time(
    journey: Journey,
    period: Period,
    *,
    memo: dict[str, Any] | None = None,
    people: dict[int, Any] | None = None,
) -> dict[str, Any]:
    """Hours staff gave unpaid in the period, and by calendar month (``memo`` and ``people``:
    see :func:`staff_unpaid_lines`)."""
    lines = staff_unpaid_lines(journey, period, memo=memo, people=people)
    months: dict[datetime.date, Decimal] = {}
    for _person, day, hours in lines:
        months[_month(day)] = months.get(_month(day), Decimal(0)) + hours
    by_month = []
    if lines or period.start is not None:
        first = _month(period.start) if period.start else min(months)
        end = period.end or timezone.localdate()
        last = _month(max([end, *[d for _p, d, _h in lines]]))
        month = first
        while month <= last:
            by_month.append({"month": month.strftime("%Y-%m"), "hours": _hours(months.get(month))})
            month = _add_months(month, 1)
    return {
        "hours": _hours(sum((h for _p, _d, h in lines), Decimal(0))),
        "entries": len(lines),
        "people": len({p for p, _d, _h in lines}),
        "by_month": by_month,
    }


def last_full_month(end: datetime.date) -> datetime.date:
    """The first day of the latest calendar month whose last day is on or before ``end``."""
    month = _month(end)
    return month if _month_end(month) == end else _add_months(month, -1)


def staff_time_growth(
    journey: Journey,
    end: datetime.date,
    months: int,
    *,
    memo: dict[str, Any] | None = None,
    people: dict[int, Any] | None = None,
) -> dict[str, Any]:
    """Unpaid staff hours in the last ``months`` full calendar months up to ``end``, and in the
    ``months`` before those (``memo`` and ``people``: see :func:`staff_unpaid_lines`)."""
    last = last_full_month(end)
    recent_from = _add_months(last, -(months - 1))
    earlier_from = _add_months(recent_from, -months)
    lines = staff_unpaid_lines(
        journey, Period(earlier_from, _month_end(last)), memo=memo, people=people
    )
    recent = sum((h for _p, d, h in lines if d >= recent_from), Decimal(0))
    earlier = sum((h for _p, d, h in lines if d < recent_from), Decimal(0))
    return {
        "recent_from": recent_from.isoformat(),
        "recent_to": _month_end(last).isoformat(),
        "recent_hours": _hours(recent),
        "earlier_from": earlier_from.isoformat(),
        "earlier_to": (recent_from - datetime.timedelta(days=1)).isoformat(),
        "earlier_hours": _hours(earlier),
        "growth": share(float(recent - earlier), float(earlier)),
    }
