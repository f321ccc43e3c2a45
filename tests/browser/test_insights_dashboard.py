"""The power dashboard in a real browser: on a 360px phone, with the period chooser, a fired
warning sign, charts with their tables, the report view and the thresholds page; axe scans."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World
from tests.insights.builders import D, came, fate, gathering, item, person, raise_, spoke

pytestmark = pytest.mark.django_db(transaction=True)


def build(w: World) -> None:
    ann, cat = (
        person(w, "Ann", "service_user"),
        person(w, "Cat Longname-Smithson", "manager", paid=True),
    )
    eve = person(w, "Eve", "carer")
    g1 = gathering(w, D(2025, 2, 3), title="February meeting at the hospital")
    came(w, g1, ann, cat, eve)
    spoke(w, g1, {ann: 2, cat: 9}, minutes={cat: 12})
    item(w, g1, "Budget", by=cat)
    g2 = gathering(w, D(2025, 3, 10), kind="informal_session", venue="community", title="Café")
    came(w, g2, ann, eve)
    spoke(w, g2, {ann: 3, eve: 1})
    c = raise_(w, "Chairs in the waiting room", "paper", D(2025, 2, 4), ann)
    fate(w, c, "not_possible", D(2025, 2, 14), reason="No budget this year")
    raise_(w, "Longer opening hours", "comment_box", D(2025, 2, 5))
    w.journey.options = {"warnings": {"professionals_hold_voice": {"min_turns": 5}}}
    w.journey.save()


def test_dashboard_on_a_phone(phone: Any, world: World) -> None:
    build(world)
    sign_in(phone, world.member.email, PASSWORD)
    phone.goto(f"/j/{world.journey.slug}/dashboard/")
    assert phone.locator("h1").inner_text().strip() == "Power dashboard"
    warning = phone.locator(".warning-sign").first
    assert "Professionals hold most of the voice" in warning.inner_text()
    assert "a question for the group" in warning.inner_text()
    assert phone.locator("figure.chart svg[role=img]").count() >= 4
    no_sideways_scroll(phone)
    axe(phone)

    # A chart's table alternative opens without JavaScript help.
    phone.locator("#indicator-agenda figure.chart details summary").first.click()
    assert phone.locator("figure.chart details[open] table").first.is_visible()
    no_sideways_scroll(phone)

    # A bad date: a specific message in the summary and next to the field, input kept.
    phone.get_by_text("choose another period").click()
    phone.check("input[name=period][value=dates]")
    phone.fill("#id_from", "2025-03-01")
    phone.fill("#id_to", "2025-02-01")
    follow(phone.locator("main form.period-form button[type=submit]"))
    assert "The end date must be the same as or after the start date." in phone.inner_text(
        ".error-summary"
    )
    assert phone.input_value("#id_from") == "2025-03-01"
    axe(phone)

    # A good period, compared with the one before.
    phone.fill("#id_from", "2025-03-01")
    phone.fill("#id_to", "2025-03-31")
    phone.check("#id_compare")
    follow(phone.locator("main form.period-form button[type=submit]"))
    assert "Figures for 01 Mar 2025 to 31 Mar 2025" in phone.inner_text("main")
    assert "Period before:" in phone.inner_text("main")
    no_sideways_scroll(phone)
    axe(phone)

    # The records behind an indicator, behind its "Show more".
    phone.locator("#indicator-voice > details.more > summary").click()
    follow(phone.get_by_role("link", name="See the records behind “Share of voice”"))
    assert phone.locator("h1").inner_text().strip() == "Share of voice: the records"
    no_sideways_scroll(phone)
    axe(phone)


def test_report_and_thresholds_on_a_desktop(page: Any, world: World) -> None:
    build(world)
    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/dashboard/?report=1")
    assert "Power dashboard: report" in page.inner_text("h1")
    assert page.locator("figure.chart table").count() >= 4
    axe(page)
    page.emulate_media(media="print")
    assert not page.locator("form.period-form").is_visible()
    page.emulate_media(media="screen")

    page.goto(f"/j/{world.journey.slug}/dashboard/thresholds/")
    axe(page)
    page.fill("#id_professionals_hold_voice__share", "150")
    follow(page.locator("main form button[type=submit]:has-text('Save thresholds')"))
    assert "must be 100% or less" in page.inner_text(".error-summary")
    axe(page)
    page.fill("#id_professionals_hold_voice__share", "50")
    follow(page.locator("main form button[type=submit]:has-text('Save thresholds')"))
    assert "Saved." in page.inner_text("main")
    assert page.input_value("#id_professionals_hold_voice__share") == "50.0"
