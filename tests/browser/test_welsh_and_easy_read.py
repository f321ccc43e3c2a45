"""The participant pages in Welsh and in easy read, in a real browser at 360 px and 1280 px
(axe-core, the page's language said right), and choosing the language with JavaScript off."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from powerwith.contributions import services as cs
from powerwith.decisions.models import BallotReceipt
from powerwith.reflection import services as rs
from tests.browser.conftest import PHONE, _context, axe, follow, sign_in
from tests.conftest import PASSWORD, World
from tests.decisions.helpers import build, open_vote, option_ids
from tests.people.builders import contribution
from tests.reflection.conftest import link
from tests.reflection.helpers import builtin, people

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = ["phone", "page"]  # the 360 px and the 1280 px fixtures of tests/browser/conftest.py


def _lang(page: Any) -> str:
    return str(page.evaluate("document.documentElement.lang"))


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def _choose(page: Any, button: str) -> None:
    follow(page.locator(".reading-choices").get_by_role("button", name=button))


def _tap_targets_in_header(page: Any) -> None:
    for button in page.locator(".reading-choices button").all():
        assert button.bounding_box()["height"] >= 44


@pytest.mark.parametrize("width", WIDTHS)
def test_the_ballot_in_welsh_then_in_easy_read(request: Any, width: str, world: World) -> None:
    page = request.getfixturevalue(width)
    vote = open_vote(build(world))
    a, *_ = option_ids(vote)
    sign_in(page, world.member.email, PASSWORD)
    page.goto(vote.get_absolute_url())
    assert _lang(page) == "en-GB"
    _choose(page, "Cymraeg")
    # Back on the same page, now in Welsh, and the page says so.
    assert page.url.endswith(vote.get_absolute_url())
    assert _lang(page) == "cy"
    main = page.locator("main").inner_text()
    assert "Mae gennych <strong>" not in main and "Mae gennych 3 dot." in main
    assert page.get_by_role("button", name="Bwrw fy mhleidlais").is_visible()
    _tap_targets_in_header(page)
    _fits(page)
    axe(page)

    _choose(page, "Hawdd ei ddeall")
    assert _lang(page) == "cy"
    easy = page.locator(".easy-read-text").inner_text()
    assert "Pleidlais yw hon." in easy and "Mae gennych chi 3 dot." in easy
    assert "easy-read" in (page.locator("body").get_attribute("class") or "")
    # Easy read's bigger type: the ballot's sentences are larger than the standard 18 px.
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
    assert size >= 22
    _fits(page)
    axe(page)

    page.fill(f"#id_option_{a}", "2")
    follow(page.get_by_role("button", name="Bwrw fy mhleidlais"))
    assert "Mae eich pleidlais wedi’i chyfrif" in page.locator("main").inner_text()
    assert BallotReceipt.objects.get(vote=vote).marks == {str(a): 2}

    # The choice is kept on the account: standard English again, then back to easy read.
    _choose(page, "English")
    assert _lang(page) == "en-GB"
    assert "Your vote has been counted" in page.locator("main").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_reflection_round_in_welsh_and_easy_read(
    request: Any, width: str, world: World
) -> None:
    page = request.getfixturevalue(width)
    bank = builtin("power_audit")
    rs.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=bank,
        title="Spring power audit",
        anonymous=True,
        opens_on=datetime.date(2025, 3, 3),
    )
    (ann,) = people(world, "service_user", 1, "Ann")
    link(world, world.member, ann)
    sign_in(page, world.member.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/reflection/")
    follow(page.get_by_role("link", name="Answer now"))
    _choose(page, "Cymraeg")
    _choose(page, "Hawdd ei ddeall")
    assert _lang(page) == "cy"
    assert page.inner_text("#answer-progress") == "Rhan 1 o 5"
    privacy = page.locator(".privacy-box").inner_text()
    assert "Mae’r rownd hon yn ddienw" in privacy
    assert "Ni all neb weld pa atebion yw eich rhai chi." in privacy
    steps = page.locator(".answer-form").locator("xpath=preceding::ul[1]").inner_text()
    assert "Does dim atebion cywir nac anghywir." in steps
    assert page.get_by_role("button", name="Cadw a pharhau").is_visible()
    _fits(page)
    axe(page)
    follow(page.get_by_role("button", name="Cadw a pharhau"))
    assert page.inner_text("#answer-progress") == "Rhan 2 o 5"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_page_in_welsh_and_easy_read(request: Any, width: str, world: World) -> None:
    page = request.getfixturevalue(width)
    done = contribution(world, "Chairs hurt")
    cs.contribution_set_fate(
        actor=world.facilitator,
        contribution=done,
        fate="done",
        change_level="organisational_service",
        response="New chairs in the waiting room.",
    )
    contribution(world, "Open at weekends")
    world.journey.public_you_said = True
    world.journey.save()
    page.goto(f"/p/{world.journey.slug}/you-said-we-did/")
    assert _lang(page) == "en-GB"
    _choose(page, "Cymraeg")
    assert _lang(page) == "cy"
    assert page.locator("h1").inner_text() == f"Dywedoch chi, gwnaethom ni: {world.journey.title}"
    assert "Gwnaethom ni: New chairs in the waiting room." in page.locator("main").inner_text()
    _fits(page)
    axe(page)
    _choose(page, "Hawdd ei ddeall")
    easy = page.locator(".easy-read-text").inner_text()
    assert "Mae’r dudalen hon yn dweud beth wnaethom ni am bob peth." in easy
    assert page.locator(".ysd-item .meta").count() == 0  # one idea per line: no side notes
    _fits(page)
    axe(page)
    _choose(page, "English")
    assert "This page says what we did about each thing." in page.locator("main").inner_text()
    _fits(page)
    axe(page)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_choosing_welsh_works_without_javascript(
    browser: Any, live_server: Any, viewport: dict[str, int]
) -> None:
    ctx = _context(browser, viewport, base_url=live_server.url, java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto("/accounts/sign-in/")
        assert page.locator("h1").inner_text() == "Sign in"
        _choose(page, "Cymraeg")
        assert page.url.endswith("/accounts/sign-in/")
        assert page.locator("h1").inner_text() == "Mewngofnodi"
        assert page.locator("html").get_attribute("lang") == "cy"
        _choose(page, "Hawdd ei ddeall")
        assert "easy-read" in (page.locator("body").get_attribute("class") or "")
        _choose(page, "English")
        assert page.locator("h1").inner_text() == "Sign in"
        assert page.locator("html").get_attribute("lang") == "en-GB"
    finally:
        ctx.close()
