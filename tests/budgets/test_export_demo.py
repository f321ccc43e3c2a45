"""The money tables of the journey's export, and the demo's budgets."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

import pytest

from powerwith.budgets.models import Budget, Spending
from powerwith.exports import all_tables, build_zip
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from tests import demo_snapshot
from tests.conftest import World

from .helpers import build_money, build_staff_time

D = datetime.date


def test_export_tables(world: World) -> None:
    money = build_money(world)
    build_staff_time(world)
    tables, descriptions = all_tables(world.journey)
    assert {"budgets", "budget_spending", "budget_figures"} <= set(descriptions)
    rows = {r["name"]: r for r in tables["budgets"]}
    assert rows["Small grants"]["amount_pence"] == 100_000
    assert rows["Small grants"]["spent_pence"] == 15_000
    assert rows["Small grants"]["left_pence"] == 85_000
    assert rows["Small grants"]["final_say_rung"] == "co_producing"
    assert rows["Running costs"]["final_say"] == "staff"
    assert str(rows["Small grants"]["recorded_by"]).startswith("A")
    spending = {r["what"]: r for r in tables["budget_spending"]}
    assert spending["Leaflets"]["decision_id"] == money.decisions["d1"].pk
    assert spending["Leaflets"]["decision_rung"] == "co_producing"
    assert spending["Tea and biscuits"]["decision_id"] is None
    figures = {(r["measure"], r["rung"]): r["value"] for r in tables["budget_figures"]}
    assert figures[("group_decided_pence", "")] == 15_000
    assert figures[("group_decided_share", "")] == 0.25
    assert figures[("spent_pence", "not_linked")] == 5_000
    assert figures[("staff_unpaid_hours", "")] == 13.5
    with zipfile.ZipFile(io.BytesIO(build_zip(world.journey))) as z:
        names = z.namelist()
        budget_csv = next(n for n in names if n.endswith("budgets.csv"))
        read = list(csv.DictReader(io.StringIO(z.read(budget_csv).decode("utf-8-sig"))))
    assert {r["name"] for r in read} == {"Small grants", "Running costs"}
    # No one's name anywhere in the money tables.
    text = repr(tables["budgets"]) + repr(tables["budget_spending"])
    assert "Sue" not in text and "Fran" not in text


@pytest.fixture
def demo(db):
    demo_snapshot.load_demo()
    return {j.slug: j for j in Journey.objects.all()}


def test_demo_money(demo) -> None:
    ebcd, lab = demo["better-breast-care"], demo["northfield-together"]
    for journey in (ebcd, lab):
        assert Budget.objects.filter(journey=journey).count() == 2
        assert Spending.objects.filter(journey=journey, decision__isnull=False).exists()
        data = insights_for(journey, Period())["sections"]["budgets"]
        assert data["spending"]["group_decided_pence"] > 0
        assert 0 < data["spending"]["group_decided_share"] < 1
        assert data["staff_unpaid_time"]["hours"] > 0
    doc = insights_for(ebcd, Period())
    fired = {w["code"] for w in doc["warnings"] if w["section"] == "budgets" and w["fired"]}
    assert "staff_unpaid_time_growing" in fired
