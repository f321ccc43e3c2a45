"""Marking a ledger task done in a real browser: a mistake kept on the form, then done, at 360
and 1280 px with axe."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from powerwith.inclusion import services
from powerwith.people import services as people_services
from tests.browser.conftest import axe, fits, follow, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_mark_a_task_done(page: Any, phone: Any, world: Any) -> None:
    ula = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Ula",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    services.task_record(
        actor=world.facilitator,
        person=ula,
        description="Runs the drop-in",
        since=datetime.date(2025, 1, 6),
    )
    ledger = f"/j/{world.journey.slug}/inclusion/ledger/"
    for p, width in ((phone, 360), (page, 1280)):
        sign_in(p, world.member.email, PASSWORD)
        p.goto(ledger)
        follow(p.get_by_role("link", name="Mark as done Runs the drop-in, by Ula"))
        expect(p.locator("h1")).to_have_text("Done: Runs the drop-in (Ula)")
        fits(p, width)
        axe(p)
    page.get_by_label("Last day they did it (it was finished, or stopped being theirs)").fill(
        "2025-01-01"
    )
    follow(page.get_by_role("button", name="Mark as done"))
    assert "It cannot be done before it started (6 January 2025)." in page.inner_text("main")
    axe(page)
    page.get_by_label("Last day they did it (it was finished, or stopped being theirs)").fill(
        "2025-02-01"
    )
    follow(page.get_by_role("button", name="Mark as done"))
    assert "done 1 Feb 2025" in page.inner_text("main")
    phone.goto(ledger)
    fits(phone, 360)
    axe(phone)
