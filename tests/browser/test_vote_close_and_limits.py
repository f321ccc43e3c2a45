"""Everyday use (issue 14): closing a vote asks first and can be undone for a short while, and a
member's ballot page shows only limits shared with the group, in one line after the ballot."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from powerwith.decisions import services as ds
from powerwith.decisions.models import Vote
from powerwith.journeys import services as js
from powerwith.journeys.models import Limit
from powerwith.people import services as ps
from tests.browser.conftest import PHONE, axe, follow, sign_in
from tests.conftest import PASSWORD, World
from tests.decisions.helpers import build, open_vote, option_ids, paper

pytestmark = pytest.mark.django_db(transaction=True)

HIDDEN = "Closing the Friday clinic"
SHOWN = "The building stays"


def signed_in(page: Any, email: str) -> None:
    sign_in(page, email, PASSWORD)
    page.wait_for_url(lambda url: "sign-in" not in url)


def fits_a_phone(page: Any, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width}px wide on a phone"


def test_closing_a_vote_on_a_phone_asks_first_and_can_be_undone(phone: Any, world: World) -> None:
    vw = build(world)
    # Fran facilitates and votes too, so her vote page has a ballot on it.
    ps.person_create(
        actor=vw.f,
        journey=vw.journey,
        name="Fran",
        role="frontline_staff",
        user=vw.f,
        joined_on=datetime.date(2025, 1, 6),
    )
    vote = open_vote(vw)
    paper(vw, vote, "Bea", {option_ids(vote)[0]: 1})
    signed_in(phone, world.facilitator.email)
    phone.goto(vote.get_absolute_url())
    main = phone.locator("main")
    # No button closes the vote from this page: a stray tap near the ballot cannot close it.
    assert phone.get_by_role("button", name="Close the vote").count() == 0
    cast = phone.get_by_role("button", name="Cast my vote").bounding_box()
    close = phone.get_by_role("link", name="Close the vote and show the results")
    heading = phone.get_by_role("heading", name="Managing this vote (facilitators)")
    assert heading.is_visible()
    # Well away from the ballot: more than a screen below the "Cast my vote" button.
    assert close.bounding_box()["y"] - (cast["y"] + cast["height"]) > PHONE["height"]
    fits_a_phone(phone, "the vote page")
    axe(phone)

    follow(close, tap=True)
    text = main.inner_text()
    assert "Close the vote \u201cWhat first?\u201d?" in text
    assert "1 of the 13 people in the group\u2019s register has voted so far." in text
    assert "The results will be shown to everyone in the journey." in text
    assert "you can reopen it within 30 minutes" in text
    fits_a_phone(phone, "the page asking to close the vote")
    axe(phone)
    # Going back changes nothing.
    follow(phone.get_by_role("link", name="Go back").last, tap=True)
    assert Vote.objects.get(pk=vote.pk).state == "open"
    follow(phone.get_by_role("link", name="Close the vote and show the results"), tap=True)
    button = phone.get_by_role("button", name="Close the vote")
    assert button.bounding_box()["height"] >= 44
    follow(button, tap=True)
    assert Vote.objects.get(pk=vote.pk).state == "closed"
    assert "The vote is closed. These are the final results." in main.inner_text()

    # Closed by mistake: reopen it from the vote's page, after being asked.
    phone.goto(vote.get_absolute_url())
    follow(phone.get_by_role("link", name="Reopen the vote"), tap=True)
    assert "1 ballot had been counted when it closed." in main.inner_text()
    fits_a_phone(phone, "the page asking to reopen the vote")
    axe(phone)
    follow(phone.get_by_role("button", name="Reopen the vote"), tap=True)
    assert "The vote is open again. People can vote now." in main.inner_text()
    assert Vote.objects.get(pk=vote.pk).state == "open"
    assert "Reopened (it had closed at" in main.inner_text()  # the vote's own trail says so

    # Too late: closed an hour ago. The page says why, and offers no button.
    ds.vote_close(actor=vw.f, vote=vote)
    Vote.objects.filter(pk=vote.pk).update(closed_at=timezone.now() - datetime.timedelta(hours=1))
    phone.goto(vote.get_absolute_url())
    assert phone.get_by_role("link", name="Reopen the vote").count() == 0
    phone.goto(f"{vote.get_absolute_url()}reopen/")
    assert "This vote closed more than 30 minutes ago, so it can no longer be reopened." in (
        main.inner_text()
    )
    assert phone.get_by_role("button", name="Reopen the vote").count() == 0
    fits_a_phone(phone, "the refusal to reopen")
    axe(phone)


def _limits(world: World) -> Limit:
    f, j = world.facilitator, world.journey
    hidden = js.limit_add(
        actor=f, journey=j, text=HIDDEN, set_by="organisation", why="A board paper, not public."
    )
    js.limit_add(
        actor=f,
        journey=j,
        text=SHOWN,
        set_by="funder",
        why="Capital money is spent.",
        disclosed_on=datetime.date(2025, 2, 1),
    )
    return hidden


@pytest.mark.parametrize("size", ["phone", "page"])
def test_a_members_ballot_shows_only_shared_limits_in_one_line(
    size: str, request: Any, world: World
) -> None:
    page = request.getfixturevalue(size)
    vw = build(world)
    _limits(world)
    vote = open_vote(vw)
    signed_in(page, world.member.email)  # Mo is Ann in the register
    page.goto(vote.get_absolute_url())
    text = page.locator("main").inner_text()
    assert HIDDEN not in text and "Not yet shared" not in text and SHOWN not in text
    line = page.locator(".limits-line")
    assert " ".join(line.inner_text().split()) == (
        "1 limit applies to this journey (what is off the table, who set it and why): read it."
    )
    # After the ballot, not above it: the task comes first on a phone.
    ballot = page.get_by_role("button", name="Cast my vote").bounding_box()
    assert line.bounding_box()["y"] > ballot["y"]
    if size == "phone":
        fits_a_phone(page, "the ballot page")
    axe(page)
    follow(line.get_by_role("link", name="read it"))
    text = page.locator("main").inner_text()
    assert SHOWN in text and HIDDEN not in text
    axe(page)


def test_a_facilitator_shares_a_limit_with_the_group(page: Any, world: World) -> None:
    hidden = _limits(world)
    signed_in(page, world.facilitator.email)
    page.goto(f"/j/{world.journey.slug}/agreement/")
    assert "Not yet shared with the group" in page.locator("main").inner_text()
    follow(page.get_by_role("link", name="Share with the group"))
    assert "Share this limit with the group?" in page.locator("h1").inner_text()
    axe(page)
    follow(page.get_by_role("button", name="Share with the group"))
    assert "Shared. Everyone in the journey can see it now." in page.locator("main").inner_text()
    hidden.refresh_from_db()
    assert hidden.shared and hidden.shared_by == world.facilitator
    axe(page)
