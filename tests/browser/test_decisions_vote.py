"""Priority votes in a real browser: a patient casts a dot vote on a phone (a double tap counts
once), a facilitator types in a paper ballot, and the decision log, decision form, vote page and
results page pass an accessibility scan."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from powerwith.decisions import services as ds
from powerwith.decisions.models import BallotReceipt, Decision
from tests.browser.conftest import PHONE, axe, follow, sign_in
from tests.conftest import PASSWORD, World
from tests.decisions.helpers import LIVED, STAFF, build, open_vote, option_ids, paper

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(page: Any, email: str) -> None:
    sign_in(page, email, PASSWORD)
    page.wait_for_url(lambda url: "sign-in" not in url)


def press(page: Any, name: str, *, tap: bool = False) -> None:
    """Press a button and wait for the page it leads to."""
    follow(page.get_by_role("button", name=name), tap=tap)


def fits_a_phone(page: Any, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width}px wide on a phone"


def test_patient_casts_a_dot_vote_on_a_phone(phone: Any, world: World) -> None:
    vw = build(world)
    vote = open_vote(vw)
    a, b, *_ = option_ids(vote)
    signed_in(phone, world.member.email)  # Mo's account is Ann in the register
    phone.goto(vote.get_absolute_url())
    assert "You have 3 dots" in phone.locator("main").inner_text()
    fits_a_phone(phone, "the vote page")
    axe(phone)
    # Too many dots first: a specific message, and what was typed stays.
    phone.fill(f"#id_option_{a}", "3")
    phone.fill(f"#id_option_{b}", "1")
    press(phone, "Cast my vote", tap=True)
    summary = phone.locator(".error-summary")
    assert "You placed 4 dots, but each person has 3. Take 1 off." in summary.inner_text()
    assert phone.input_value(f"#id_option_{a}") == "3"
    axe(phone)
    phone.fill(f"#id_option_{a}", "2")
    button = phone.get_by_role("button", name="Cast my vote")
    box = button.bounding_box()
    assert box["height"] >= 44
    # What this form will send, token and all, to send it again below.
    sent = phone.evaluate(
        """() => {
            const form = document.querySelector('button[type=submit]').closest('form');
            return {action: form.action, fields: Object.fromEntries(new FormData(form))};
        }"""
    )
    press(phone, "Cast my vote", tap=True)
    assert "Thank you. Your vote has been counted." in phone.locator("main").inner_text()
    receipt = BallotReceipt.objects.get(vote=vote)
    assert receipt.marks == {str(a): 2, str(b): 1} and receipt.channel == "own_device"
    # The same form sent again (a resubmit after going back, or a retry) counts once. Signed-in
    # pages are no-store, so the browser's back button asks before resending a form: send the
    # very same fields again from the same browser session instead, then a changed ballot.
    again = phone.request.post(sent["action"], form=sent["fields"])
    assert again.status < 500
    changed = {**sent["fields"], f"option_{a}": "3", f"option_{b}": "0"}
    assert phone.request.post(sent["action"], form=changed).status < 500
    assert BallotReceipt.objects.filter(vote=vote).count() == 1
    assert BallotReceipt.objects.get(vote=vote).marks == {str(a): 2, str(b): 1}
    phone.goto(vote.get_absolute_url())
    assert "Your vote has been counted" in phone.locator("main").inner_text()
    fits_a_phone(phone, "the vote page after voting")


def test_facilitator_enters_a_paper_ballot(page: Any, world: World) -> None:
    vw = build(world)
    vote = open_vote(vw, method="ranked")
    a, b, c, _ = option_ids(vote)
    signed_in(page, world.facilitator.email)
    page.goto(vote.get_absolute_url())
    follow(page.get_by_role("link", name="Enter a paper ballot"))
    axe(page)
    gus = vw.people["Gus"]
    page.select_option("#id_person", str(gus.pk))
    page.fill("#id_cast_on", "2025-03-03")
    page.select_option(f"#id_option_{a}", "2")
    page.select_option(f"#id_option_{c}", "1")
    press(page, "Count this ballot")
    assert "Gus\u2019s paper ballot has been counted." in page.locator("main").inner_text()
    r = BallotReceipt.objects.get(vote=vote, person=gus)
    assert (r.channel, r.entered_by_id, r.cast_on, r.marks) == (
        "paper",
        world.facilitator.pk,
        datetime.date(2025, 3, 3),
        {str(c): 1, str(a): 2},
    )
    # A gap in the numbering is refused, with the person's choice kept.
    page.select_option("#id_person", str(vw.people["Hal"].pk))
    page.select_option(f"#id_option_{b}", "2")
    press(page, "Count this ballot")
    assert "without gaps: 1 is missing" in page.locator(".error-summary").inner_text()
    assert page.input_value("#id_person") == str(vw.people["Hal"].pk)
    axe(page)
    # The vote's trail says a paper ballot was entered, for whom, by whom.
    page.goto(vote.get_absolute_url())
    assert "Paper ballot for Gus entered" in page.locator("main").inner_text()


def test_decision_pages_and_results_pass_axe(page: Any, world: World) -> None:
    vw = build(world)
    vote = open_vote(vw)
    ids = option_ids(vote)
    for i, name in enumerate(LIVED + STAFF):
        paper(vw, vote, name, {ids[i % 4]: 2, ids[(i + 1) % 4]: 1})
    ds.vote_close(actor=vw.f, vote=vote)
    signed_in(page, world.facilitator.email)
    page.goto(f"/j/{world.journey.slug}/decisions/")
    axe(page)
    follow(page.get_by_role("link", name="Record a decision"))
    axe(page)
    page.fill("#id_text", "Work first on waiting times")
    page.fill("#id_decided_on", "2025-03-03")
    page.select_option("#id_gathering", str(vw.gathering.pk))
    page.check("input[name=taken_by][value=group_vote]")
    page.check("input[name=rung][value=co_designing]")
    page.check(f"input[name=answers][value='{vw.items[0].pk}']")
    page.select_option("#id_fate", "prioritised")
    press(page, "Record decision")
    d = Decision.objects.get()
    assert d.rung == "co_designing"
    axe(page)
    page.goto(f"/j/{world.journey.slug}/decisions/votes/{vote.pk}/results/")
    text = page.locator("main").inner_text()
    assert "Common ground" in text and "Where the sides differ most" in text
    axe(page)
    page.goto(vote.get_absolute_url())
    axe(page)
