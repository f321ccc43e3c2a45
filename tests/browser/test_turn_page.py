"""The live turn page at a real meeting: 23 people in the register, 5 came. The people who came
come first, the rest folded below; a facilitator marks a latecomer as here, adds someone new
and finds a name by typing; and the sticky bar of totals never covers a button."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _context, axe, follow, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = [
    "Ann", "Bob", "Cara", "Dev", "Eve", "Fay", "Gus", "Hal", "Ida", "Jo", "Kim", "Lee",
    "Max", "Nia", "Oli", "Pat", "Raj", "Sue", "Tom", "Uma", "Vic", "Wyn", "Zoe",
]  # fmt: skip
CAME = ["Ann", "Bob", "Cara", "Dev", "Eve"]


def _meeting(world: World, came: list[str] = CAME) -> Any:
    from powerwith.gatherings import services as gs
    from tests.people.builders import gathering, person

    people = {
        n: person(world, n, "manager" if i % 3 == 0 else "service_user")
        for i, n in enumerate(NAMES)
    }
    g = gathering(world, "March café", held_on=datetime.date(2025, 3, 11))
    gs.attendance_set(
        actor=world.facilitator, gathering=g, statuses={people[n].pk: "present" for n in came}
    )
    gs.attendance_set(
        actor=world.facilitator, gathering=g, statuses={people["Zoe"].pk: "apologies"}
    )
    gs.turn_record(actor=world.facilitator, gathering=g, person=people["Ann"])
    return g


UNCOVERED = """(el) => {
  const r = el.getBoundingClientRect();
  // Corners 2px in from the button's edge; on a rounded corner, 2px in from the curve.
  const radius = parseFloat(getComputedStyle(el).borderTopLeftRadius) || 0;
  const i = 2 + Math.ceil(radius * (1 - Math.SQRT1_2));
  const points = [
    [r.left + r.width / 2, r.top + r.height / 2],
    [r.left + i, r.top + i], [r.right - i, r.top + i],
    [r.left + i, r.bottom - i], [r.right - i, r.bottom - i],
  ];
  return points.filter(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return !(hit && (hit === el || el.contains(hit)));
  }).map(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return `${Math.round(x)},${Math.round(y)}: ${hit ? hit.tagName + '.' + hit.className : 'nothing'}`;
  });
}"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("came", [CAME, NAMES[:-1]], ids=["five came", "twenty-two came"])
def test_no_element_covers_a_tap_button(
    browser: Any, live_server: Any, world: World, width: int, came: list[str]
) -> None:
    """Every button on the turn page, scrolled into view from below (the page's bottom edge)
    and from above, can be tapped anywhere: nothing, the sticky bar included, lies over it."""
    g = _meeting(world, came)
    ctx = _context(browser, {"width": width, "height": 740}, base_url=live_server.url)
    try:
        p = ctx.new_page()
        sign_in(p, world.facilitator.email, PASSWORD)
        p.goto(f"/j/{world.journey.slug}/gatherings/{g.pk}/turns/")
        for d in p.locator("main details").all():
            d.evaluate("d => d.open = true")
        buttons = p.locator("main button:visible")
        n = buttons.count()
        assert n >= 10
        covered = []
        for i in range(n):
            b = buttons.nth(i)
            for block in ("end", "start", "nearest"):
                b.evaluate(f"el => el.scrollIntoView({{block: '{block}'}})")
                missed = b.evaluate(UNCOVERED)
                if missed:
                    covered.append((b.inner_text().split("\n")[0], block, missed))
        assert not covered, covered
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_latecomer_and_someone_new_at_a_meeting(
    browser: Any, live_server: Any, world: World, width: int
) -> None:
    """Five came: their buttons come first, the other eighteen folded below. A latecomer is
    found by typing part of her name and marked as here; someone new is added; both can then
    be tapped."""
    import re

    from powerwith.gatherings.models import Attendance, SpeakingTurn
    from powerwith.people.models import Person

    g = _meeting(world)
    ctx = _context(browser, {"width": width, "height": 740}, base_url=live_server.url)
    try:
        p = ctx.new_page()
        sign_in(p, world.facilitator.email, PASSWORD)
        p.goto(f"/j/{world.journey.slug}/gatherings/{g.pk}/turns/")
        grid = p.locator("#turn-grid form[data-tap]")
        expect(grid).to_have_count(5)
        assert p.locator("h2.turn-here").inner_text() == "Here (5)"
        others = p.locator("details#others")
        assert others.locator("summary").inner_text() == "Others in the register (18)"
        assert others.get_attribute("open") is None  # folded
        height = p.evaluate("document.documentElement.scrollHeight")
        print(f"turn page at {width}px: {height}px high")
        assert p.evaluate("document.documentElement.scrollWidth") <= width
        axe(p)

        # Typing part of a name narrows both lists at once and opens the others.
        p.fill("#turn-q", "zo")
        expect(p.locator("#turn-grid li[data-name]:visible")).to_have_count(0)
        expect(p.locator("#others-list li[data-name]:visible")).to_have_count(1)
        assert others.get_attribute("open") is not None
        follow(p.get_by_role("button", name=re.compile(r"^Mark present\W+Zoe$")))
        assert "Zoe is marked as here" in p.inner_text(".notifications")
        expect(grid).to_have_count(6)
        assert others.get_attribute("open") is not None  # ready for the next to arrive
        assert Attendance.objects.get(gathering=g, person__name="Zoe").status == "present"
        axe(p)

        # Someone new: a mistake first, then added and marked as here in one go.
        p.locator("details#newcomer summary").click()
        follow(p.get_by_role("button", name="Add and mark as here"))
        assert "Enter a name." in p.inner_text(".error-summary")
        assert p.locator("details#newcomer").get_attribute("open") is not None
        axe(p)
        p.fill("#id_new-name", "Wren")
        p.select_option("#id_new-role", "carer")
        follow(p.get_by_role("button", name="Add and mark as here"))
        wren = Person.objects.get(journey=world.journey, name="Wren")
        assert p.url.endswith(f"#tap-{wren.pk}")
        expect(grid).to_have_count(7)
        wren_button = p.get_by_role("button", name=re.compile(r"^Wren\b"))
        wren_button.click()
        expect(p.locator(f"#count-{wren.pk}")).to_have_text("1 turn")
        assert SpeakingTurn.objects.filter(person=wren).count() == 1
        assert p.evaluate("document.documentElement.scrollWidth") <= width
        axe(p)
    finally:
        ctx.close()
