"""Clips: a moment of a story's recording with its transcript and WebVTT captions, played with
the story, and raised as a contribution linked back to the clip."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from powerwith.common.redact import REMOVED
from powerwith.contributions import services as cs
from powerwith.contributions.models import Contribution
from powerwith.demo.media import wav_tone
from powerwith.people import services as people_services
from powerwith.stories import services
from powerwith.stories.models import Clip, Story
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

SAID = "Nobody told me how long the wait would be."


def _story(world: World) -> Story:
    jo = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Jo",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    return services.story_create(
        actor=world.member,
        journey=world.journey,
        teller=jo,
        medium="audio",
        title="The wait",
        told_on=datetime.date(2025, 3, 3),
        upload=SimpleUploadedFile("a.wav", wav_tone(seconds=2.0)),
        consent_uses=["group"],
        consent_how="paper",
    )


def test_a_clip_plays_with_captions_and_is_raised_as_a_contribution(world: World) -> None:
    s = _story(world)
    (waiting,) = cs.tags_get_or_create(
        journey=world.journey, names=["Waiting for surgery"], kind="touchpoint"
    )
    c = client_for(world.member)
    url = reverse("stories:clip_create", kwargs={"slug": world.journey.slug, "story_pk": s.pk})
    f = s.files.get()
    r = c.post(
        url,
        {
            "file": str(f.pk),
            "start": "0.5",
            "end": "1.25",
            "transcript": SAID,
            "captions": "",
            "touchpoint": str(waiting.pk),
        },
    )
    assert r.status_code == 302
    clip = Clip.objects.get()
    assert (clip.start, clip.end, clip.touchpoint) == (Decimal("0.50"), Decimal("1.25"), waiting)
    kw = {"slug": world.journey.slug, "story_pk": s.pk, "clip_pk": clip.pk}
    vtt = client_for(world.observer).get(reverse("stories:captions", kwargs=kw))
    assert vtt["Content-Type"] == "text/vtt; charset=utf-8"
    assert vtt.content.decode() == f"WEBVTT\n\n00:00:00.500 --> 00:00:01.250\n{SAID}\n"
    page = client_for(world.observer).get(s.get_absolute_url()).content.decode()
    media = reverse(
        "stories:media", kwargs={"slug": world.journey.slug, "story_pk": s.pk, "file_pk": f.pk}
    )
    assert (
        f'src="{media}#t=0.50,1.25"><track kind="captions" src="{reverse("stories:captions", kwargs=kw)}"'
        in page
    )
    r = c.post(reverse("stories:clip_raise", kwargs=kw))
    contribution = Contribution.objects.get()
    assert r["Location"] == contribution.get_absolute_url()
    clip.refresh_from_db()
    assert clip.contribution == contribution
    assert (
        contribution.text,
        contribution.channel,
        contribution.raised_by,
        contribution.raised_on,
    ) == (
        SAID,
        "story",
        s.teller,
        datetime.date(2025, 3, 3),
    )
    assert list(contribution.tags.values_list("name", "kind")) == [
        ("Waiting for surgery", "touchpoint")
    ]
    with pytest.raises(ValidationError):
        services.clip_raise(actor=world.member, clip=clip)
    # Withdrawal: the clip goes with the file; the contribution keeps its place, not the words.
    services.story_withdraw(actor=world.facilitator, story=s)
    assert not Clip.objects.exists()
    contribution.refresh_from_db()
    assert contribution.text == REMOVED
    assert (
        client_for(world.facilitator).get(reverse("stories:captions", kwargs=kw)).status_code == 404
    )


def test_clip_rules(world: World) -> None:
    s = _story(world)
    f = s.files.get()
    base = {"actor": world.member, "story": s, "file": f, "transcript": SAID}
    for start, end, field, message in (
        (Decimal("1"), Decimal("1"), "end", "The end must come after the start."),
        (
            Decimal("-1"),
            Decimal("1"),
            "start",
            "The start cannot be before the beginning of the recording.",
        ),
    ):
        with pytest.raises(ValidationError) as exc:
            services.clip_create(**base, start=start, end=end)  # type: ignore[arg-type]
        assert exc.value.message_dict == {field: [message]}
    with pytest.raises(ValidationError) as exc:
        services.clip_create(
            **base, start=Decimal(0), end=Decimal(1), captions="1\n00:00 --> 00:01 hi"
        )  # type: ignore[arg-type]
    assert list(exc.value.message_dict) == ["captions"]
