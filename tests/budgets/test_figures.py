"""The money figures and warning signs on the worked examples of docs/insights.md ("budgets")."""

from __future__ import annotations

import datetime

import pytest

from powerwith.budgets import insights
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.insights.thresholds import merged
from tests.conftest import World
from tests.insights.doc_keys import DOC, flatten

from .helpers import build_money, build_staff_time, decide

D = datetime.date
MARCH = Period(D(2025, 3, 1), D(2025, 3, 31))


def _warning(doc: dict, code: str) -> dict:
    [found] = [w for w in doc["warnings"] if w["code"] == code]
    return found


def test_money_by_rung_worked_example(world: World) -> None:
    build_money(world)
    doc = insights_for(world.journey, MARCH)
    data = doc["sections"]["budgets"]
    spending = data["spending"]
    assert spending["lines"] == 4
    assert spending["total_pence"] == 60_000
    assert spending["linked_pence"] == 55_000
    rungs = {r["code"]: (r["lines"], r["pence"], r["share"]) for r in spending["by_rung"]}
    assert [r["code"] for r in spending["by_rung"]][:2] == ["co_producing", "co_designing"]
    assert rungs == {
        "co_producing": (1, 12_000, 0.2),
        "co_designing": (1, 3_000, 0.05),
        "engaging": (0, 0, 0.0),
        "consulting": (1, 40_000, 0.667),
        "informing": (0, 0, 0.0),
        "educating": (0, 0, 0.0),
        "coercing": (0, 0, 0.0),
    }
    assert spending["not_linked"] == {"lines": 1, "pence": 5_000, "share": 0.083}
    assert spending["group_decided_pence"] == 15_000
    assert spending["group_decided_share"] == 0.25
    assert spending["group_decisions_with_money"] == 2
    budgets = data["budgets"]
    assert budgets["count"] == 2 and budgets["total_pence"] == 300_000
    assert budgets["group_say_pence"] == 100_000 and budgets["group_say_share"] == 0.333
    assert {r["code"]: (r["budgets"], r["total_pence"], r["rung"]) for r in budgets["by_say"]} == {
        "group": (1, 100_000, "co_producing"),
        "shared": (0, 0, "co_designing"),
        "advises": (0, 0, "consulting"),
        "staff": (1, 200_000, "informing"),
    }
    assert budgets["overspent"] == 0
    assert data["decisions"] == 3
    sign = _warning(doc, "group_decides_no_money")
    assert sign["fired"] is False
    assert sign["evidence"] == {
        "decisions": 3,
        "spending_pence": 60_000,
        "group_decided_pence": 15_000,
    }


def test_nothing_spent_means_shares_are_null(world: World) -> None:
    build_money(world)
    april = insights_for(world.journey, Period(D(2025, 4, 1), D(2025, 4, 30)))
    spending = april["sections"]["budgets"]["spending"]
    assert spending["total_pence"] == 0
    assert spending["group_decided_share"] is None
    assert all(r["share"] is None for r in spending["by_rung"])
    # Budgets still overlap April; no decision in April, so no warning (threshold 3).
    assert april["sections"]["budgets"]["budgets"]["count"] == 2
    assert _warning(april, "group_decides_no_money")["fired"] is False


def test_warning_when_the_group_decides_nothing_that_costs_money(world: World) -> None:
    build_money(world)
    for n in range(3):
        decide(world, f"Hold meeting {n} on a Tuesday", "co_producing", D(2025, 5, 5 + n))
    may = insights_for(world.journey, Period(D(2025, 5, 1), D(2025, 5, 31)))
    sign = _warning(may, "group_decides_no_money")
    assert sign["fired"] is True
    assert sign["evidence"] == {"decisions": 3, "spending_pence": 0, "group_decided_pence": 0}
    # A journey's own threshold: 4 decisions before warning.
    assert (
        insights.warnings(
            world.journey,
            Period(D(2025, 5, 1), D(2025, 5, 31)),
            may["sections"]["budgets"],
            merged({"group_decides_no_money": {"min_decisions": 4}}),
        )[0].fired
        is False
    )


def test_overspent_budget_is_counted(world: World) -> None:
    from powerwith.budgets import services

    money = build_money(world)
    services.spending_add(
        actor=world.facilitator,
        budget=money.grants,
        what="Second print run",
        amount_pence=85_001,
        spent_on=D(2025, 6, 1),
    )
    doc = insights_for(world.journey, MARCH)
    # Overspent counts all the budget's spending (100,001 p of 100,000 p), whatever its date.
    assert doc["sections"]["budgets"]["budgets"]["overspent"] == 1


def test_staff_unpaid_time_worked_example(world: World) -> None:
    build_staff_time(world)
    half = Period(D(2025, 1, 1), D(2025, 6, 30))
    doc = insights_for(world.journey, half)
    staff = doc["sections"]["budgets"]["staff_unpaid_time"]
    assert staff["hours"] == 13.5
    assert staff["entries"] == 6
    assert staff["people"] == 2
    assert staff["by_month"] == [
        {"month": "2025-01", "hours": 2.0},
        {"month": "2025-02", "hours": 1.5},
        {"month": "2025-03", "hours": 0.0},
        {"month": "2025-04", "hours": 3.0},
        {"month": "2025-05", "hours": 3.0},
        {"month": "2025-06", "hours": 4.0},
    ]
    sign = _warning(doc, "staff_unpaid_time_growing")
    assert sign["fired"] is True
    assert sign["evidence"] == {
        "recent_from": "2025-04-01",
        "recent_to": "2025-06-30",
        "recent_hours": 10.0,
        "earlier_from": "2025-01-01",
        "earlier_to": "2025-03-31",
        "earlier_hours": 3.5,
        "growth": 1.857,
    }


def test_staff_time_growth_uses_full_months_only(world: World) -> None:
    build_staff_time(world)
    # 29 June is not the end of June, so the last full month is May: March to May against
    # December to February.
    doc = insights_for(world.journey, Period(D(2025, 1, 1), D(2025, 6, 29)))
    sign = _warning(doc, "staff_unpaid_time_growing")
    assert sign["evidence"]["recent_from"] == "2025-03-01"
    assert sign["evidence"]["recent_to"] == "2025-05-31"
    assert sign["evidence"]["recent_hours"] == 6.0  # April 3 + May 2 + Ray's 1 in May
    assert sign["evidence"]["earlier_hours"] == 3.5  # January 2 + February 1.5
    assert sign["evidence"]["growth"] == 0.714
    # 6 >= 6 hours and 6 > 3.5 x 1.25 = 4.375: fires; with growth 0.75 needed, it does not.
    assert sign["fired"] is True
    data = doc["sections"]["budgets"]
    again = insights.warnings(
        world.journey,
        Period(D(2025, 1, 1), D(2025, 6, 29)),
        data,
        merged({"staff_unpaid_time_growing": {"growth": 0.75}}),
    )
    assert again[1].fired is False


def test_nothing_earlier_and_too_few_hours(world: World) -> None:
    build_staff_time(world)
    # Up to 28 February: recent Dec-Feb = 3.5 hours, under 6: no warning; growth has no base.
    doc = insights_for(world.journey, Period(end=D(2025, 2, 28)))
    sign = _warning(doc, "staff_unpaid_time_growing")
    assert sign["evidence"]["recent_hours"] == 3.5
    assert sign["evidence"]["earlier_hours"] == 0.0
    assert sign["evidence"]["growth"] is None
    assert sign["fired"] is False


def test_every_key_is_documented(world: World) -> None:
    build_money(world)
    build_staff_time(world)
    doc = insights_for(world.journey, Period(D(2025, 1, 1), D(2025, 6, 30)))
    text = DOC.read_text()
    section = text[text.index("\n## budgets") :]
    section = section[: section.index("\n## ", 5)]
    import re

    known = set(re.findall(r"`([^`\s]+)`", section))
    missing = sorted(flatten(doc["sections"]["budgets"]) - known)
    assert not missing, f"budgets keys missing from docs/insights.md: {missing}"
    for code, names in insights.DEFAULT_THRESHOLDS.items():
        assert f"`{code}`" in section
        for name in names:
            assert f"`{name}`" in section
    for code, keys in insights.EVIDENCE_INFO.items():
        for key in keys:
            assert f"`{key}`" in section, (code, key)


@pytest.mark.parametrize("end", [D(2025, 1, 31), D(2024, 12, 31), D(2025, 3, 30)])
def test_last_full_month(end: datetime.date) -> None:
    from powerwith.budgets.selectors import last_full_month

    expected = {
        D(2025, 1, 31): D(2025, 1, 1),
        D(2024, 12, 31): D(2024, 12, 1),
        D(2025, 3, 30): D(2025, 2, 1),
    }[end]
    assert last_full_month(end) == expected


def test_a_journey_sets_the_money_thresholds(world: World) -> None:
    from django.urls import reverse

    from tests.conftest import client_for

    build_staff_time(world)
    address = reverse("insights:thresholds", kwargs={"slug": world.journey.slug})
    c = client_for(world.facilitator)
    form = c.get(address).context["form"]
    data = {name: form[name].value() for name in form.fields}
    assert data["staff_unpaid_time_growing__growth"] == 25.0  # shown as a percentage
    data["staff_unpaid_time_growing__growth"] = "80"
    data["staff_unpaid_time_growing__min_hours"] = "11"
    data["group_decides_no_money__min_decisions"] = "5"
    assert c.post(address, data).status_code == 302
    world.journey.refresh_from_db()
    assert world.journey.options["warnings"] == {
        "staff_unpaid_time_growing": {"growth": 0.8, "min_hours": 11},
        "group_decides_no_money": {"min_decisions": 5},
    }
    # 10 recent hours against 3.5 before: 186% up, more than 80%, but under 11 hours: no warning.
    doc = insights_for(world.journey, Period(D(2025, 1, 1), D(2025, 6, 30)))
    assert _warning(doc, "staff_unpaid_time_growing")["fired"] is False
