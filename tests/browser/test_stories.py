"""Stories in a real browser: recording one with a sound file on a 360px phone and playing it
(the player reads the file through range requests), then withdrawing it; axe on every page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from powerwith.demo.media import wav_tone
from powerwith.people import services as people_services
from tests.browser.conftest import axe, follow, no_sideways_scroll, sign_in
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def _record(p: Any, world: World, tmp_path: Any) -> None:
    p.goto(f"/j/{world.journey.slug}/stories/")
    follow(p.get_by_role("link", name="Record a story"))
    axe(p)
    no_sideways_scroll(p)
    p.select_option("#id_teller", label="Jo")
    p.check("#id_medium_2")  # Sound recording
    p.fill("#id_title", "Waiting for the results")
    p.fill("#id_words", "The fortnight was the longest of my life.")
    clip = tmp_path / "recording.m4a"  # the name says m4a; the content is what counts
    clip.write_bytes(wav_tone(seconds=1.0))
    p.set_input_files("#id_file", str(clip))
    p.check("input[name=consent_uses][value=group]")
    p.check("#id_consent_how_0")
    follow(p.get_by_role("button", name="Save the story"))
    expect(p.locator("h1")).to_have_text("Waiting for the results")


@pytest.mark.parametrize("size", ["phone", "page"])
def test_record_a_story_with_a_file_and_play_it(
    size: str, request: Any, world: World, tmp_path: Any
) -> None:
    p = request.getfixturevalue(size)
    people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Jo",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    sign_in(p, world.member.email, PASSWORD)
    _record(p, world, tmp_path)
    audio = p.locator("audio")
    expect(audio).to_have_count(1)
    # The player has read the file's length from the server, and plays it to the end.
    p.wait_for_function("document.querySelector('audio').readyState >= 1")
    duration = p.evaluate("document.querySelector('audio').duration")
    assert 0.95 < duration < 1.05
    p.evaluate(
        "() => { const a = document.querySelector('audio'); a.muted = true; return a.play(); }"
    )
    p.wait_for_function("document.querySelector('audio').ended")
    # Seeking asks for a range from the middle.
    p.evaluate("document.querySelector('audio').currentTime = 0.5")
    p.wait_for_function("document.querySelector('audio').readyState >= 2")
    no_sideways_scroll(p)
    axe(p)
    # Withdrawn at the teller's wish: gone from the list, and the page is not found.
    story_url = p.url
    follow(p.get_by_role("link", name="Withdraw this story"))
    axe(p)
    follow(p.get_by_role("button", name="Withdraw the story"))
    expect(p.locator(".messages, main")).to_contain_text("The story has been withdrawn.")
    assert "Waiting for the results" not in p.inner_text("main")
    assert p.goto(story_url).status == 404
