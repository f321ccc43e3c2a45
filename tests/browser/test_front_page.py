"""The journey's front page says what to do next, on a phone and on a wide screen: the next
gathering (with a calendar file), what is waiting for an answer and for how long, and the
gathering's page leads to its calendar file and its needs checklist."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.conftest import PHONE, axe, follow, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def _story(world: World) -> Any:
    from powerwith.contributions import services as contribution_services
    from powerwith.gatherings import services as gathering_services

    today = timezone.localdate()
    contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="The car park is full by nine",
        channel="paper",
        anonymous=True,
        raised_on=today - datetime.timedelta(days=103),
    )
    return gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Tuesday café",
        kind="informal_session",
        held_on=today + datetime.timedelta(days=2),
        starts_at=datetime.time(10, 30),
        venue_kind="community",
        venue_name="St Anne's hall",
    )


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_front_page_says_what_is_next(screen: str, request: Any, world: World) -> None:
    page = request.getfixturevalue(screen)
    g = _story(world)
    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/")
    panel = page.get_by_role("region", name="What's next")
    assert panel.is_visible()
    # It comes first, before the counts and the agreement.
    assert page.evaluate(
        "document.querySelector('.panel--next').compareDocumentPosition("
        "document.querySelector('.counts')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    text = panel.inner_text()
    assert "Tuesday café" in text and "10:30" in text and "St Anne's hall" in text
    assert (
        "1 thing people raised is waiting for a first response. It has waited for 103 days." in text
    )
    axe(page)
    if screen == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        box = panel.get_by_role("link", name="See it").bounding_box()
        assert box is not None and box["height"] >= 44

    # The calendar file is there for members.
    link = panel.get_by_role("link", name="Add it to your calendar")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:Tuesday café" in response.text()

    follow(panel.get_by_role("link", name="See it"))
    assert page.locator("h1").inner_text().strip() == "Contributions"
    assert page.input_value("#id_fate") == "new"
    assert "The car park is full by nine" in page.inner_text("main")

    page.goto(g.get_absolute_url())
    assert page.get_by_role("link", name="Add it to your calendar").is_visible()
    follow(page.get_by_role("link", name="What people need to take part, and what is arranged"))
    assert "Tuesday café" in page.inner_text("h1")
    axe(page)
