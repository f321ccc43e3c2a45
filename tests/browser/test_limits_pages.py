"""The pages that say "wait": signing in paused after wrong passwords, and too many tries from
one address. Plain words, accessible (axe), on a 360px phone and a desktop."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe, follow, no_sideways_scroll
from tests.conftest import PASSWORD, World

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("pinned_clock")]


def try_to_sign_in(page: Any, email: str, password: str) -> None:
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    follow(page.locator("main button[type=submit]"))


def test_paused_sign_in_page(page: Any, phone: Any, world: World, settings: Any) -> None:
    settings.AXES_ENABLED = True
    for _ in range(8):
        try_to_sign_in(page, world.member.email, "not my password")
    expect(page.locator("h1")).to_have_text("Signing in is paused")
    assert "for an hour" in page.inner_text("main")
    axe(page)
    # The right password, on a phone on the same connection: still paused, and readable.
    try_to_sign_in(phone, world.member.email, PASSWORD)
    expect(phone.locator("h1")).to_have_text("Signing in is paused")
    follow(phone.get_by_role("link", name="choose a new one"))
    expect(phone.locator("h1")).to_have_text("Forgotten your password?")
    phone.go_back()
    no_sideways_scroll(phone)
    axe(phone)


def test_too_many_tries_page(page: Any, phone: Any, world: World, settings: Any) -> None:
    settings.POWERWITH_RATE_LIMITS = {**settings.POWERWITH_RATE_LIMITS, "lookup": (1, 60)}
    world.journey.public_you_said = True
    world.journey.save()
    url = f"/p/{world.journey.slug}/you-said-we-did/"
    assert page.goto(url).status == 200
    response = page.goto(url)
    assert response.status == 429 and response.headers["retry-after"] == "59"
    expect(page.locator("h1")).to_have_text("Too many tries from here")
    assert "Try again in a minute." in page.inner_text("main")
    axe(page)
    assert phone.goto(url).status == 429
    no_sideways_scroll(phone)
    axe(phone)
