"""Money pages: adding a budget typed in pounds (with a mistake first: the error summary), then
recording spending linked to a decision and removing a line; accessible (axe) and fitting a
360px phone and a desktop."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from powerwith.budgets.models import Budget, Spending
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.budgets.helpers import build_money
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def small_targets(page: Any) -> list[str]:
    """Links and buttons in the page's main part smaller than 44px high."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main a, main button, main summary')]
        .filter(e => e.offsetParent !== null && !e.closest('td, th, p, dd, li'))
        .filter(e => e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80))"""
    )


def test_add_a_budget_and_record_spending(page: Any, world: World) -> None:
    money = build_money(world)
    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/decisions/")
    follow(page.get_by_role("link", name="Money and budgets"))
    expect(page.locator("h1")).to_have_text("Money and budgets")
    axe(page)
    follow(page.get_by_role("link", name="Add a budget"))
    page.fill("#id_name", "Refreshments")
    page.fill("#id_amount_pence", "£12,30")
    page.fill("#id_source", "The café")
    page.fill("#id_starts_on", "2025-01-01")
    page.check("input[name=final_say][value=shared]")
    follow(page.locator("main button[type=submit]").first)
    expect(page.locator(".error-summary")).to_contain_text(
        "Use a full stop between pounds and pence, like £12.30."
    )
    axe(page)
    page.fill("#id_amount_pence", "£120.50")
    follow(page.locator("main button[type=submit]").first)
    budget = Budget.objects.get(name="Refreshments")
    assert budget.amount_pence == 12_050 and budget.final_say == "shared"
    expect(page.locator("h1")).to_have_text("Refreshments")
    follow(page.get_by_role("link", name="Record spending"))
    page.fill("#id_what", "Tea and cake")
    page.fill("#id_amount_pence", "130")
    page.fill("#id_spent_on", "2025-03-20")
    page.select_option("#id_decision", str(money.decisions["d1"].pk))
    follow(page.get_by_role("button", name="Record spending"))
    expect(page.locator(".warning-box")).to_contain_text("Overspent by £9.50.")
    expect(page.locator("main table")).to_contain_text("Print our own leaflet")
    axe(page)
    page.locator("main details.confirm-inline summary").first.click()
    follow(page.get_by_role("button", name="Yes, remove it"))
    assert not Spending.objects.filter(budget=budget).exists()
    expect(page.locator("main")).to_contain_text("Nothing spent from this budget yet.")


def test_money_pages_on_a_phone(phone: Any, world: World) -> None:
    money = build_money(world)
    sign_in(phone, world.member.email, PASSWORD)
    phone.goto(f"/j/{world.journey.slug}/decisions/money/")
    expect(phone.locator("h1")).to_have_text("Money and budgets")
    no_sideways_scroll(phone)
    axe(phone)
    follow(phone.get_by_role("link", name="Small grants"), tap=True)
    expect(phone.locator("main table")).to_contain_text("Leaflets")
    no_sideways_scroll(phone)
    assert small_targets(phone) == []
    axe(phone)
    follow(phone.get_by_role("link", name="Record spending"), tap=True)
    no_sideways_scroll(phone)
    axe(phone)
    assert money.grants.starts_on == datetime.date(2025, 1, 1)
