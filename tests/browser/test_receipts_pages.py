"""Receipt codes and feedback cards on a phone and a desktop: typing in a returned card (a
mistake kept on the form, then saved), and looking its code up signed out (a wrong code, then
the answer); accessible, and they fit."""

from __future__ import annotations

from typing import Any

import pytest

from powerwith.contributions import receipts
from powerwith.contributions import services as cs
from tests.browser.conftest import axe, fits, follow, sign_in, tall_enough
from tests.conftest import PASSWORD


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["phone", "page"])
def test_type_in_a_card_then_look_it_up_signed_out(where: str, request: Any, world: Any) -> None:
    page = request.getfixturevalue(where)
    width = 360 if where == "phone" else 1280
    batch = cs.cards_print(actor=world.facilitator, journey=world.journey, count=4)
    code = receipts.shown(batch.cards.order_by("id").first().code)

    sign_in(page, world.facilitator.email, PASSWORD)
    page.goto(f"/j/{world.journey.slug}/contributions/")
    follow(page.get_by_role("link", name="Feedback cards: print them, type them in"))
    assert page.locator("h1").inner_text() == "Feedback cards"
    axe(page)
    fits(page, width)
    follow(page.get_by_role("link", name="Type in cards that came back"))
    assert page.locator("h1").inner_text() == "Type in a feedback card"
    axe(page)
    fits(page, width)
    page.get_by_label("The card's code").fill("zzzz-zzzz")
    page.get_by_label("What was written on it").fill("The signs to the clinic are too small.")
    follow(page.get_by_role("button", name="Save this card"))
    assert (
        "No card with the code ZZZZ-ZZZZ was printed for this journey. Check the code on the card."
        in page.content()
    )
    assert (
        page.get_by_label("What was written on it").input_value()
        == "The signs to the clinic are too small."
    )
    axe(page)
    fits(page, width)
    page.get_by_label("The card's code").fill(code.lower())
    tall_enough(page.get_by_role("button", name="Save this card"))
    follow(page.get_by_role("button", name="Save this card"))
    assert f"Card {code} typed in. It is now on the list of contributions." in page.content()

    follow(page.get_by_role("button", name="Sign out"))
    page.goto("/receipt/")
    assert page.locator("h1").inner_text() == "What became of what you raised"
    axe(page)
    fits(page, width)
    page.get_by_label("Receipt code").fill("K7P4-3QX")
    follow(page.get_by_role("button", name="Look it up"))
    assert (
        "A receipt code has 8 letters and numbers, like K7P4-3QX9. Check what you typed."
        in page.content()
    )
    assert page.get_by_label("Receipt code").input_value() == "K7P4-3QX"
    axe(page)
    fits(page, width)
    page.get_by_label("Receipt code").fill(code.replace("-", " "))
    tall_enough(page.get_by_role("button", name="Look it up"))
    follow(page.get_by_role("button", name="Look it up"))
    text = page.content()
    assert "The signs to the clinic are too small." in text
    assert "Raised, and no one has responded yet." in text
    assert "Fran" not in text
    axe(page)
    fits(page, width)
