"""Marking how a moment felt on a phone with JavaScript switched off, and the emotional map
(SVG and table), at 360px and 1280px with axe."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from powerwith.contributions import services as cs
from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.stories.models import Feeling
from tests.browser.conftest import PHONE, WAIT_MS, axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_mark_a_feeling_without_javascript(
    browser: Any, live_server: Any, world: World, viewport: dict[str, int]
) -> None:
    cs.tags_get_or_create(
        journey=world.journey, names=["First letter", "Diagnosis"], kind="touchpoint"
    )
    me = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Mo",
        role="carer",
        joined_on=datetime.date(2025, 1, 6),
    )
    Person.objects.filter(pk=me.pk).update(user=world.member)
    ctx = browser.new_context(
        viewport=viewport, base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    ctx.set_default_timeout(WAIT_MS)
    p = ctx.new_page()
    try:
        sign_in(p, world.member.email, PASSWORD)
        p.goto(f"/j/{world.journey.slug}/stories/feelings/new/")
        expect(p.locator("h1")).to_have_text("How did it feel?")
        p.get_by_label("Diagnosis").check()
        p.get_by_label("It felt bad").check()
        p.get_by_label("Frightened").check()
        p.get_by_label("Very strongly").check()
        follow(p.get_by_role("button", name="Save how it felt"))
        expect(p.locator("main")).to_contain_text("Thank you. How it felt is saved.")
        f = Feeling.objects.get()
        assert (f.person_id, f.direction, f.feelings, f.strength) == (
            me.pk,
            "worse",
            "frightened",
            3,
        )
        no_sideways_scroll(p)
    finally:
        ctx.close()


@pytest.mark.parametrize("size", ["phone", "page"])
def test_the_map_and_the_form_pass_axe(size: str, request: Any, world: World) -> None:
    p = request.getfixturevalue(size)
    (tp,) = cs.tags_get_or_create(journey=world.journey, names=["Diagnosis"], kind="touchpoint")
    for i in range(5):
        person = people_services.person_create(
            actor=world.facilitator,
            journey=world.journey,
            name=f"P{i}",
            role="service_user",
            joined_on=datetime.date(2025, 1, 6),
        )
        from powerwith.stories import services

        services.feeling_mark(
            actor=world.facilitator,
            journey=world.journey,
            touchpoint=tp,
            person=person,
            direction="worse",
            strength=2,
            feelings=["anxious"],
            channel="event",
        )
    sign_in(p, world.member.email, PASSWORD)
    p.goto(f"/j/{world.journey.slug}/stories/feelings/")
    expect(p.locator("svg circle")).to_have_count(1)
    no_sideways_scroll(p)
    axe(p)
    follow(p.get_by_role("link", name="Mark how a moment felt"))
    no_sideways_scroll(p)
    axe(p)
