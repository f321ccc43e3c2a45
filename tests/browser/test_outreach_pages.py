"""Who should be involved and the groups we work with, on a phone (360 px) and a desktop
(1280 px): add an entry (a mistake first), record what happened, add them to the register,
add a linked group and something done together; each page fits and passes an axe-core scan."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from powerwith.outreach import services
from powerwith.outreach.models import Stakeholder
from powerwith.people.models import Person
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def _check(page: Any) -> None:
    no_sideways_scroll(page)
    axe(page)


@pytest.mark.parametrize("device", ["phone", "page"])
def test_the_map_and_linked_groups(device: str, request: Any, world: World) -> None:
    page = request.getfixturevalue(device)
    slug = world.journey.slug
    sign_in(page, world.member.email, PASSWORD)
    page.goto(f"/j/{slug}/inclusion/")
    follow(page.get_by_role("link", name="Who should be involved", exact=True))
    assert page.locator("h1").inner_text() == "Who should be involved"
    _check(page)

    follow(page.get_by_role("link", name="Add someone who should be involved"))
    _check(page)
    page.get_by_label("Who should be involved?").fill("Bea Jones")
    page.get_by_role("group", name="Is it a person, an organisation or a group?").get_by_label(
        "A person"
    ).check()
    page.get_by_role("group", name="What kind of stakeholder are they?").get_by_label(
        "Front-line staff"
    ).check()
    follow(page.get_by_role("button", name="Add to the map"))
    assert (
        "Say why they matter to this work."
        in page.locator(".error-summary, [role=alert]").first.inner_text()
    )
    _check(page)
    page.get_by_label("Why do they matter to this work?").fill("Night nurse on ward 7.")
    follow(page.get_by_role("button", name="Add to the map"))
    assert page.locator("h1").inner_text() == "Bea Jones"
    _check(page)

    today = datetime.date.today().isoformat()
    page.get_by_role("group", name="What happened?").get_by_label("Agreed to take part").check()
    page.get_by_label("Date it happened").fill(today)
    follow(page.get_by_role("button", name="Save what happened"))
    follow(page.get_by_role("link", name="Add them to the register"))
    _check(page)
    page.get_by_label("Their role").select_option("frontline_staff")
    follow(page.get_by_role("button", name="Add to the register"))
    entry = Stakeholder.objects.get(name="Bea Jones")
    assert entry.person == Person.objects.get(name="Bea Jones")
    _check(page)

    follow(page.get_by_role("link", name="Back to who should be involved"))
    follow(page.get_by_role("link", name="Groups we work with"))
    _check(page)
    follow(page.get_by_role("link", name="Add a group or network"))
    page.get_by_label("Name of the group or network").fill("Carers Together")
    page.get_by_role("group", name="What kind of group is it?").get_by_label(
        "User-led group"
    ).check()
    follow(page.get_by_role("button", name="Save the group"))
    assert page.locator("h1").inner_text() == "Carers Together"
    page.get_by_label("What did you do together?").fill("A stall at the hospital entrance")
    follow(page.get_by_role("button", name="Save"))
    assert "A stall at the hospital entrance" in page.content()
    _check(page)


def test_the_dashboard_section_passes_axe(page: Any, world: World) -> None:
    services.stakeholder_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Unison branch",
        form="organisation",
        kind="unions",
        why="Staff voice",
        planned_on=datetime.date(2025, 3, 1),
    )
    sign_in(page, world.observer.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/dashboard/")
    assert "1 entry on the map of who should be involved: 0 asked, 0 agreed." in page.content()
    assert "Unison branch" not in page.content()
    axe(page)
