"""Easy read in English: the participant pages say what to do in short lines (docs/translation.md)."""

from __future__ import annotations

import html as htmllib

from django.urls import reverse

from tests.conftest import World, client_for
from tests.decisions.helpers import build, open_vote


def _easy(html: str) -> list[str]:
    """The lines of the page's easy-read list, in order."""
    block = html.split('<ul class="easy-read-text">', 1)[1].split("</ul>", 1)[0]
    return [htmllib.unescape(li.split("</li>", 1)[0].strip()) for li in block.split("<li>")[1:]]


def test_the_ballot_in_easy_read_for_each_way_of_voting(world: World) -> None:
    vw = build(world)
    member = client_for(world.member)
    member.post(reverse("set_easy_read"), {"easy_read": "1", "next": "/"})

    dots = open_vote(vw, title="Dots")
    page = member.get(dots.get_absolute_url()).content.decode()
    assert _easy(page) == [
        "This is a vote.",
        "You have 3 dots.",
        "A dot means: this matters to me.",
        "Put your dots on the things that matter most to you.",
        "You can put more than one dot on one thing.",
        "When you are ready, press the green button.",
    ]
    assert "Put them on the items" not in page  # the standard sentence is not repeated

    ranked = open_vote(vw, title="Order", method="ranked", secret=True)
    page = member.get(ranked.get_absolute_url()).content.decode()
    assert _easy(page)[1:5] == [
        "Put the things in order.",
        "Write 1 next to the thing you want most.",
        "Write 2 next to the thing you want next.",
        "You can stop when you like.",
    ]
    assert "Nobody will know what you chose." in _easy(page)

    # Standard text again: the sentence of before, no easy-read list.
    member.post(reverse("set_easy_read"), {"easy_read": "0", "next": "/"})
    page = member.get(dots.get_absolute_url()).content.decode()
    assert "easy-read-text" not in page
    assert "Put them on the items that matter most to you: you can put more" in page


def test_the_public_page_in_easy_read(world: World, client) -> None:  # type: ignore[no-untyped-def]
    world.journey.public_you_said = True
    world.journey.save()
    client.post(reverse("set_easy_read"), {"easy_read": "1", "next": "/"})
    page = client.get(reverse("public:you_said", kwargs={"slug": world.journey.slug}))
    assert _easy(page.content.decode()) == [
        "People told us things.",
        "This page says what we did about each thing.",
        "Some things are done.",
        "Some things we are still working on.",
        "Some things we cannot do. We say why.",
        "We do not show anyone's name.",
    ]
