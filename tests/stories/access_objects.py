"""How to make the objects behind the stories app's URL arguments (for the access walker)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from powerwith.contributions import services as contribution_services
from powerwith.demo.media import wav_tone
from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.stories import services
from powerwith.stories.models import Story

TITLE = "Walker: the long wait"


def make_story(world: Any) -> int:
    found = Story.objects.filter(journey=world.journey, title=TITLE).first()
    if found is not None:
        return found.pk
    teller = Person.objects.filter(journey=world.journey, name="Walker teller").first()
    if teller is None:
        teller = people_services.person_create(
            actor=world.facilitator,
            journey=world.journey,
            name="Walker teller",
            role="service_user",
            joined_on=datetime.date(2025, 1, 6),
        )
    return services.story_create(
        actor=world.facilitator,
        journey=world.journey,
        teller=teller,
        medium="audio",
        title=TITLE,
        told_on=datetime.date(2025, 2, 4),
        upload=SimpleUploadedFile("wait.wav", wav_tone(seconds=0.1)),
        consent_uses=["group", "public"],
        consent_how="paper",
    ).pk


def make_file(world: Any) -> int:
    story = Story.objects.get(pk=make_story(world))
    return story.files.get().pk


def make_touchpoint(world: Any) -> int:
    (tag,) = contribution_services.tags_get_or_create(
        journey=world.journey, names=["Walker: diagnosis"], kind="touchpoint"
    )
    return tag.pk


def make_clip(world: Any) -> int:
    story = Story.objects.get(pk=make_story(world))
    found = story.clips.first()
    if found is not None:
        return found.pk
    return services.clip_create(
        actor=world.facilitator,
        story=story,
        file=story.files.get(),
        start=Decimal("0.01"),
        end=Decimal("0.08"),
        transcript="Walker: nobody told me how long.",
    ).pk


OBJECTS = {
    "story_pk": make_story,
    "file_pk": make_file,
    "touchpoint_pk": make_touchpoint,
    "clip_pk": make_clip,
}
