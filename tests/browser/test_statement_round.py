"""Statement rounds in a real browser: responding by the link on a 360px phone without
JavaScript (and with it), and the round and results pages at 360 and 1280px, with axe."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.commonground import services
from powerwith.commonground.models import Participant, Response, StatementRound
from tests.browser.conftest import PHONE, _context, axe, follow, no_sideways_scroll, sign_in
from tests.commonground.test_results import TEXTS, two_camps
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def _round(world: World) -> StatementRound:
    return services.round_create(
        actor=world.facilitator,
        journey=world.journey,
        question="What would make the clinic better?",
        statements=TEXTS[:3],
        participants_may_add=True,
    )


@pytest.mark.parametrize("scripts", [False, True], ids=["no-javascript", "javascript"])
def test_respond_by_the_link_on_a_phone(
    browser: Any, live_server: Any, world: World, scripts: bool
) -> None:
    rnd = _round(world)
    ctx = _context(
        browser,
        PHONE,
        base_url=live_server.url,
        has_touch=True,
        is_mobile=True,
        java_script_enabled=scripts,
    )
    phone = ctx.new_page()
    try:
        phone.goto(f"/s/{rnd.link_token}/")
        assert "Statement 1 of 3" in phone.inner_text(".respond-progress")
        no_sideways_scroll(phone)
        for name in ("Agree", "Disagree", "Pass or unsure"):
            box = phone.get_by_role("button", name=name, exact=True).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 300
        if scripts:  # axe is a script: with scripts off it never answers (it hung here)
            axe(phone)
        follow(phone.get_by_role("button", name="Agree", exact=True), tap=True)
        assert "Statement 2 of 3" in phone.inner_text(".respond-progress")
        follow(phone.get_by_role("button", name="Disagree", exact=True), tap=True)
        follow(phone.get_by_role("button", name="Pass or unsure", exact=True), tap=True)
        assert "You have responded to all 3 statements." in phone.inner_text("main")
        code = phone.inner_text(".resume-code")
        assert len(code) == 9 and code[4] == "-"
        if scripts:
            axe(phone)
    finally:
        ctx.close()
    assert Participant.objects.count() == 1
    assert sorted(Response.objects.values_list("vote", flat=True)) == [-1, 0, 1]


@pytest.mark.parametrize("width", [360, 1280])
def test_round_and_results_pages(browser: Any, live_server: Any, world: World, width: int) -> None:
    rnd = services.round_create(
        actor=world.facilitator, journey=world.journey, question="What matters?", statements=TEXTS
    )
    two_camps(world, rnd)
    ctx = _context(browser, {"width": width, "height": 900}, base_url=live_server.url)
    page = ctx.new_page()
    try:
        sign_in(page, world.facilitator.email, PASSWORD)
        page.goto(f"/j/{world.journey.slug}/statements/{rnd.pk}/")
        no_sideways_scroll(page)
        axe(page)
        follow(page.get_by_role("link", name="See the results"))
        assert page.locator("svg.opinion-map").count() == 1
        assert "Where the sides differ most" in page.inner_text("main")
        no_sideways_scroll(page)
        axe(page)
        with page.expect_download() as got:
            page.get_by_role("link", name="Download the round in Pol.is's format").click()
        assert got.value.suggested_filename.endswith(f"-statement-round-{rnd.pk}-polis.zip")
        follow(page.get_by_role("link", name="Show sides instead of groups"))
        axe(page)
        page.goto(f"/j/{world.journey.slug}/statements/{rnd.pk}/paper/")
        no_sideways_scroll(page)
        axe(page)
        page.goto(f"/j/{world.journey.slug}/statements/{rnd.pk}/sheet/")
        no_sideways_scroll(page)
        axe(page)
        with page.expect_download() as got:
            page.get_by_role("link", name="Download the sheet as a PDF (A4)").click()
        assert got.value.suggested_filename.endswith(f"-statement-sheet-{rnd.pk}.pdf")
        # The dashboard's common-ground section: one line folded, the rest behind "Show more".
        page.goto(f"/j/{world.journey.slug}/dashboard/")
        section = page.locator("section.insights-section", has=page.locator("#sec-commonground"))
        assert "Statement rounds: 1. Votes: 128." in section.inner_text()
        section.locator(".commonground-dashboard > details > summary").click()
        assert "Where the sides differ most" in section.inner_text()
        no_sideways_scroll(page)
        axe(page)
    finally:
        ctx.close()
