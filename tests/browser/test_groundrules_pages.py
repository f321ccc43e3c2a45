"""Ground rules, words and framing in a browser: proposing and agreeing a rule, adding a word,
the wall page and the framing page, accessible (axe), on a 360px phone and a desktop."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from powerwith.groundrules import services as s
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World
from tests.people.builders import gathering, person

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("pinned_clock")]

D = datetime.date


def test_rules_words_and_framing(page: Any, phone: Any, world: World) -> None:
    ann = person(world, "Ann Lee")
    g = gathering(world, held_on=D(2025, 2, 4))
    s.wording_propose(
        actor=world.facilitator,
        journey=world.journey,
        kind="problem",
        text="Nobody tells us what happens next.",
        proposed_by=ann,
        proposed_on=D(2025, 2, 4),
    )
    slug = world.journey.slug
    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{slug}/agreement/")
    follow(page.get_by_role("link", name="Ground rules and words we use"))
    expect(page.locator("h1")).to_have_text("Ground rules and words we use")
    axe(page)
    follow(page.get_by_role("link", name="Propose a ground rule"))
    page.fill("#id_text", "One voice at a time")
    page.select_option("#id_proposed_by", label="Ann Lee")
    page.fill("#id_proposed_on", "2025-02-04")
    follow(page.locator("main button[type=submit]"))
    expect(page.locator("#waiting + ul")).to_contain_text("One voice at a time")
    follow(page.locator('#waiting + ul a[href$="/agree/"]'))
    axe(page)
    page.fill("#id_day", "2025-02-04")
    follow(page.locator("main button[type=submit]"))
    expect(page.locator("#agreed + ol")).to_contain_text("One voice at a time")
    follow(page.get_by_role("link", name="Add a word we use"))
    page.fill("#id_term", "MDT")
    page.fill("#id_meaning", "The team of specialists who plan each patient's treatment.")
    page.fill("#id_asked_on", "2025-02-04")
    follow(page.locator("main button[type=submit]"))
    expect(page.locator(".words-list")).to_contain_text("MDT")
    axe(page)
    page.goto(g.get_absolute_url())
    expect(page.locator("#ground-rules + ol")).to_contain_text("One voice at a time")
    axe(page)
    page.goto(f"/j/{slug}/agreement/framing/")
    follow(page.locator('a[href$="/agree/"]'))
    page.fill("#id_day", "2025-02-11")
    follow(page.locator("main button[type=submit]"))
    expect(page.locator("#problem + blockquote")).to_contain_text("Nobody tells us")
    axe(page)
    for url in (
        f"/j/{slug}/agreement/ground-rules/wall/",
        f"/j/{slug}/agreement/ground-rules/",
        f"/j/{slug}/agreement/framing/",
        f"/j/{slug}/agreement/",
    ):
        sign_in(phone, world.facilitator.email, PASSWORD) if url.endswith("wall/") else None
        phone.goto(url)
        no_sideways_scroll(phone)
        axe(phone)
    # The wall page is large print: the rules at least 1.5 times the body text.
    page.goto(f"/j/{slug}/agreement/ground-rules/wall/")
    big = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.wall__rules')).fontSize)"
        " / parseFloat(getComputedStyle(document.body).fontSize)"
    )
    assert big >= 1.5
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    expect(page.locator(".wall__rules")).to_contain_text("One voice at a time")
