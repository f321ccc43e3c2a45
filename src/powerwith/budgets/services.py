"""Every change to budgets and their spending.

Spending more than a budget holds is recorded, not refused: the record must say what really
happened, so an overspend is flagged on the budget's page and in the figures
(``budgets.overspent``) instead of being kept out of the record. Facilitators set up budgets
(who holds the final say is a statement about power); members record what was spent.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerwith.common.access import require
from powerwith.common.dates import long_date
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.decisions.models import Decision
from powerwith.journeys.models import Journey
from powerwith.people.models import Organisation

from . import vocab
from .models import MAX_PENCE, Budget, Spending


def _pence(field: str, amount_pence: Any) -> int:
    if not isinstance(amount_pence, int) or isinstance(amount_pence, bool):
        raise invalid(field, _("Enter an amount in pounds and pence, like £12.30."))
    if amount_pence <= 0:
        raise invalid(field, _("Enter an amount more than £0."))
    if amount_pence > MAX_PENCE:
        raise invalid(field, _("That is more than £10,000,000. Check the amount."))
    return amount_pence


def _text(field: str, text: str, *, most: int, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise invalid(field, missing)
    if len(text) > most:
        raise invalid(field, _("Keep this under %(most)s characters.") % {"most": most})
    return text


def _check_budget(
    *,
    journey: Journey,
    name: str,
    amount_pence: Any,
    final_say: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    source: str,
    source_organisation: Organisation | None,
) -> tuple[str, int, str]:
    name = _text("name", name, most=200, missing=_("Give the budget a name, like “Small grants”."))
    amount = _pence("amount_pence", amount_pence)
    if final_say not in vocab.SAY.codes:
        raise invalid("final_say", _("Choose who holds the final say over this money."))
    source = (source or "").strip()
    if len(source) > 200:
        raise invalid("source", _("Keep this under %(most)s characters.") % {"most": 200})
    if source_organisation is not None and source_organisation.journey_id != journey.pk:
        raise invalid("source_organisation", _("Choose an organisation from this journey."))
    if source_organisation is not None:
        source = source_organisation.name[:200]
    if not source:
        raise invalid(
            "source",
            _("Say where the money comes from: choose an organisation or write its name."),
        )
    if ends_on is not None and ends_on < starts_on:
        raise invalid("ends_on", _("The end date must be on or after the start date."))
    return name, amount, source


@transaction.atomic
def budget_create(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    amount_pence: int,
    final_say: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    source: str = "",
    source_organisation: Organisation | None = None,
    notes: str = "",
) -> Budget:
    """A budget the group controls or advises on: how much (whole pence), where it comes from,
    the period it covers, and who holds the final say over how it is spent."""
    require(actor, journey, "manage")
    name, amount, source = _check_budget(
        journey=journey,
        name=name,
        amount_pence=amount_pence,
        final_say=final_say,
        starts_on=starts_on,
        ends_on=ends_on,
        source=source,
        source_organisation=source_organisation,
    )
    budget = Budget.objects.create(
        journey=journey,
        name=name,
        amount_pence=amount,
        final_say=final_say,
        starts_on=starts_on,
        ends_on=ends_on,
        source=source,
        source_organisation=source_organisation,
        notes=(notes or "").strip(),
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="budget_create",
        obj=budget,
        summary=f"{name}: {amount} pence, final say: {final_say}",
    )
    return budget


@transaction.atomic
def budget_update(
    *,
    actor: Any,
    budget: Budget,
    name: str,
    amount_pence: int,
    final_say: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    source: str = "",
    source_organisation: Organisation | None = None,
    notes: str = "",
) -> Budget:
    """Change a budget. Its dates must still hold every line already spent from it."""
    journey = budget.journey
    require(actor, journey, "manage")
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    name, amount, source = _check_budget(
        journey=journey,
        name=name,
        amount_pence=amount_pence,
        final_say=final_say,
        starts_on=starts_on,
        ends_on=ends_on,
        source=source,
        source_organisation=source_organisation,
    )
    lines = Spending.objects.filter(budget=budget)
    earliest = lines.order_by("spent_on").values_list("spent_on", flat=True).first()
    latest = lines.order_by("-spent_on").values_list("spent_on", flat=True).first()
    if earliest is not None and earliest < starts_on:
        raise invalid(
            "starts_on",
            _("Money was already spent from this budget on %(day)s: start on or before then.")
            % {"day": long_date(earliest)},
        )
    if latest is not None and ends_on is not None and latest > ends_on:
        raise invalid(
            "ends_on",
            _("Money was already spent from this budget on %(day)s: end on or after then.")
            % {"day": long_date(latest)},
        )
    before = (budget.amount_pence, budget.final_say)
    budget.name = name
    budget.amount_pence = amount
    budget.final_say = final_say
    budget.starts_on = starts_on
    budget.ends_on = ends_on
    budget.source = source
    budget.source_organisation = source_organisation
    budget.notes = (notes or "").strip()
    budget.save()
    audit(
        journey=journey,
        actor=actor,
        action="budget_update",
        obj=budget,
        summary=f"{name}: {before[0]} -> {amount} pence, final say {before[1]} -> {final_say}",
    )
    return budget


def _check_spending(
    *,
    budget: Budget,
    what: str,
    amount_pence: Any,
    spent_on: datetime.date,
    decision: Decision | None,
) -> tuple[str, int]:
    what = _text("what", what, most=300, missing=_("Say what the money was spent on."))
    amount = _pence("amount_pence", amount_pence)
    if spent_on > timezone.localdate():
        raise invalid("spent_on", _("The date cannot be in the future."))
    if spent_on < budget.starts_on:
        raise invalid(
            "spent_on",
            _("This budget starts on %(day)s. Enter a date on or after it.")
            % {"day": long_date(budget.starts_on)},
        )
    if budget.ends_on is not None and spent_on > budget.ends_on:
        raise invalid(
            "spent_on",
            _("This budget ended on %(day)s. Enter a date on or before it.")
            % {"day": long_date(budget.ends_on)},
        )
    if decision is not None and decision.journey_id != budget.journey_id:
        raise invalid("decision", _("Choose a decision from this journey."))
    return what, amount


@transaction.atomic
def spending_add(
    *,
    actor: Any,
    budget: Budget,
    what: str,
    amount_pence: int,
    spent_on: datetime.date,
    decision: Decision | None = None,
) -> Spending:
    """Something the budget was spent on, and the decision that chose it if there was one.
    Going over the budget is allowed and flagged (see the module's note)."""
    require(actor, budget.journey, "record")
    what, amount = _check_spending(
        budget=budget, what=what, amount_pence=amount_pence, spent_on=spent_on, decision=decision
    )
    line = Spending.objects.create(
        budget=budget,
        journey=budget.journey,
        what=what,
        amount_pence=amount,
        spent_on=spent_on,
        decision=decision,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=budget.journey,
        actor=actor,
        action="spending_add",
        obj=line,
        summary=f"{budget.name}: {what}: {amount} pence",
    )
    return line


@transaction.atomic
def spending_update(
    *,
    actor: Any,
    spending: Spending,
    what: str,
    amount_pence: int,
    spent_on: datetime.date,
    decision: Decision | None = None,
) -> Spending:
    """Correct a line of spending."""
    budget = spending.budget
    require(actor, budget.journey, "record")
    what, amount = _check_spending(
        budget=budget, what=what, amount_pence=amount_pence, spent_on=spent_on, decision=decision
    )
    before = spending.amount_pence
    spending.what = what
    spending.amount_pence = amount
    spending.spent_on = spent_on
    spending.decision = decision
    spending.save()
    audit(
        journey=budget.journey,
        actor=actor,
        action="spending_update",
        obj=spending,
        summary=f"{budget.name}: {what}: {before} -> {amount} pence",
    )
    return spending


@transaction.atomic
def spending_remove(*, actor: Any, spending: Spending) -> None:
    """Remove a line entered by mistake (the audit trail keeps that it was removed)."""
    require(actor, spending.journey, "record")
    audit(
        journey=spending.journey,
        actor=actor,
        action="spending_remove",
        obj=spending,
        summary=f"{spending.budget.name}: {spending}",
    )
    spending.delete()


def budget_remove_refusal(budget: Budget) -> str | None:
    """Why a budget cannot be deleted, or None. Its lines of spending are the record of money
    spent (and of the decisions that chose them), so they go one by one, each with its own log
    line, before the budget can."""
    n = Spending.objects.filter(budget=budget).count()
    if not n:
        return None
    return ngettext(
        "This budget has %(n)s line of spending. Remove it first if it was entered by mistake: "
        "a budget that was spent from is part of the record.",
        "This budget has %(n)s lines of spending. Remove them first if they were entered by "
        "mistake: a budget that was spent from is part of the record.",
        n,
    ) % {"n": n}


@transaction.atomic
def budget_remove(*, actor: Any, budget: Budget) -> None:
    """Delete a budget entered by mistake. Refused while it has lines of spending
    (``budget_remove_refusal``); the log keeps a line saying it was deleted."""
    journey = budget.journey
    require(actor, journey, "manage")
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    refusal = budget_remove_refusal(budget)
    if refusal:
        raise invalid(None, refusal)
    audit(
        journey=journey,
        actor=actor,
        action="budget_remove",
        obj=budget,
        summary=f"{budget.name}: {budget.amount_pence} pence",
    )
    budget.delete()
