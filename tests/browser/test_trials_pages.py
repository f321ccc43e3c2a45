"""Trying things out on a phone and a desktop: plan a trial with a success measure, start it,
change the measure with a reason, record new feedback, end it and record the result; then an
expected outcome and its review. Accessible (axe), and every page fits the screen."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from powerwith.people import services as people_services
from tests.browser.conftest import axe, follow, sign_in
from tests.conftest import PASSWORD


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _check(page: Any, width: int) -> None:
    axe(page)
    _fits(page, width)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["phone", "page"])
def test_a_trial_from_plan_to_result(where: str, request: Any, world: Any) -> None:
    page = request.getfixturevalue(where)
    width = 360 if where == "phone" else 1280
    people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Rose Hill",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    sign_in(page, world.member.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/decisions/")
    follow(page.get_by_role("link", name="Trying things out"))
    assert page.locator("h1").inner_text() == "Trying things out"
    _check(page, width)
    follow(page.get_by_role("link", name="Plan a trial"))
    page.get_by_label("What is being tried").fill("A new discharge leaflet")
    page.get_by_label("Where it is tried").fill("Ward 4 only")
    page.get_by_label("Planned start").fill("2025-02-01")
    page.get_by_label("Planned end").fill("2025-01-01")
    page.get_by_label("What would count as success").fill("Patients know their medicines")
    follow(page.get_by_role("button", name="Plan the trial"))
    # The end before the start: the message is next to the field, and what was typed stays.
    assert "The planned end must be on or after the planned start." in page.content()
    assert page.get_by_label("Where it is tried").input_value() == "Ward 4 only"
    _check(page, width)
    page.get_by_label("Planned end").fill("2025-03-14")
    follow(page.get_by_role("button", name="Plan the trial"))
    assert page.locator("h1").inner_text() == "A new discharge leaflet"
    _check(page, width)
    follow(page.get_by_role("link", name="Start the trial"))
    page.get_by_label("The day it started").fill("2025-02-03")
    follow(page.get_by_role("button", name="Start the trial"))
    follow(
        page.get_by_role(
            "link", name=re.compile(r"Change or remove.*Patients know their medicines")
        )
    )
    page.get_by_label("Target").fill("8 in 10")
    follow(page.get_by_role("button", name="Save the change"))
    assert "say why this success measure is changing" in page.content()
    _check(page, width)
    page.get_by_label("Why it is changing").fill("We had not set a target")
    follow(page.get_by_role("button", name="Save the change"))
    assert "Why: We had not set a target" in page.content()
    follow(page.get_by_role("link", name="Record new feedback"))
    _check(page, width)
    page.get_by_label("What was raised").fill("The big print helps")
    page.get_by_label("Whose words these are").select_option(label="Rose Hill")
    page.locator("input[name=channel][value=paper]").check()
    follow(page.get_by_role("button", name="Record it"))
    assert "The big print helps" in page.content()
    follow(page.get_by_role("link", name="Record that it ended"))
    page.get_by_label("It finished").check()
    page.get_by_label("The day it ended").fill("2025-03-14")
    follow(page.get_by_role("button", name="Record the end"))
    _check(page, width)
    page.get_by_label("What was learned").fill("Large print matters")
    page.get_by_label("What happens next").select_option("adapt")
    follow(page.get_by_role("button", name="Save the result"))
    assert "Adapt it" in page.content()
    _check(page, width)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["phone", "page"])
def test_expected_outcomes_and_review(where: str, request: Any, world: Any) -> None:
    page = request.getfixturevalue(where)
    width = 360 if where == "phone" else 1280
    sign_in(page, world.member.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/reflection/")
    follow(page.get_by_role("link", name="The outcomes we expected"))
    assert page.locator("h1").inner_text() == "The outcomes we expect"
    _check(page, width)
    follow(page.get_by_role("link", name="Record an outcome you expect"))
    _check(page, width)
    page.get_by_label("What you expect to change").fill("Fewer readmissions")
    page.get_by_label("For whom").fill("patients going home")
    page.get_by_label("Date it was agreed").fill("2025-01-10")
    follow(page.get_by_role("button", name="Record it", exact=True))
    follow(
        page.get_by_role("link", name=re.compile(r"Review how it turned out.*Fewer readmissions"))
    )
    _check(page, width)
    page.get_by_label("Partly achieved").check()
    page.get_by_label("Date of the review").fill("2025-06-30")
    follow(page.get_by_role("button", name="Save the review"))
    assert "Partly achieved" in page.content()
    _check(page, width)
