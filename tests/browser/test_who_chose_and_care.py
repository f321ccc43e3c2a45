"""Who chose who was in the room (a gathering's page and its two forms) and the care page
(facilitators only): plain words, accessible (axe), on a 360px phone and a desktop."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from powerwith.care.models import CareFlag
from powerwith.gatherings import services as gs
from powerwith.people import services as ps
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_record_who_chose_and_who_was_left_off(page: Any, phone: Any, world: World) -> None:
    day = datetime.date.today() - datetime.timedelta(days=3)
    g = gs.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Ward café",
        kind="informal_session",
        held_on=day,
        venue_kind="community",
    )
    ps.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Nia Nurse",
        role="frontline_staff",
        joined_on=day,
    )
    sign_in(page, world.member.email, PASSWORD)
    page.goto(g.get_absolute_url())
    follow(page.get_by_role("link", name="Record who chose who was invited"))
    page.get_by_label("Particular people drew up the invitation list").check()
    follow(page.get_by_role("button", name="Save"))
    expect(page.locator(".error-summary")).to_contain_text(
        "Choose at least one person who drew up the invitation list."
    )
    axe(page)
    page.get_by_label("Nia Nurse").check()
    follow(page.get_by_role("button", name="Save"))
    expect(page.locator("main")).to_contain_text(
        "Only people there because of their job chose who was invited."
    )
    follow(page.get_by_role("link", name="Record someone who was left off"))
    page.get_by_label("Or a group of people").fill("Night-shift staff")
    page.get_by_label("Why were they left off?").fill("Held at two in the afternoon.")
    follow(page.get_by_role("button", name="Record who was left off"))
    expect(page.locator("main")).to_contain_text("Held at two in the afternoon.")
    axe(page)
    sign_in(phone, world.member.email, PASSWORD)
    phone.goto(g.get_absolute_url() + "#invited")
    expect(phone.locator("#invited")).to_be_visible()
    no_sideways_scroll(phone)
    axe(phone)
    phone.goto(g.get_absolute_url() + "left-off/")
    no_sideways_scroll(phone)
    axe(phone)


def test_care_page_for_facilitators(page: Any, phone: Any, world: World) -> None:
    day = datetime.date.today() - datetime.timedelta(days=30)
    ps.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Pat",
        role="service_user",
        joined_on=day,
    )
    ps.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Nia Nurse",
        role="frontline_staff",
        joined_on=day,
    )
    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/inclusion/")
    follow(page.get_by_role("link", name="Power in care relationships (private)"))
    expect(page.locator("h1")).to_have_text("Power in care relationships")
    axe(page)
    follow(page.get_by_role("link", name="Record someone in the care of a member"))
    page.get_by_label("Who is in the care of a member of the group").select_option(label="Pat")
    page.get_by_label("Whose care they are in (optional)").select_option(label="Nia Nurse")
    page.get_by_label("Since when (optional)").fill("2026-01-05")
    page.get_by_label("Until when (optional)").fill("2025-01-05")
    follow(page.get_by_role("button", name="Save"))
    expect(page.locator(".error-summary")).to_contain_text("The end must be on or after the start.")
    axe(page)
    page.get_by_label("Until when (optional)").fill("")
    follow(page.get_by_role("button", name="Save"))
    expect(page.locator("main table")).to_contain_text("Nia Nurse")
    assert CareFlag.objects.count() == 1
    sign_in(phone, world.facilitator.email, PASSWORD)
    phone.goto(f"/j/{world.journey.slug}/care/")
    no_sideways_scroll(phone)
    axe(phone)
    phone.goto(f"/j/{world.journey.slug}/care/{CareFlag.objects.get().pk}/")
    no_sideways_scroll(phone)
    axe(phone)
    # A member is refused.
    sign_in(phone, world.member.email, PASSWORD)
    assert phone.goto(f"/j/{world.journey.slug}/care/").status == 403
