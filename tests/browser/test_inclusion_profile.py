"""A person fills in their own profile on a phone (360 x 740): a mistake first (no consent),
then saved; then a need; the pages pass an axe-core scan, and so does the inclusion overview
with figures on it. Finally she erases her profile."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from powerwith.inclusion import services
from powerwith.inclusion.models import Profile, SupportNeed
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World
from tests.inclusion.helpers import came, crowd, gathering, person, profile

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_fills_in_their_own_profile_on_a_phone(phone: Any, world: World) -> None:
    ann = person(world, "Ann", user=world.member)
    others = crowd(world, 6)
    g = gathering(world, "Café morning", datetime.date(2025, 2, 1), stage="co_design")
    came(world, g, [ann, *others])
    for p in others:
        profile(world, p, age_band="65_74", disability="yes", caring="no")
    pop = services.reference_create(
        actor=world.facilitator, journey=world.journey, name="Borough", source="Census 2021"
    )
    services.reference_set_shares(
        actor=world.facilitator,
        population=pop,
        shares={
            ("age_band", "18_24"): Decimal(12),
            ("age_band", "65_74"): Decimal(14),
            ("disability", "yes"): Decimal(22),
            ("disability", "no"): Decimal(78),
        },
    )

    sign_in(phone, world.member.email, PASSWORD)
    phone.goto(f"/j/{world.journey.slug}/inclusion/")
    follow(phone.get_by_role("link", name="About you: your profile and what you need"))
    assert phone.locator("h1").inner_text() == "About you"
    no_sideways_scroll(phone)
    axe(phone)

    # Answer two questions and forget to agree.
    phone.get_by_role("group", name="How old are you?").get_by_label("50 to 64").check()
    phone.get_by_role("group", name="Do you have caring responsibilities?").get_by_label(
        "Prefer not to say"
    ).check()
    phone.get_by_label("In your own words").fill("Scouse and proud")
    follow(phone.get_by_role("button", name="Save my answers"))
    summary = phone.locator(".error-summary")
    assert "Tick the box to say you agree" in summary.inner_text()
    assert phone.is_checked("input[name=age_band][value='50_64']")
    assert phone.input_value("#id_ethnicity_text") == "Scouse and proud"
    assert not Profile.objects.filter(person=ann).exists()
    no_sideways_scroll(phone)
    axe(phone)

    # Agree (the checkbox is a big enough target) and save.
    box = phone.locator("#id_consent").bounding_box()
    label = phone.locator("label[for=id_consent]").bounding_box()
    assert max(box["height"], label["height"]) >= 24
    phone.get_by_label("I agree that this journey keeps these answers", exact=False).check()
    follow(phone.get_by_role("button", name="Save my answers"))
    assert "Your answers are saved" in phone.locator(".notifications").inner_text()
    saved = Profile.objects.get(person=ann)
    assert (saved.age_band, saved.caring, saved.ethnicity_text) == (
        "50_64",
        "prefer_not",
        "Scouse and proud",
    )
    assert phone.is_checked("input[name=age_band][value='50_64']")

    # Something she needs to take part.
    follow(phone.get_by_role("link", name="Add something you need"))
    phone.get_by_label("Transport").check()
    phone.get_by_label("Details").fill("A lift from Kirkby")
    follow(phone.get_by_role("button", name="Add"))
    assert "A lift from Kirkby" in phone.locator("main").inner_text()
    assert SupportNeed.objects.get(person=ann).kind == "transport"
    axe(phone)

    # The inclusion overview: figures with intervals, no small groups, on a phone.
    phone.goto(f"/j/{world.journey.slug}/inclusion/")
    main = phone.locator("main").inner_text()
    assert "the 7 who shared a profile" in main
    assert "Missing: nobody from this group" in main
    no_sideways_scroll(phone)
    axe(phone)

    # She changes her mind and erases it.
    phone.goto(f"/j/{world.journey.slug}/inclusion/me/")
    follow(phone.get_by_role("link", name="Erase my profile"))
    follow(phone.get_by_role("button", name="Erase my profile"))
    assert "Your profile has been erased" in phone.locator(".notifications").inner_text()
    assert not Profile.objects.filter(person=ann).exists()


def test_every_inclusion_page_passes_axe(page: Any, world: World) -> None:
    """The facilitator's inclusion pages, with data on them, and a form with errors."""
    from tests.inclusion.test_views import _busy_journey

    g = _busy_journey(world, 6)
    ann = person(world, "Ann")
    profile(world, ann, age_band="50_64")
    sign_in(page, world.facilitator.email, PASSWORD)
    base = f"/j/{world.journey.slug}/inclusion/"
    pop = world.journey.reference_populations.first()
    gap = services.asset_gap_add(
        actor=world.facilitator, journey=world.journey, kind="skills", description="Film-making"
    )
    claim = world.journey.expense_claims.first()
    for path in (
        "",
        "me/",
        "profiles/",
        f"profiles/{ann.pk}/",
        "reference/",
        "reference/new/",
        "reference/import/",
        f"reference/{pop.pk}/",
        "recruitment/new/",
        "needs/",
        "needs/new/",
        f"gatherings/{g.pk}/needs/",
        "assets/",
        "assets/new/",
        "assets/gaps/new/",
        f"assets/gaps/{gap.pk}/found/",
        "ledger/",
        "ledger/time/new/",
        "ledger/expenses/new/",
        f"ledger/expenses/{claim.pk}/paid-back/",
        "ledger/payments/new/",
        "ledger/training/new/",
        "ledger/tasks/new/",
    ):
        page.goto(base + path)
        assert page.locator("h1").count() == 1, path
        axe(page)
    # A profile opened with a reason, and a form with errors.
    page.goto(f"{base}profiles/{ann.pk}/")
    page.get_by_label("Why do you need to see this profile?").fill("Checking her paper form")
    follow(page.get_by_role("button", name="Open the profile"))
    assert "50 to 64" in page.locator("main").inner_text()
    axe(page)
    page.goto(base + "ledger/expenses/new/")
    follow(page.get_by_role("button", name="Save"))
    assert page.locator(".error-summary").is_visible()
    axe(page)
