"""Two-step sign-in on a phone and a desktop: setting it up from the account page with the key
typed by hand (as someone without a camera would), then signing in with a code; readable,
accessible and with nothing wider than the screen."""

from __future__ import annotations

import re
from typing import Any

import pyotp
import pytest

from powerwith.common import twostep
from tests.browser.conftest import axe, follow, sign_in
from tests.conftest import PASSWORD

NOW = 1_800_000_000.0


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["phone", "page"])
def test_set_up_then_sign_in_with_a_code(
    where: str, request: Any, world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = request.getfixturevalue(where)
    width = 360 if where == "phone" else 1280
    now = {"t": NOW}
    monkeypatch.setattr(twostep, "clock", lambda: now["t"])

    sign_in(page, world.member.email, PASSWORD)
    follow(page.get_by_role("link", name="Two-step sign-in"))
    assert page.locator("h1").inner_text() == "Two-step sign-in"
    axe(page)
    follow(page.get_by_role("link", name="Set up two-step sign-in"))
    assert page.locator("h1").inner_text() == "Set up two-step sign-in"
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 150 and box["x"] + box["width"] <= width
    axe(page)
    _fits(page, width)

    key = page.locator(".key code").inner_text().replace(" ", "")
    assert len(key) == 32
    page.fill("#id_code", "000000")
    follow(page.get_by_role("button", name="Turn on two-step sign-in"))
    assert "That code is not right" in page.locator(".error-summary").inner_text()
    axe(page)
    _fits(page, width)
    page.fill("#id_code", pyotp.TOTP(key).at(now["t"]))
    follow(page.get_by_role("button", name="Turn on two-step sign-in"))
    assert page.locator("h1").inner_text() == "Your recovery codes"
    assert page.locator(".recovery-codes li").count() == 10
    axe(page)
    _fits(page, width)
    follow(page.get_by_role("link", name="Continue"))
    assert "You have 10 recovery codes left." in page.content()

    page.context.clear_cookies()
    sign_in(page, world.member.email, PASSWORD)
    assert page.locator("h1").inner_text() == "Enter the code from your phone"
    axe(page)
    _fits(page, width)
    box = page.get_by_role("button", name="Sign in").bounding_box()
    assert box is not None and box["height"] >= 44
    # The lost-phone help opens without JavaScript (a native disclosure).
    page.get_by_text("Lost your phone, or the app?").click()
    assert page.get_by_text("Type one of your recovery codes").is_visible()
    now["t"] += 30
    page.fill("#id_code", pyotp.TOTP(key).at(now["t"]))
    follow(page.get_by_role("button", name="Sign in"))
    assert page.locator("h1").inner_text() == "Your journeys"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["phone", "page"])
def test_where_you_are_signed_in(
    where: str, request: Any, world: Any, browser: Any, live_server: Any
) -> None:
    page = request.getfixturevalue(where)
    width = 360 if where == "phone" else 1280
    other = browser.new_context(base_url=live_server.url)  # another browser
    sign_in(page, world.member.email, PASSWORD)
    elsewhere = other.new_page()
    sign_in(elsewhere, world.member.email, PASSWORD)
    follow(page.get_by_role("link", name="Where you are signed in"))
    assert page.locator("h1").inner_text() == "Where you are signed in"
    assert page.locator(".cards li").count() == 2
    axe(page)
    _fits(page, width)
    page.locator("summary", has_text="Sign out").click()
    button = page.get_by_role("button", name=re.compile("^Yes, sign it out"))
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44
    follow(button)
    assert "That device is signed out." in page.content()
    assert page.locator(".cards li").count() == 1
    axe(page)
    elsewhere.reload()
    assert elsewhere.locator("h1").inner_text() == "Sign in"
    other.close()
