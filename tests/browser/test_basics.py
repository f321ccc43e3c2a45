"""The first steps in a real browser: sign in, see your journeys, start a journey (after a
mistake), record what the group agreed; accessibility scans of those pages; and the journey
pages on a 360px-wide phone without sideways scrolling."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_create_a_journey_and_record_the_agreement(page: Any, world: World) -> None:
    page.goto("/")
    expect(page.locator("h1")).to_have_text("PowerWith")
    axe(page)
    page.goto("/accounts/sign-in/")
    axe(page)

    # A wrong password is refused with a message, the email kept.
    page.fill("#id_username", world.facilitator.email)
    page.fill("#id_password", "not my password")
    follow(page.locator("main button[type=submit]"))
    assert "The email address or password is not right" in page.inner_text(".error-summary")
    assert page.input_value("#id_username") == world.facilitator.email

    sign_in(page, world.facilitator.email, PASSWORD)
    expect(page.locator("h1")).to_have_text("Your journeys")
    assert page.get_by_role("link", name="Better breast care").is_visible()
    axe(page)

    # Start a journey, forgetting its name first.
    follow(page.get_by_role("link", name="Start a new journey"))
    expect(page.locator("h1")).to_have_text("Start a new journey")
    page.fill("#id_purpose", "Make the community shop a place where everyone has a say.")
    page.get_by_label("Co-design").check()
    page.select_option("#id_level", "community")
    follow(page.locator("main form button[type=submit]"))
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Enter a name for the journey." in summary.inner_text()
    assert "Enter a name for the journey." in page.inner_text("#id_title_error")
    assert page.input_value("#id_purpose").startswith("Make the community shop")
    assert page.is_checked("input[name=stages][value=co_design]")
    assert page.input_value("#id_level") == "community"
    assert page.get_attribute("#id_title", "aria-describedby") is not None
    axe(page)
    # The summary links to the field.
    summary.get_by_role("link", name="Enter a name for the journey.").click()
    expect(page).to_have_url(re.compile(r"#id_title$"))

    page.fill("#id_title", "Community shop together")
    follow(page.locator("main form button[type=submit]"))
    expect(page.locator("h1")).to_have_text("Community shop together")
    expect(page.locator(".notifications")).to_contain_text("Journey created.")
    assert "/j/community-shop-together/" in page.url
    axe(page)

    # What the group agreed.
    nav = page.get_by_role("navigation", name="This journey")
    follow(nav.get_by_role("link", name="Agreement"))
    expect(page.locator("h1")).to_have_text("What the group agreed")
    axe(page)

    follow(page.get_by_role("link", name="Record the group's definition"))
    page.fill("#id_text", "Doing things with people, not to them, from the very start.")
    page.fill("#id_agreed_on", "2025-03-04")
    follow(page.locator("main form button[type=submit]"))
    expect(page.locator("main")).to_contain_text("Doing things with people, not to them")
    expect(page.locator("main")).to_contain_text("Agreed 4 March 2025")

    follow(page.get_by_role("link", name="Add a value"))
    page.select_option("#id_code", "reciprocity")
    follow(page.locator("main form button[type=submit]"))
    assert page.locator("dt", has_text="Reciprocity").is_visible()

    follow(page.get_by_role("link", name="Add something on or off the table"))
    page.fill("#id_text", "The shop's lease")
    page.get_by_label("The funder").check()
    follow(page.locator("main form button[type=submit]"))  # no reason given yet
    assert "Explain why." in page.inner_text(".error-summary")
    assert page.input_value("#id_text") == "The shop's lease"
    axe(page)
    page.fill("#id_why", "The council owns the building; the lease runs to 2027.")
    follow(page.locator("main form button[type=submit]"))
    row = page.locator("tr", has_text="The shop's lease")
    assert "The funder" in row.inner_text()
    assert "The council owns the building" in row.inner_text()
    axe(page)

    # Who has access, and inviting someone.
    nav = page.get_by_role("navigation", name="This journey")
    page.goto("/j/community-shop-together/members/")
    expect(page.locator("h1")).to_have_text("Who has access to this journey")
    axe(page)
    follow(page.get_by_role("link", name="Invite someone"))
    follow(page.locator("main form button[type=submit]"))  # no email
    assert page.locator(".error-summary").is_visible()
    axe(page)
    page.fill("#id_email", "ada@example.org")
    page.get_by_label("Observer").check()
    follow(page.locator("main form button[type=submit]"))
    assert "Send this link to ada@example.org" in page.inner_text(".notifications")
    # The invitation waits on the members page, with no link (none is kept): a new one, which
    # stops the old, or the invitation taken back.
    expect(page.locator("ul.invitations li")).to_have_count(1)
    assert "/accounts/invitation/" not in page.inner_text("ul.invitations")
    axe(page)
    follow(page.get_by_role("button", name="Make a new link for ada@example.org"))
    assert "New link ready" in page.inner_text(".notifications")
    follow(page.get_by_role("button", name="Take back the invitation for ada@example.org"))
    assert "Invitation for ada@example.org taken back" in page.inner_text(".notifications")
    expect(page.locator("ul.invitations")).to_have_count(0)


PHONE_WIDTH = 360


def test_journey_pages_fit_a_phone(phone: Any, world: World) -> None:
    from powerwith.journeys import services

    services.limit_add(
        actor=world.facilitator,
        journey=world.journey,
        text="The hospital's opening hours for the breast clinic",
        set_by="organisation",
        why="Set by the trust's staffing agreement, which runs until the end of next year.",
    )
    services.invitation_create(
        actor=world.facilitator,
        journey=world.journey,
        email="someone.with.a.long.address@community-health-partnership.example.org",
        role="observer",
    )
    sign_in(phone, world.facilitator.email, PASSWORD)
    no_sideways_scroll(phone, "the journey list")
    slug = world.journey.slug
    for path in (
        f"/j/{slug}/",
        f"/j/{slug}/agreement/",
        f"/j/{slug}/members/",
        f"/j/{slug}/agreement/limits/new/",
        f"/j/{slug}/members/invite/",
        "/journeys/new/",
    ):
        phone.goto(path)
        assert phone.locator("h1").count() == 1, path
        no_sideways_scroll(phone, path)
        nav = phone.get_by_role("navigation", name="This journey")
        if nav.count():
            box = nav.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    # A form with its errors shown still fits.
    phone.goto("/journeys/new/")
    follow(phone.locator("main form button[type=submit]"))
    assert phone.locator(".error-summary").is_visible()
    no_sideways_scroll(phone, "the new-journey form with errors")
    phone.goto(f"/j/{slug}/agreement/limits/new/")
    follow(phone.locator("main form button[type=submit]"))
    no_sideways_scroll(phone, "the limit form with errors")


def test_the_journey_menu_folds_on_a_phone_and_not_on_a_desktop(
    browser: Any, live_server: Any, page: Any, world: World
) -> None:
    """On a phone the journey's ten sections would fill half the screen above every page, so
    they fold into a menu that says where you are; it opens without JavaScript. On a desktop
    they are all shown, with no menu button."""
    from tests.browser.conftest import PHONE

    slug = world.journey.slug
    for scripts in (True, False):
        ctx = browser.new_context(
            viewport=PHONE,
            base_url=live_server.url,
            java_script_enabled=scripts,
            has_touch=True,
            is_mobile=True,
            locale="en-GB",
        )
        try:
            phone = ctx.new_page()
            sign_in(phone, world.facilitator.email, PASSWORD)
            phone.goto(f"/j/{slug}/agreement/")
            nav = phone.get_by_role("navigation", name="This journey")
            menu = nav.locator("summary")
            # Closed: the journey's name and one line saying where you are, nothing more.
            assert menu.inner_text().replace("\n", "") == "Menu, you are in:· Agreement"
            box = nav.bounding_box()
            assert box is not None and box["height"] <= 100, box
            decisions = nav.get_by_role("link", name="Decisions")
            assert not decisions.is_visible()
            mbox = menu.bounding_box()
            assert mbox is not None and mbox["height"] >= 44  # a big enough target
            menu.tap()
            expect(decisions).to_be_visible()
            current = nav.locator("a[aria-current=page]")
            assert current.inner_text() == "Agreement"
            no_sideways_scroll(phone, f"the open menu (scripts {'on' if scripts else 'off'})")
            if scripts:
                axe(phone)
            follow(decisions, tap=True)
            expect(phone.locator("h1")).to_have_text("Decisions")
            assert nav.locator("summary").inner_text().endswith("Decisions")
        finally:
            ctx.close()

    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{slug}/agreement/")
    nav = page.get_by_role("navigation", name="This journey")
    assert not nav.locator("summary").is_visible()
    for name in ("Overview", "People", "Decisions", "Power dashboard"):
        assert nav.get_by_role("link", name=name).is_visible(), name
    box = nav.bounding_box()
    assert box is not None and box["height"] <= 130, box  # the title and one row of sections
    axe(page)


def test_account_pages_on_a_phone(phone: Any, world: World) -> None:
    """Forgotten password and change password: plain messages, axe-clean, fit a phone."""
    phone.goto("/accounts/sign-in/")
    follow(phone.get_by_role("link", name="Forgotten your password?"))
    expect(phone.locator("h1")).to_have_text("Forgotten your password?")
    phone.fill("#id_email", "not an address")
    follow(phone.get_by_role("button", name="Send me a link"))
    assert "Enter an email address like name@example.org." in phone.inner_text(".error-summary")
    assert phone.input_value("#id_email") == "not an address"
    no_sideways_scroll(phone, "the forgotten-password form with errors")
    axe(phone)
    phone.fill("#id_email", world.member.email)
    follow(phone.get_by_role("button", name="Send me a link"))
    expect(phone.locator("h1")).to_have_text("Check your email")
    axe(phone)

    sign_in(phone, world.member.email, PASSWORD)
    follow(phone.get_by_role("link", name="Change your password"))
    expect(phone.locator("h1")).to_have_text("Change your password")
    follow(phone.get_by_role("button", name="Change password"))
    summary = phone.locator(".error-summary")
    assert "Enter your current password." in summary.inner_text()
    no_sideways_scroll(phone, "the change-password form with errors")
    axe(phone)
    phone.goto("/journeys/")
    follow(phone.get_by_role("link", name="Close your account"))
    expect(phone.locator("h1")).to_have_text("Close your account")
    follow(phone.get_by_role("button", name="Close my account"))
    assert "Enter your password to close your account." in phone.inner_text(".error-summary")
    no_sideways_scroll(phone, "the close-account form with errors")
    axe(phone)
