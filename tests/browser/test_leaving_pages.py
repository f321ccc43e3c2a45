"""Leaving well's pages in a real browser: who stopped coming and asking them why (a form sent
with a mistake, then right), handovers, assets kept or gone, the legacy plan; each checked
with axe and for fitting a 360px phone as well as a desktop."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD
from tests.insights.conftest import stays  # noqa: F401  (the retention scene)

pytestmark = pytest.mark.django_db(transaction=True)


def test_leaving_pages(page: Any, phone: Any, stays: dict[str, Any]) -> None:  # noqa: F811
    w = stays["w"]
    base = f"/j/{w.journey.slug}/people/leaving/"
    for p in (page, phone):
        sign_in(p, w.facilitator.email, PASSWORD)
        p.goto(f"/j/{w.journey.slug}/people/")
        follow(p.get_by_role("link", name="Leaving well: who stopped coming"))
        expect(p.locator("h1")).to_have_text("Leaving well")
        no_sideways_scroll(p)
        axe(p)
    # Ask P2 why they stopped: a mistake first, then right.
    page.goto(base + "stopped/")
    expect(page.locator("h1")).to_have_text("Who stopped coming, and why")
    axe(page)
    follow(page.get_by_role("link", name="Record asking P2"))
    page.get_by_label("Phone call").check()
    page.get_by_label("They told us why").check()
    page.get_by_label("Health or caring").check()
    follow(page.get_by_role("button", name="Record"))
    expect(page.locator(".error-summary, [role=alert]").first).to_be_visible()
    assert "Write what they said, in their words." in page.inner_text("main")
    assert page.get_by_label("Health or caring").is_checked()
    axe(page)
    page.get_by_label("Why they stopped, in their words").fill("The bus does not run on Mondays.")
    follow(page.get_by_role("button", name="Record"))
    assert "The bus does not run on Mondays." in page.inner_text("main")
    phone.goto(base + "stopped/")
    no_sideways_scroll(phone)
    axe(phone)
    for path in ("handovers/", "assets/", "legacy/", "legacy/plan/", "legacy/parts/new/"):
        for p in (page, phone):
            p.goto(base + path)
            no_sideways_scroll(p)
            axe(p)
    phone.goto(base + f"handovers/{stays['p'][4].pk}/new/?occasion=left")
    expect(phone.locator("h1")).to_have_text("Handover from P4, who left")
    no_sideways_scroll(phone)
    axe(phone)
