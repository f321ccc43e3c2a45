"""PowerWith's own error pages in a real browser, on a phone and a wide screen: plain words, a
way back, no sideways scrolling, accessible."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string

from tests.browser.conftest import _context, axe, follow, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def _check(p: Any, width: int, heading: str, way_back: str) -> None:
    assert p.locator("h1").inner_text() == heading
    assert p.evaluate("document.documentElement.scrollWidth") <= width
    link = p.locator("main").get_by_role("link", name=way_back)
    box = link.bounding_box()
    assert box is not None and box["height"] >= 44
    axe(p)


def _answer(html: str, status: int) -> Any:
    def fulfil(route: Any) -> None:
        route.fulfill(status=status, body=html, content_type="text/html; charset=utf-8")

    return fulfil


@pytest.mark.parametrize("width", [360, 1280])
def test_error_pages_are_ours_and_lead_back(
    browser: Any, live_server: Any, world: World, width: int
) -> None:
    ctx = _context(browser, {"width": width, "height": 740}, base_url=live_server.url)
    try:
        p = ctx.new_page()
        # A page that does not exist.
        r = p.goto("/no-such-page/")
        assert r is not None and r.status == 404
        _check(p, width, "Page not found", "Go to the start page")

        # A form sent after its safety code has gone (cookies cleared): Django's CSRF check.
        p.goto("/accounts/sign-in/")
        ctx.clear_cookies()
        p.fill("#id_username", world.member.email)
        p.fill("#id_password", PASSWORD)
        follow(p.locator("main button[type=submit]"))
        _check(p, width, "This form has expired", "Go to the start page")

        # The access gate: a member opening a facilitator's page hears why, and the way back.
        sign_in(p, world.member.email, PASSWORD)
        r = p.goto(f"/j/{world.journey.slug}/agreement/settings/")
        assert r is not None and r.status == 403
        assert "only its facilitators can" in p.inner_text("main")
        _check(p, width, "You cannot do that here", "Back to Better breast care")
        follow(p.locator("main").get_by_role("link", name="Back to Better breast care"))
        assert p.locator("h1").inner_text() == "Better breast care"

        # The pages Django draws without a request (and the one for slowing down), as served.
        for name, status, heading in (
            ("500.html", 500, "Sorry, something went wrong on our side"),
            ("400.html", 400, "Sorry, something in that request was not right"),
            ("429.html", 429, "Please wait a moment"),
        ):
            p.route("**/drawn-error/", _answer(render_to_string(name), status))
            p.goto("/drawn-error/")
            assert p.evaluate("getComputedStyle(document.body).margin") == "0px"  # styled
            _check(p, width, heading, "Go to the start page")
            p.unroute("**/drawn-error/")
    finally:
        ctx.close()
