"""Training pages in a real browser: a facilitator adds a session, who came, a goal, and the
before and after questions, through the forms; every page passes axe at 1280px and on a 360px
phone, and fits the phone's width."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from powerwith.people import services as people_services
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_session_through_the_pages(page: Any, phone: Any, world: World) -> None:
    for name in ("Ann Jones", "Bo Smith"):
        people_services.person_create(
            actor=world.facilitator,
            journey=world.journey,
            name=name,
            role="service_user",
            joined_on=datetime.date(2025, 1, 6),
        )
    slug = world.journey.slug
    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{slug}/training/")
    expect(page.locator("h1")).to_have_text("Training")
    axe(page)
    follow(page.get_by_role("link", name="Add a training session"))
    follow(page.locator("main button[type=submit]"))  # nothing typed: the error summary
    expect(page.locator(".error-summary, [role=alert]").first).to_be_visible()
    axe(page)
    page.fill("#id_title", "Chairing meetings")
    page.fill("#id_held_on", timezone.localdate().isoformat())
    page.fill("#id_trainer", "Carers Wales")
    follow(page.locator("main button[type=submit]"))
    expect(page.locator("h1")).to_have_text("Chairing meetings")
    follow(page.get_by_role("link", name="Add who came"))
    page.get_by_label("Ann Jones").check()
    page.get_by_label("Bo Smith").check()
    axe(page)
    follow(page.locator("main button[type=submit]"))
    expect(page.locator("main")).to_contain_text("2 of 2 people came.")
    follow(page.get_by_role("link", name="Add a goal for Ann Jones"))
    page.fill("#id_text", "To chair our next meeting")
    axe(page)
    follow(page.locator("main button[type=submit]"))
    follow(page.get_by_role("link", name="Choose the questions"))
    axe(page)
    follow(page.locator("main button[type=submit]"))
    expect(page.locator("main")).to_contain_text("Before the session")
    follow(page.get_by_role("button", name="Open the after questions"))
    expect(page.locator("main")).to_contain_text("After the session")
    axe(page)
    url = page.url

    sign_in(phone, world.facilitator.email, PASSWORD)
    for address in (url, f"/j/{slug}/training/", f"/j/{slug}/dashboard/"):
        phone.goto(address)
        no_sideways_scroll(phone)
        axe(phone)
    phone.goto(url)
    follow(phone.get_by_role("link", name="Revisit: was it met?"), tap=True)
    phone.get_by_label("Partly met").check()
    follow(phone.locator("main button[type=submit]"), tap=True)
    expect(phone.locator("main")).to_contain_text("Partly met")
    no_sideways_scroll(phone)
    axe(phone)
