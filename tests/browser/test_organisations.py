"""Organisation pages on a phone and a desktop: add an organisation, add someone to it, choose
it as a journey's host. Accessible (axe), no sideways scrolling at 360px, buttons >= 44px."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.journeys.models import Journey
from powerwith.organisations.models import Organisation
from tests.browser.conftest import axe, fits, follow, sign_in
from tests.conftest import PASSWORD


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "page"])
def test_an_admin_adds_an_organisation_a_person_and_hosts_a_journey(
    device: str, request: Any, world: Any
) -> None:
    p = request.getfixturevalue(device)
    width = 360 if device == "phone" else 1280
    sign_in(p, world.facilitator.email, PASSWORD)
    follow(p.get_by_role("link", name="Your organisations"))
    assert p.locator("h1").inner_text() == "Your organisations"
    axe(p)
    fits(p, width)
    follow(p.get_by_role("link", name="Add an organisation"))
    follow(p.get_by_role("button", name="Add the organisation"))  # empty: an error, kept form
    assert "Enter the name of the organisation." in p.locator(".error-summary").inner_text()
    axe(p)
    p.fill("#id_name", "Riverside Trust")
    p.select_option("#id_kind", "health")
    follow(p.get_by_role("button", name="Add the organisation"))
    assert p.locator("h1").inner_text() == "Riverside Trust"
    axe(p)
    fits(p, width)
    follow(p.get_by_role("link", name="Add someone"))
    p.fill("#id_email", world.member.email)
    follow(p.get_by_role("button", name="Add them"))
    assert world.member.email in p.locator("table").inner_text()
    axe(p)
    fits(p, width)
    button = p.get_by_role("button", name="Change role").first
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44
    # Choose it as the journey's host: only the organisations you run are offered.
    p.goto(f"/j/{world.journey.slug}/agreement/settings/")
    org = Organisation.objects.get(name="Riverside Trust")
    options = p.locator("#id_host option").all_inner_texts()
    assert options == ["No host organisation", "Riverside Trust"]
    p.select_option("#id_host", str(org.pk))
    axe(p)
    follow(p.get_by_role("button", name="Save", exact=True))
    assert Journey.objects.get(pk=world.journey.pk).host == org


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "page"])
def test_a_viewer_sees_the_organisations_journeys_side_by_side(device: str, request: Any) -> None:
    from powerwith.journeys import services as js
    from tests.insights.test_organisation import fill, hosted
    from tests.organisations.helpers import build_org_world

    p = request.getfixturevalue(device)
    width = 360 if device == "phone" else 1280
    o = build_org_world()
    a, b = hosted(o, "Clinic letters"), hosted(o, "Secret garden")
    fill(a)
    fill(b, lived=5, staff=1)
    js.membership_add(actor=o.admin, journey=a.journey, user=o.viewer, role="observer")
    sign_in(p, o.viewer.email, PASSWORD)
    p.goto(o.organisation.get_absolute_url())
    assert p.locator("#org-view-heading").inner_text() == "Across its journeys"
    table = p.get_by_role("region", name="The journeys side by side")
    assert "Clinic letters" in table.inner_text() and "1 other journey" in table.inner_text()
    assert "Secret garden" not in p.content()
    # Each chart's figures are also a table, behind a native disclosure.
    p.get_by_text("Show these figures as a table").first.click()
    axe(p)
    fits(p, width)
    follow(p.get_by_role("link", name="Clinic letters: its dashboard"))
    assert "Clinic letters" in p.locator("body").inner_text()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "page"])
def test_someone_makes_an_api_token_sees_it_once_and_revokes_it(
    device: str, request: Any, world: Any
) -> None:
    from powerwith.api.models import ApiToken

    p = request.getfixturevalue(device)
    width = 360 if device == "phone" else 1280
    sign_in(p, world.member.email, PASSWORD)
    follow(p.get_by_role("link", name="Your API tokens"))
    assert p.locator("h1").inner_text() == "Your API tokens"
    axe(p)
    fits(p, width)
    p.fill("#id_name", "")
    follow(p.get_by_role("button", name="Make the token"))
    assert "error-summary" in p.content()
    axe(p)
    p.fill("#id_name", "Spreadsheet sync")
    follow(p.get_by_role("button", name="Make the token"))
    secret = p.locator(".token-secret").inner_text()
    assert ApiToken.objects.get(user=world.member).prefix == secret[:10]
    axe(p)
    fits(p, width)
    button = p.get_by_role("button", name="Revoke Spreadsheet sync")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44
    follow(button)
    assert "Token revoked" in p.locator("body").inner_text()
    assert ApiToken.objects.get(user=world.member).revoked_at is not None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "page"])
def test_the_demo_trusts_viewer_sees_training_money_trials_and_leaving(
    device: str, request: Any
) -> None:
    """Issue 18: the demo's organisation-wide viewer on the trust's page: the journey they
    observe by name, the other only added up, and the figures beyond the meetings."""
    from tests.demo_snapshot import load_demo

    p = request.getfixturevalue(device)
    width = 360 if device == "phone" else 1280
    demo = load_demo()
    trust = Organisation.objects.get(name="Riverside Hospital NHS Trust")
    sign_in(p, "trust-viewer@demo.powerwith.invalid", demo.password)
    p.goto(trust.get_absolute_url())
    beyond = p.get_by_role("region", name="Training, money, trying things out and leaving")
    text = beyond.inner_text()
    assert "Clearer clinic letters" in text and "1 other journey" in text
    assert "All journeys" in text and "Better breast care" not in p.content()
    axe(p)
    fits(p, width)
