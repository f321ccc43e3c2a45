"""Browser tests: a real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright,
against the app served by pytest-django's live server. Never downloads a browser.

``axe(page)`` runs axe-core (installed from npm by ``make test`` into .tools/) and fails on any
serious or critical WCAG 2.2 A/AA violation.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("POWERWITH_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
# How long a step may wait for the page: the same for actions (set on each context below) and
# for ``expect`` (whose own default is 5 s), because CI machines are shared and sometimes slow.
WAIT_MS = 15_000


def _expect_waits_as_long_as_actions() -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)


_expect_waits_as_long_as_actions()


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium.")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _context(browser: Any, viewport: dict[str, int], **kw: Any) -> Any:
    ctx = browser.new_context(viewport=viewport, bypass_csp=True, locale="en-GB", **kw)
    ctx.set_default_timeout(WAIT_MS)
    return ctx


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    ctx = _context(browser, {"width": 1280, "height": 900}, base_url=live_server.url)
    p = ctx.new_page()
    yield p
    ctx.close()


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    """A phone-sized page (360 x 740, touch)."""
    ctx = _context(
        browser,
        PHONE,
        base_url=live_server.url,
        has_touch=True,
        is_mobile=True,
        device_scale_factor=2,
    )
    p = ctx.new_page()
    yield p
    ctx.close()


def follow(target: Any, *, tap: bool = False) -> None:
    """Click (or tap) a link or button that loads another page, and wait until that page has
    loaded.

    A bare click returns as soon as the new page has *started* to arrive, and a tap may return
    before the browser has even asked for it (the click a tap makes comes after the touch).
    Reading the page then can see the old page, or half of the new one: Chromium parses in
    slices, more slowly on a busy machine. So every click in these tests that leads to another
    page goes through here, which waits for the next page's load event. It waits for the
    navigation itself, not a new address, because a form sent with mistakes comes back at the
    same address. Clicks the page's own script handles (speaking-turn taps) do not come here;
    they are checked with ``expect``, which waits by itself."""
    with target.page.expect_navigation():
        target.tap() if tap else target.click()


def sign_in(page: Any, email: str, password: str) -> None:
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    follow(page.locator("button[type=submit]"))


def fits(page: Any, width: int) -> None:
    """Nothing on the page is wider than ``width``: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def no_sideways_scroll(page: Any, what: str = "The page") -> None:
    """The page is no wider than its window (one pixel allowed for rounding): it scrolls only
    up and down, whatever the window's width."""
    wide, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide <= window + 1, f"{what} is {wide}px wide in a {window}px window"


def tall_enough(locator: Any) -> None:
    """A tap target at least 44 px tall."""
    box = locator.bounding_box()
    assert box is not None and box["height"] >= 44


def axe(page: Any, *, ignore: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Run axe-core on the page; fail the test on serious or critical violations.

    Only in a context with JavaScript on: axe is a script, and with scripts off its promise
    never settles. Playwright's evaluate has no timeout, so axe is started without waiting and
    its result is waited for with one: a call with scripts off fails after a minute, saying
    why, instead of hanging the run. A page tested without JavaScript is checked by axe in the
    same test's JavaScript run."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core missing: make test installs it into .tools/")
        pytest.skip("axe-core not installed (run make test once)")
    page.wait_for_load_state()  # never scan a page that is still arriving
    page.evaluate(AXE.read_text())
    page.evaluate(
        """() => { window.__axeResult = undefined;
        axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}}).then(
          (r) => { window.__axeResult = r; },
          (e) => { window.__axeResult = {error: String(e)}; }); }"""
    )
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("() => window.__axeResult !== undefined", timeout=60_000)
    except PlaywrightTimeout:
        pytest.fail("axe did not finish in a minute: is JavaScript off in this test's context?")
    result = page.evaluate("() => window.__axeResult")
    assert "error" not in result, result.get("error")
    bad = [
        v
        for v in result["violations"]
        if v["impact"] in ("serious", "critical") and v["id"] not in ignore
    ]
    assert not bad, json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in bad
        ],
        indent=1,
    )
    return list(result["violations"])
