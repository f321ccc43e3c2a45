"""Everyday rough edges, in a real browser on a phone and a wide screen: adding someone who is
not in the register yet from the contribution form without losing what was typed (no
JavaScript needed), and keeping a contribution off the public "you said, we did" page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import PHONE, axe, follow, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_add_a_new_person_from_the_contribution_form(
    screen: str, request: Any, world: World
) -> None:
    from powerwith.contributions.models import Contribution
    from powerwith.people.models import Person

    page = request.getfixturevalue(screen)
    sign_in(page, world.member.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/contributions/new/")
    page.fill("#id_text", "The bus does not stop at the clinic")
    page.check("input[name=channel][value=paper]")
    page.fill("#id_provenance", "written on a card")
    page.get_by_text("Someone not in the register yet?").click()
    page.fill("#id_new_name", "Ann")
    page.select_option("#id_new_role", "carer")
    axe(page)
    follow(page.get_by_role("button", name="Add them and choose them"))
    assert "Added Ann to the register" in page.inner_text(".notifications")
    ann = Person.objects.get(journey=world.journey, name="Ann")
    assert page.input_value("#id_raised_by") == str(ann.pk)
    assert page.input_value("#id_text") == "The bus does not stop at the clinic"
    assert page.input_value("#id_provenance") == "written on a card"
    assert page.is_checked("input[name=channel][value=paper]")
    if screen == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe(page)
    follow(page.get_by_role("button", name="Save", exact=True))
    c = Contribution.objects.get()
    assert c.raised_by == ann and c.provenance == "written on a card"

    # A facilitator keeps it off the public page; the public page says how many, not which.
    world.journey.public_you_said = True
    world.journey.save()
    page.context.clear_cookies()
    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(c.get_absolute_url())
    follow(page.get_by_role("button", name="Keep it off the public page"))
    assert "Kept off the public page." in page.inner_text(".notifications")
    assert page.get_by_role("button", name="Put it back on the public page").is_visible()
    axe(page)
    page.goto(f"/p/{world.journey.slug}/you-said-we-did/")
    text = page.inner_text("main")
    assert "The bus does not stop" not in text
    assert "1 more point was raised and is kept off this public page" in text
    axe(page)
