"""The demo's breast-care journey runs EBCD: stories by side with tiny files (a tone, a picture,
a two-second film), touchpoints, feelings by side on the emotional map, a clip raised as a
contribution, withdrawn consents, and the joint event's trigger film with what was said."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from powerwith.demo import ebcd
from powerwith.journeys.models import Journey
from powerwith.stories import selectors
from powerwith.stories.models import Clip, Consent, Film, Story, StoryFile
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_stories_with_consent_and_an_emotional_map() -> None:
    load_demo()
    j = Journey.objects.get(slug=ebcd.SLUG)
    stories = Story.objects.filter(journey=j)
    assert (
        sorted(stories.values_list("teller_side", flat=True))
        == ["lived"] * 6 + ["professional"] * 2
    )
    sizes = list(StoryFile.objects.filter(story__journey=j).values_list("name", "size"))
    assert len(sizes) == 5 and sum(s for _, s in sizes) < 300 * 1024
    assert all(default_storage.exists(n) for n, _ in sizes)
    ended = Consent.objects.filter(story__journey=j, ended_on__isnull=False)
    assert sorted(ended.values_list("story__teller__name", "use")) == [
        ("Jo", "staff_events"),
        ("Niamh", "public"),
    ]
    assert Clip.objects.get(story__teller__name="Rosa").contribution is not None
    film = Film.objects.get(journey=j)
    assert film.gathering.title.startswith("Joint event")
    rows = selectors.film_rows(film)
    assert [(r["clip"].story.teller.name, r["not_played"]) for r in rows] == [
        ("Shazia", ""),
        ("Rosa", ""),
        ("Jo", "no_consent"),
        ("Shazia", ""),
    ]
    assert sorted(film.remarks.values_list("contribution__kind", flat=True)) == [
        "praise",
        "praise",
        "praise",
        "problem",
    ]
    video = StoryFile.objects.get(story__teller__name="Shazia")
    assert (video.kind, video.content_type) == ("video", "video/webm")
    rows_map = selectors.emotional_map(j)["rows"]
    assert [r["touchpoint"].name for r in rows_map] == ebcd.TOUCHPOINTS
    shown = [
        (r["touchpoint"].name, c["side"])
        for r in rows_map
        for c in r["sides"]
        if c["n"] and not c["suppressed"]
    ]
    assert shown == [
        ("diagnosis", "lived"),
        ("diagnosis", "professional"),
        ("waiting for results", "lived"),
        ("before surgery", "lived"),
        ("before surgery", "professional"),
        ("ward stay", "lived"),
        ("ward stay", "professional"),
        ("going home", "lived"),
    ]
