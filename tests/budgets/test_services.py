"""Budgets and spending through the services: who may, what is refused (with the field and the
message), overspending flagged but kept, and the audit trail; amounts typed in pounds."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from powerwith.budgets import services
from powerwith.budgets.forms import parse_pounds
from powerwith.budgets.models import Budget, Spending
from powerwith.budgets.selectors import budget_with_totals, left_pence
from powerwith.common.models import AuditEntry
from powerwith.people import services as people_services
from tests.conftest import World, build_world

from .helpers import decide

D = datetime.date


def _budget(w: World, **kw):
    args = {
        "actor": w.facilitator,
        "journey": w.journey,
        "name": "Small grants",
        "amount_pence": 50_000,
        "final_say": "group",
        "starts_on": D(2025, 1, 1),
        "ends_on": D(2025, 12, 31),
        "source": "Harbour Health Charity",
        **kw,
    }
    return services.budget_create(**args)


def _error(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return {k: [str(m) for m in v] for k, v in exc.value.message_dict.items()}


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("£12.30", 1230),
        ("12.3", 1230),
        ("12", 1200),
        (" £ 1,200.05 ", 120_005),
        ("1,234,567", 123_456_700),
        (".5", 50),
        ("0.07", 7),
    ],
)
def test_pounds_are_read_as_whole_pence(typed: str, pence: int) -> None:
    assert parse_pounds(typed) == pence


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12.345", "Enter pence as two figures at most, like £12.30."),
        ("12,30", "Use a full stop between pounds and pence, like £12.30."),
        ("-5", "Enter an amount more than £0."),
        ("twelve", "Enter the amount in pounds and pence, like £12.30."),
        ("£", "Enter the amount in pounds and pence, like £12.30."),
        ("١٢", "Enter the amount in pounds and pence, like £12.30."),
        ("12.30p", "Enter the amount in pounds and pence, like £12.30."),
        ("1,20,000", "Enter the amount in pounds and pence, like £12.30."),
        ("1e5", "Enter the amount in pounds and pence, like £12.30."),
        ("9" * 20, "Enter the amount in pounds and pence, like £12.30."),
    ],
)
def test_bad_pounds_say_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_pounds(typed)
    assert str(exc.value.args[0]) == message


def test_create_and_audit(world: World) -> None:
    budget = _budget(world)
    assert budget.amount_pence == 50_000 and budget.source_name == "Harbour Health Charity"
    line = AuditEntry.objects.filter(journey=world.journey, action="budget_create").get()
    assert line.summary == "Small grants: 50000 pence, final say: group"


def test_only_facilitators_set_up_budgets_and_observers_record_nothing(world: World) -> None:
    with pytest.raises(PermissionDenied):
        _budget(world, actor=world.member)
    budget = _budget(world)
    with pytest.raises(PermissionDenied):
        services.budget_update(
            actor=world.member,
            budget=budget,
            name="x",
            amount_pence=1,
            final_say="group",
            starts_on=D(2025, 1, 1),
            source="x",
        )
    # Members record spending; observers cannot.
    services.spending_add(
        actor=world.member, budget=budget, what="Tea", amount_pence=300, spent_on=D(2025, 2, 1)
    )
    with pytest.raises(PermissionDenied):
        services.spending_add(
            actor=world.observer,
            budget=budget,
            what="Tea",
            amount_pence=300,
            spent_on=D(2025, 2, 1),
        )
    assert Spending.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "  "}, "name", "Give the budget a name, like “Small grants”."),
        ({"amount_pence": 0}, "amount_pence", "Enter an amount more than £0."),
        (
            {"amount_pence": 1_000_000_001},
            "amount_pence",
            "That is more than £10,000,000. Check the amount.",
        ),
        (
            {"amount_pence": "12"},
            "amount_pence",
            "Enter an amount in pounds and pence, like £12.30.",
        ),
        ({"final_say": "nobody"}, "final_say", "Choose who holds the final say over this money."),
        (
            {"source": ""},
            "source",
            "Say where the money comes from: choose an organisation or write its name.",
        ),
        (
            {"ends_on": D(2024, 12, 31)},
            "ends_on",
            "The end date must be on or after the start date.",
        ),
    ],
)
def test_bad_budgets_are_refused(world: World, change: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _budget(world, **change)
    assert _error(exc) == {field: [message]}
    assert not Budget.objects.exists()


def test_an_organisation_of_another_journey_is_refused(world: World) -> None:
    other = build_world("2", "Another journey")
    theirs = people_services.organisation_create(
        actor=other.facilitator, journey=other.journey, name="Their funder", kind="voluntary"
    )
    with pytest.raises(ValidationError) as exc:
        _budget(world, source="", source_organisation=theirs)
    assert _error(exc) == {"source_organisation": ["Choose an organisation from this journey."]}
    ours = people_services.organisation_create(
        actor=world.facilitator, journey=world.journey, name="Our funder", kind="voluntary"
    )
    budget = _budget(world, source="", source_organisation=ours)
    assert budget.source_name == "Our funder" and budget.source == "Our funder"
    # The organisation leaving the register (or the journey being deleted) keeps the name.
    ours.delete()
    budget.refresh_from_db()
    assert budget.source_organisation is None and budget.source_name == "Our funder"


def test_spending_checks(world: World) -> None:
    budget = _budget(world)
    today = timezone.localdate()
    other = build_world("3", "Elsewhere")
    theirs = decide(other, "Their decision", "co_producing", D(2025, 3, 1))
    cases = [
        ({"what": ""}, "what", "Say what the money was spent on."),
        ({"amount_pence": -1}, "amount_pence", "Enter an amount more than £0."),
        (
            {"spent_on": today + datetime.timedelta(days=1)},
            "spent_on",
            "The date cannot be in the future.",
        ),
        (
            {"spent_on": D(2024, 12, 31)},
            "spent_on",
            "This budget starts on 1 January 2025. Enter a date on or after it.",
        ),
        (
            {"spent_on": D(2026, 1, 1)},
            "spent_on",
            "This budget ended on 31 December 2025. Enter a date on or before it.",
        ),
        ({"decision": theirs}, "decision", "Choose a decision from this journey."),
    ]
    for change, field, message in cases:
        args = {"what": "Tea", "amount_pence": 300, "spent_on": D(2025, 2, 1), **change}
        with pytest.raises(ValidationError) as exc:
            services.spending_add(actor=world.facilitator, budget=budget, **args)
        assert _error(exc) == {field: [message]}, change
    assert not Spending.objects.exists()


def test_overspending_is_kept_and_flagged(world: World) -> None:
    budget = _budget(world, amount_pence=1_000)
    services.spending_add(
        actor=world.facilitator,
        budget=budget,
        what="Hall",
        amount_pence=1_250,
        spent_on=D(2025, 2, 1),
    )
    found = budget_with_totals(world.journey, budget.pk)
    assert found.spent_pence == 1_250
    assert left_pence(found) == -250


def test_budget_dates_must_keep_its_spending(world: World) -> None:
    budget = _budget(world)
    services.spending_add(
        actor=world.facilitator, budget=budget, what="Tea", amount_pence=300, spent_on=D(2025, 2, 1)
    )
    base = {
        "actor": world.facilitator,
        "budget": budget,
        "name": "Small grants",
        "amount_pence": 50_000,
        "final_say": "shared",
        "source": "Harbour Health Charity",
    }
    with pytest.raises(ValidationError) as exc:
        services.budget_update(**base, starts_on=D(2025, 3, 1))
    assert _error(exc) == {
        "starts_on": [
            "Money was already spent from this budget on 1 February 2025: start on or before then."
        ]
    }
    with pytest.raises(ValidationError) as exc:
        services.budget_update(**base, starts_on=D(2025, 1, 1), ends_on=D(2025, 1, 31))
    assert _error(exc) == {
        "ends_on": [
            "Money was already spent from this budget on 1 February 2025: end on or after then."
        ]
    }
    services.budget_update(**base, starts_on=D(2025, 1, 1), ends_on=D(2025, 2, 1))
    budget.refresh_from_db()
    assert budget.final_say == "shared" and budget.ends_on == D(2025, 2, 1)


def test_update_and_remove_spending(world: World) -> None:
    budget = _budget(world)
    d = decide(world, "Buy tea", "co_producing", D(2025, 1, 20))
    line = services.spending_add(
        actor=world.member, budget=budget, what="Tea", amount_pence=300, spent_on=D(2025, 2, 1)
    )
    services.spending_update(
        actor=world.member,
        spending=line,
        what="Tea and cake",
        amount_pence=550,
        spent_on=D(2025, 2, 2),
        decision=d,
    )
    line.refresh_from_db()
    assert (line.what, line.amount_pence, line.decision_id) == ("Tea and cake", 550, d.pk)
    services.spending_remove(actor=world.member, spending=line)
    assert not Spending.objects.exists()
    actions = list(
        AuditEntry.objects.filter(journey=world.journey, action__startswith="spending_")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["spending_add", "spending_update", "spending_remove"]
