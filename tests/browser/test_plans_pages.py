"""The plan on a phone and a desktop: a facilitator makes an EBCD plan and changes a stage with
JavaScript switched off (a wrong date comes back next to its field), then the plan page, the
stage page and the edit form pass axe and fit the screen, and a member reads the plan."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from powerwith.plans.models import Stage
from tests.browser.conftest import PHONE, WAIT_MS, axe, follow, sign_in, tall_enough
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_make_a_plan_and_change_a_stage_without_javascript(
    browser: Any, live_server: Any, world: World, viewport: dict[str, int]
) -> None:
    ctx = browser.new_context(
        viewport=viewport, base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    ctx.set_default_timeout(WAIT_MS)
    p = ctx.new_page()
    try:
        sign_in(p, world.facilitator.email, PASSWORD)
        p.goto(f"/j/{world.journey.slug}/")
        follow(p.get_by_role("link", name="Make a plan"))
        follow(p.get_by_role("link", name="Make a plan"))
        p.get_by_label("Experience-based co-design").check()
        p.get_by_label("The first stage starts on").fill("2025-01-06")
        follow(p.get_by_role("button", name="Make the plan"))
        expect(p.locator("main")).to_contain_text("The plan is made.")
        expect(p.locator("ol.plan-stages > li")).to_have_count(8)
        follow(
            p.get_by_role(
                "link", name=re.compile(r"Change dates or words.*Gathering staff experience")
            )
        )
        p.get_by_label("Day it actually started").fill("2025-02-20")
        p.get_by_label("Day it actually ended").fill("2025-02-19")
        follow(p.get_by_role("button", name="Save"))
        expect(p.locator(".error-summary")).to_contain_text(
            "The day it ended must be on or after the day it started."
        )
        assert p.get_by_label("Day it actually started").input_value() == "2025-02-20"
        p.get_by_label("Day it actually ended").fill("2025-04-02")
        follow(p.get_by_role("button", name="Save"))
        stage = Stage.objects.get(journey=world.journey, position=2)
        assert (str(stage.started_on), str(stage.ended_on)) == ("2025-02-20", "2025-04-02")
        # Moving a stage is a plain form button.
        follow(p.get_by_role("button", name=re.compile(r"Earlier.*Gathering staff experience")))
        assert Stage.objects.get(pk=stage.pk).position == 1
        _fits(p, viewport["width"])
    finally:
        ctx.close()


@pytest.mark.parametrize("size", ["phone", "page"])
def test_the_plan_pages_pass_axe_and_fit(size: str, request: Any, world: World) -> None:
    from powerwith.plans import services

    p = request.getfixturevalue(size)
    width = 360 if size == "phone" else 1280
    services.plan_choose(
        actor=world.facilitator,
        journey=world.journey,
        method="ebcd",
        starts_on=world.journey.started_on,
    )
    stage = Stage.objects.filter(journey=world.journey).first()
    assert stage is not None
    sign_in(p, world.facilitator.email, PASSWORD)
    for url in (
        f"/j/{world.journey.slug}/plan/",
        f"/j/{world.journey.slug}/plan/stages/{stage.pk}/",
        f"/j/{world.journey.slug}/plan/stages/{stage.pk}/edit/",
        f"/j/{world.journey.slug}/plan/choose/",
        f"/j/{world.journey.slug}/",
    ):
        p.goto(url)
        axe(p)
        _fits(p, width)
    p.goto(f"/j/{world.journey.slug}/plan/")
    tall_enough(p.get_by_role("button", name=re.compile(r"Later.*Setting up")))
    # A member reads the same plan, with nothing to change.
    p.context.clear_cookies()
    sign_in(p, world.member.email, PASSWORD)
    p.goto(f"/j/{world.journey.slug}/plan/")
    expect(p.locator("ol.plan-stages > li")).to_have_count(8)
    expect(p.get_by_role("button", name=re.compile(r"Later.*Setting up"))).to_have_count(0)
    axe(p)
    _fits(p, width)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_choose_the_stage_on_the_gathering_form_without_javascript(
    browser: Any, live_server: Any, world: World, viewport: dict[str, int]
) -> None:
    from powerwith.gatherings.models import Gathering
    from powerwith.plans import services
    from powerwith.plans.models import StageGathering

    services.plan_choose(actor=world.facilitator, journey=world.journey, method="ebcd")
    ctx = browser.new_context(
        viewport=viewport, base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    ctx.set_default_timeout(WAIT_MS)
    p = ctx.new_page()
    try:
        sign_in(p, world.facilitator.email, PASSWORD)
        p.goto(f"/j/{world.journey.slug}/gatherings/new/")
        p.select_option("#id_plan_stage", label="Joint event")
        follow(p.get_by_role("button", name="Save gathering"))  # nothing else filled in
        expect(p.locator(".error-summary")).to_be_visible()
        # What was chosen is kept on the form that comes back.
        selected = p.locator("#id_plan_stage option:checked").inner_text()
        assert selected == "Joint event"
        _fits(p, viewport["width"])
        p.fill("#id_title", "Joint event")
        p.locator("input[name=kind][value=workshop]").check()
        p.fill("#id_held_on", "2025-05-06")
        p.locator("input[name=venue_kind][value=institutional]").check()
        follow(p.get_by_role("button", name="Save gathering"))
        g = Gathering.objects.get(journey=world.journey)
        assert StageGathering.objects.get(gathering=g).stage.name == "Joint event"
        expect(p.locator(".plan-stage-line")).to_contain_text("Stage of the plan: Joint event.")
        _fits(p, viewport["width"])
    finally:
        ctx.close()
    # axe needs JavaScript: the same two pages, checked in a context with it on.
    ctx = browser.new_context(viewport=viewport, base_url=live_server.url, locale="en-GB")
    ctx.set_default_timeout(WAIT_MS)
    p = ctx.new_page()
    try:
        sign_in(p, world.facilitator.email, PASSWORD)
        p.goto(f"/j/{world.journey.slug}/gatherings/new/")
        expect(p.locator("#id_plan_stage")).to_be_visible()
        axe(p)
        p.goto(f"/j/{world.journey.slug}/gatherings/{g.pk}/")
        axe(p)
    finally:
        ctx.close()
