"""The main flow of the record, as one story in a real browser: a facilitator starts a journey,
adds people, records a gathering, takes speaking turns on a phone (with undo and a double tap
that counts once), enters something raised on a paper form on someone's behalf, moves it to
done and finds it on "you said, we did". Every main page is scanned with axe on the way. A
second story takes turns with JavaScript switched off."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, axe, follow, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def heading(page: Any) -> str:
    return str(page.locator("h1").inner_text()).strip()


def submit(page: Any) -> None:
    follow(page.locator("main form[method=post] button[type=submit]:visible").first)


def fits_a_phone(page: Any, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width}px wide on a phone"


def add_person(page: Any, name: str, role: str, *, paid: bool = False, online: bool = True) -> None:
    page.fill("#id_name", name)
    page.check(f"input[name=role][value={role}]")
    if paid:
        page.check("#id_paid")
    if not online:
        page.uncheck("#id_online")
    page.fill("#id_joined_on", "2025-03-01")


def test_facilitator_records_a_gathering_and_answers_what_was_raised(
    page: Any, phone: Any, world: World
) -> None:
    from powerwith.contributions.models import Contribution
    from powerwith.gatherings.models import SpeakingTurn
    from powerwith.people.models import Person

    # --- A facilitator signs in and starts a journey. -----------------------------------------
    sign_in(page, world.facilitator.email, PASSWORD)
    assert heading(page) == "Your journeys"
    axe(page)
    follow(page.get_by_role("link", name="Start a new journey"))
    page.fill("#id_title", "Tuesday café group")
    page.fill("#id_purpose", "Make the bus to the clinic work for the people who use it.")
    submit(page)
    assert heading(page) == "Tuesday café group"
    axe(page)
    slug = page.url.rstrip("/").split("/")[-1]
    nav = page.get_by_role("navigation", name="This journey")
    follow(nav.get_by_role("link", name="Agreement"))
    axe(page)

    # --- People: one mistake first, then three people. -------------------------------------
    follow(nav.get_by_role("link", name="People"))
    assert heading(page) == "People"
    axe(page)
    follow(page.get_by_role("link", name="Add a person"))
    page.fill("#id_contact", "through the café")
    page.fill("#id_joined_on", "2025-03-01")
    submit(page)  # no name, no role
    summary = page.locator(".error-summary")
    assert "Enter a name. A first name or a pseudonym is fine." in summary.inner_text()
    assert "Choose their role." in summary.inner_text()
    assert page.input_value("#id_contact") == "through the café"
    axe(page)
    add_person(page, "Ann", "service_user", online=False)
    follow(page.get_by_role("button", name="Add and then add another person"))
    assert "Ann added to the register." in page.inner_text(".notifications")
    add_person(page, "Bob", "manager", paid=True)
    follow(page.get_by_role("button", name="Add and then add another person"))
    add_person(page, "Cara", "facilitator")
    page.check("input[name=side][value=lived]")  # a facilitator who uses the service herself
    follow(page.get_by_role("button", name="Add person", exact=True))
    assert heading(page) == "Cara"
    assert "Lived experience" in page.inner_text("main")
    follow(nav.get_by_role("link", name="People"))
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)
    assert "Paid" in page.locator("tr", has_text="Bob").inner_text()

    # --- A gathering. ------------------------------------------------------------------------
    follow(nav.get_by_role("link", name="Gatherings"))
    follow(page.get_by_role("link", name="Record a gathering"))
    page.fill("#id_title", "March café")
    page.check("input[name=kind][value=informal_session]")
    page.fill("#id_held_on", "2025-03-11")
    page.check("input[name=venue_kind][value=community]")
    page.fill("#id_venue_name", "The Hub café")
    page.fill("#id_accessibility", "Step-free; bus fares paid on the day")
    submit(page)
    assert heading(page) == "March café"
    page.fill("#id_title", "Bus times")
    page.select_option("#id_proposed_by", label="Bob")
    follow(page.get_by_role("button", name="Add to the agenda"))
    assert "Proposed by Bob" in page.inner_text("#agenda + ol")
    axe(page)
    gathering_url = page.url.split("#")[0]

    # --- Speaking turns on a phone. ----------------------------------------------------------
    ann, bob = Person.objects.get(name="Ann"), Person.objects.get(name="Bob")
    sign_in(phone, world.facilitator.email, PASSWORD)
    phone.goto(gathering_url)
    follow(phone.get_by_role("link", name="Take speaking turns").first)
    assert heading(phone) == "Speaking turns"
    # The turns are about the agenda item being discussed.
    phone.select_option("#now-item", label="1. Bus times")
    follow(phone.get_by_role("button", name="Change", exact=True))
    assert phone.locator("#now-item option:checked").inner_text() == "1. Bus times"
    # No one is marked as here yet, so the register is open below: the three who came are
    # marked one after another (the list stays open), and each gets a button.
    expect(phone.locator("#turn-grid")).to_contain_text("No one is marked as here yet.")
    for name in ("Ann", "Bob", "Cara"):
        follow(phone.get_by_role("button", name=re.compile(rf"^Mark present\W+{name}$")))
        assert f"{name} is marked as here" in phone.inner_text(".notifications")
    expect(phone.locator("#turn-grid form[data-tap]")).to_have_count(3)
    assert phone.locator("#now-item option:checked").inner_text() == "1. Bus times"
    fits_a_phone(phone, "the turn page")
    axe(phone)
    ann_button = phone.get_by_role("button", name=re.compile(r"^Ann\b"))
    bob_button = phone.get_by_role("button", name=re.compile(r"^Bob\b"))
    box = ann_button.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    # The side is in words as well as in shape.
    assert "Professional" in bob_button.inner_text()
    assert bob_button.locator(".shape--professional").count() == 1
    ann_count, bob_count = phone.locator(f"#count-{ann.pk}"), phone.locator(f"#count-{bob.pk}")
    ann_button.tap()
    expect(ann_count).to_have_text("1 turn")
    bob_button.tap()
    expect(bob_count).to_have_text("1 turn")
    phone.wait_for_timeout(600)  # a tap on the same name within half a second is a double tap
    ann_button.tap()
    expect(ann_count).to_have_text("2 turns")
    expect(phone.locator("#turn-status")).to_contain_text("Turn recorded for Ann: 2 so far.")
    # Undo takes back the last tap.
    phone.get_by_role("button", name="Undo last turn").click()
    expect(ann_count).to_have_text("1 turn")
    expect(phone.locator("#turn-status")).to_contain_text("Undone: the last turn, by Ann.")
    # A nervous double tap counts once.
    bob_button.dblclick()
    expect(bob_count).to_have_text("2 turns")
    phone.wait_for_timeout(1200)
    expect(bob_count).to_have_text("2 turns")
    assert SpeakingTurn.objects.filter(person=bob).count() == 2
    # Quick taps on different people queue up and none is lost.
    cara = Person.objects.get(name="Cara")
    ann_button.tap()
    bob_button.tap()
    phone.get_by_role("button", name=re.compile(r"^Cara\b")).tap()
    expect(ann_count).to_have_text("2 turns")
    expect(bob_count).to_have_text("3 turns")
    expect(phone.locator(f"#count-{cara.pk}")).to_have_text("1 turn")
    expect(phone.locator("#turn-totals")).to_contain_text("Total 6")
    assert SpeakingTurn.objects.count() == 6
    fits_a_phone(phone, "the turn page after taps")
    axe(phone)

    page.goto(gathering_url)
    who_spoke = page.locator("#turns ~ p").first.inner_text()
    assert "6 speaking turns" in who_spoke and "Lived experience: 3 turns (50%)" in who_spoke
    by_item = page.locator("table", has=page.locator("caption", has_text="Turns by agenda item"))
    assert "Bus times" in by_item.locator("tbody tr").first.inner_text()
    assert "\t6\t" in by_item.locator("tbody tr").first.inner_text()
    axe(page)

    # --- Something raised on a paper form, entered on Ann's behalf. --------------------------
    nav = page.get_by_role("navigation", name="This journey")
    follow(nav.get_by_role("link", name="Contributions"))
    follow(page.get_by_role("link", name="Record something someone raised"))
    axe(page)
    page.fill("#id_text", "The last bus leaves before the clinic closes.")
    page.select_option("#id_raised_by", label="Ann")
    page.check("input[name=channel][value=paper]")
    page.fill("#id_provenance", "written on a card at the café")
    page.fill("#id_tags", "transport, evenings")
    page.fill("#id_raised_on", "2025-03-11")
    submit(page)
    assert heading(page) == "What was raised"
    main = page.inner_text("main")
    assert "written on a card at the café" in main and "on their behalf" in main
    axe(page)
    c = Contribution.objects.get()
    assert (c.raised_by, c.channel, c.entered_by) == (ann, "paper", world.facilitator)

    # --- Done, with a level of change (forgotten the first time). ----------------------------
    page.check("input[name=fate-fate][value=done]")
    page.fill("#id_fate-response", "The bus company added a later bus on Tuesdays.")
    page.fill("#id_fate-on", "2025-04-01")
    follow(page.get_by_role("button", name="Save what happened"))
    assert "Choose the level at which things changed." in page.inner_text(".error-summary")
    assert page.input_value("#id_fate-response").startswith("The bus company added")
    axe(page)
    page.check("input[name=fate-change_level][value=organisational_service]")
    follow(page.get_by_role("button", name="Save what happened"))
    assert "it is now “done”" in page.inner_text(".notifications")
    assert "New → Done" in page.inner_text(".history")

    # --- You said, we did. --------------------------------------------------------------------
    follow(nav.get_by_role("link", name="You said, we did"))
    assert heading(page) == "You said, we did"
    counts = page.get_by_role("list", name="In numbers").inner_text()
    assert "1\npoint raised" in counts and "1\ndone" in counts
    body = page.inner_text("main")
    assert "You said: The last bus leaves before the clinic closes." in body
    assert "We did: The bus company added a later bus on Tuesdays." in body
    assert "Ann" not in body
    axe(page)
    assert slug in page.url


def test_speaking_turns_without_javascript(browser: Any, live_server: Any, world: World) -> None:
    """No JavaScript: each tap is a small form with a token made when the page was drawn, so
    sending the same form twice counts once."""
    from powerwith.gatherings.models import SpeakingTurn
    from tests.people.builders import gathering, person

    ann = person(world, "Ann")
    person(world, "Bob", "manager")
    g = gathering(world)
    ctx = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    try:
        p = ctx.new_page()
        sign_in(p, world.facilitator.email, PASSWORD)
        turns = f"/j/{world.journey.slug}/gatherings/{g.pk}/turns/"
        p.goto(turns)
        follow(p.get_by_role("button", name=re.compile(r"^Mark present\W+Ann$")))  # she came
        form = p.locator(f"form[data-tap]:has(input[name=person][value='{ann.pk}'])")
        sent = {
            name: form.locator(f"input[name={name}]").get_attribute("value")
            for name in ("csrfmiddlewaretoken", "person", "client_token")
        }
        follow(form.get_by_role("button"))
        assert "Turn recorded for Ann: 1 so far." in p.inner_text(".notifications")
        assert p.inner_text(f"#count-{ann.pk}") == "1 turn"
        # The same form sent again (a double submit, or the back button and submit again).
        again = ctx.request.post(f"{live_server.url}{turns}tap/", form=sent, max_redirects=0)
        assert again.status == 302
        p.goto(turns)
        assert p.inner_text(f"#count-{ann.pk}") == "1 turn"
        assert "That tap for Ann was already counted" in p.inner_text(".notifications")
        assert SpeakingTurn.objects.count() == 1
        # Undo works without JavaScript too.
        follow(p.get_by_role("button", name="Undo last turn"))
        assert p.inner_text(f"#count-{ann.pk}") == "0 turns"
    finally:
        ctx.close()
