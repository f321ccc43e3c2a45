"""People's rights on a phone and a desktop: what we hold about a person, the erasure
confirmation, and what PowerWith holds about you; readable, accessible, and they work."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from powerwith.people import services as people_services
from powerwith.people.models import Person
from tests.browser.conftest import axe, follow, sign_in
from tests.conftest import PASSWORD


def _mo(world: Any) -> Person:
    return people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Mo Ibrahim",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
        user=world.member,
    )


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["phone", "page"])
def test_a_facilitator_gets_a_copy_then_erases(where: str, request: Any, world: Any) -> None:
    browser_page = request.getfixturevalue(where)
    width = 360 if where == "phone" else 1280
    mo = _mo(world)
    sign_in(browser_page, world.facilitator.email, PASSWORD)
    browser_page.goto(f"/j/{world.journey.slug}/people/{mo.pk}/")
    follow(
        browser_page.get_by_role(
            "link", name="What we hold about Mo Ibrahim: a copy, or erasing it"
        )
    )
    assert browser_page.locator("h1").inner_text() == "What we hold about Mo Ibrahim"
    axe(browser_page)
    _fits(browser_page, width)
    button = browser_page.get_by_role("link", name="Download the copy (ZIP)")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44
    with browser_page.expect_download() as info:
        button.click()
    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as zf:
        assert any(name.endswith("/register-entry.csv") for name in zf.namelist())
    follow(browser_page.get_by_role("link", name="Erase Mo Ibrahim's personal data"))
    assert browser_page.locator("h1").inner_text() == "Erase Mo Ibrahim's personal data"
    axe(browser_page)
    _fits(browser_page, width)
    # Sent without confirming: the error summary, which must be accessible too.
    follow(browser_page.get_by_role("button", name="Erase their personal data"))
    assert (
        "Tick the box to say you understand" in browser_page.locator(".error-summary").inner_text()
    )
    axe(browser_page)
    browser_page.get_by_label("I understand this cannot be undone").check()
    follow(browser_page.get_by_role("button", name="Erase their personal data"))
    assert browser_page.locator("h1").inner_text() == f"Erased person {mo.pk} pseudonym"


@pytest.mark.django_db(transaction=True)
def test_a_person_sees_and_erases_their_own_entry_on_a_phone(phone: Any, world: Any) -> None:
    mo = _mo(world)
    sign_in(phone, world.member.email, PASSWORD)
    phone.goto("/journeys/")
    follow(phone.get_by_role("link", name="What PowerWith holds about you"))
    assert phone.locator("h1").inner_text() == "What PowerWith holds about you"
    axe(phone)
    _fits(phone, 360)
    follow(phone.get_by_role("link", name="Erase your entry in Better breast care"))
    assert phone.locator("h1").inner_text() == "Erase your entry in Better breast care"
    axe(phone)
    _fits(phone, 360)
    phone.get_by_label("Your password").fill(PASSWORD)
    follow(phone.get_by_role("button", name="Erase my entry"))
    assert phone.locator("h1").inner_text() == "What PowerWith holds about you"
    mo.refresh_from_db()
    assert mo.name == f"Erased person {mo.pk}"
