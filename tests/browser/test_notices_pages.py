"""Notices on a phone and a desktop: setting how someone hears back from their page, the
outbox with a failed notice and "Try again", and the letters page; accessible, and they fit."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from powerwith.contributions import services as contribution_services
from powerwith.notices import services
from powerwith.notices.models import Notice
from powerwith.people import services as people_services
from tests.browser.conftest import axe, fits, follow, sign_in, tall_enough
from tests.conftest import PASSWORD


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["phone", "page"])
def test_hearing_back_outbox_and_letters(where: str, request: Any, world: Any) -> None:
    page = request.getfixturevalue(where)
    width = 360 if where == "phone" else 1280
    rose = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Rose Hill",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/people/{rose.pk}/")
    follow(page.get_by_role("link", name="How Rose Hill hears back about what they raised"))
    assert page.locator("h1").inner_text() == "How Rose Hill hears back"
    axe(page)
    fits(page, width)
    page.get_by_label("Letter by post").check()
    page.get_by_label("Postal address").fill("1 High Street\nLeeds\nLS1 1AA")
    follow(page.get_by_role("button", name="Save"))
    # No consent ticked: the error is shown next to the field, and what was typed stays.
    assert (
        "Tick to confirm that they agreed to be told this way. Without it, nothing is sent."
        in page.content()
    )
    assert page.get_by_label("Postal address").input_value() == "1 High Street\nLeeds\nLS1 1AA"
    axe(page)
    page.get_by_label(
        "They agreed to be told this way, and to us keeping these details for it"
    ).check()
    follow(page.get_by_role("button", name="Save"))
    assert page.url.endswith(f"/people/{rose.pk}/")

    c = contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="The waiting room is too cold.",
        channel="paper",
        raised_by=rose,
        raised_on=datetime.date(2025, 2, 3),
    )
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=c, fate="considering"
    )
    # And one email that could not be sent, to show "Try again".
    sam = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Sam Ode",
        role="carer",
        joined_on=datetime.date(2025, 1, 6),
    )
    services.hearing_back_set(
        actor=world.facilitator, person=sam, way="email", email="sam@example.org", consent=True
    )
    d = contribution_services.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="Parking costs too much.",
        channel="paper",
        raised_by=sam,
        raised_on=datetime.date(2025, 2, 3),
    )
    contribution_services.contribution_set_fate(
        actor=world.facilitator, contribution=d, fate="considering"
    )
    Notice.objects.filter(person=sam).update(
        status="failed", attempts=5, last_error="The mail server could not be reached"
    )

    page.goto(f"/j/{world.journey.slug}/")
    follow(page.get_by_role("link", name="See why, and try again"))
    assert page.locator("h1").inner_text() == "Notices: telling people what happened"
    assert "Why: The mail server could not be reached" in page.content()
    axe(page)
    fits(page, width)
    retry = page.get_by_role("button", name="Try again")
    tall_enough(retry)
    follow(retry)
    # Queued again from its first try (no worker runs in this test to send it).
    sam_notice = Notice.objects.get(person=sam)
    assert (sam_notice.status, sam_notice.attempts) == ("queued", 0)

    follow(page.get_by_role("link", name="Letters to print and news to pass on in person"))
    assert page.locator("h1").inner_text() == "Letters and news to pass on"
    axe(page)
    fits(page, width)
    tall_enough(page.get_by_role("link", name="Download the letters (PDF)"))
    follow(page.get_by_role("button", name="We have posted these letters"))
    assert Notice.objects.get(person=rose).status == "sent"
    assert "No letters are waiting." in page.content()
