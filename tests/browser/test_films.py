"""The demo's trigger film in a real browser, at 360 px and 1280 px: the film plays (Chromium
reads the committed WebM through range requests: its length and a frame), with captions; the
clip whose consent for events was withdrawn is skipped with a note; the page where facilitators
order the clips and record what was said; axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from powerwith.demo import ebcd
from tests import demo_snapshot
from tests.browser.conftest import axe, fits, follow, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(db: Any) -> Any:
    return demo_snapshot.load_demo()


@pytest.mark.parametrize("size", ["phone", "page"])
def test_the_joint_event_film_plays_and_skips_a_withdrawn_clip(
    size: str, request: Any, demo: Any
) -> None:
    p = request.getfixturevalue(size)
    sign_in(p, demo.facilitator_email, demo.password)
    p.goto(f"/j/{ebcd.SLUG}/stories/")
    follow(p.get_by_role("link", name="Trigger films"))
    axe(p)
    follow(p.get_by_role("link", name="The joint event film"))
    expect(p.locator("h1")).to_have_text("The joint event film")
    # Jo withdrew her consent for events after the film was made: place 3 is skipped.
    expect(p.locator("#skipped")).to_contain_text(
        "Clip 3: the teller's consent to show it to staff at events is not in force."
    )
    players = p.locator("ol.film li")
    expect(players).to_have_count(3)
    expect(p.locator("ol.film video")).to_have_count(2)
    expect(p.locator("ol.film audio")).to_have_count(1)
    # The film's video: Chromium reads its length and a frame, then plays the clip.
    p.wait_for_function("document.querySelector('ol.film video').readyState >= 2")
    duration = p.evaluate("document.querySelector('ol.film video').duration")
    assert 1.9 < duration < 2.1, duration
    assert p.evaluate("document.querySelector('ol.film video').videoWidth") == 160
    p.evaluate(
        "() => { const v = document.querySelector('ol.film video'); v.muted = true; return v.play(); }"
    )
    p.wait_for_function("document.querySelector('ol.film video').currentTime > 0.3")
    # Captions are there for people who cannot hear it.
    p.wait_for_function(
        "document.querySelector('ol.film video').textTracks[0].cues !== null"
        " && document.querySelector('ol.film video').textTracks[0].cues.length === 1"
    )
    expect(p.locator("#said")).to_be_visible()
    expect(p.locator("main")).to_contain_text("The evening chats on the ward kept my wife going.")
    fits(p, 360 if size == "phone" else 1280)
    axe(p)
    follow(p.get_by_role("link", name="Add, move or take out clips"))
    expect(p.locator("ol.film-clips > li")).to_have_count(4)
    fits(p, 360 if size == "phone" else 1280)
    axe(p)
