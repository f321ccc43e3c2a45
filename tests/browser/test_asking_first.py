"""Asking before what cannot be undone, in a real browser: a ledger line on a phone is removed
only after a second tap on a question in its row (no JavaScript involved), and taking someone's
access away asks on a page of its own. Axe on each."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.inclusion.models import ExpenseClaim
from powerwith.journeys.models import Membership
from tests.browser.conftest import PHONE, axe, follow, sign_in
from tests.conftest import PASSWORD, World
from tests.inclusion import access_objects as inclusion_objects
from tests.journeys import access_objects as journeys_objects

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(page: Any, email: str) -> None:
    sign_in(page, email, PASSWORD)
    page.wait_for_url(lambda url: "sign-in" not in url)


def test_a_ledger_line_is_removed_only_after_asking_on_a_phone(phone: Any, world: World) -> None:
    claim = inclusion_objects.make_claim(world)
    signed_in(phone, world.facilitator.email)
    phone.goto(f"/j/{world.journey.slug}/inclusion/ledger/")
    yes = phone.get_by_role("button", name="Yes, remove it")
    assert not yes.is_visible()  # the red button is hidden until asked for
    opener = phone.locator("#expenses ~ div details.confirm-inline > summary").first
    assert opener.bounding_box()["height"] >= 44
    opener.tap()
    assert yes.is_visible()
    assert "This deletes the line from the ledger and cannot be undone" in (
        phone.locator("details.confirm-inline[open]").inner_text()
    )
    assert ExpenseClaim.objects.filter(pk=claim).exists()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the ledger is {width}px wide"
    axe(phone)
    follow(yes, tap=True)
    assert not ExpenseClaim.objects.filter(pk=claim).exists()


def test_removing_access_asks_on_its_own_page(page: Any, world: World) -> None:
    m = Membership.objects.get(pk=journeys_objects.make_membership(world))
    signed_in(page, world.facilitator.email)
    page.goto(f"/j/{world.journey.slug}/members/")
    assert page.get_by_role("button", name="Remove").count() == 0
    follow(page.get_by_role("link", name=f"Remove access for {m.user.first_name}"))
    assert page.locator("h1").inner_text() == f"Remove {m.user.first_name}\u2019s access?"
    axe(page)
    follow(page.get_by_role("button", name="Remove their access"))
    assert "Removed from the journey." in page.locator("main").inner_text()
    assert not Membership.objects.filter(pk=m.pk).exists()
