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


def make_film(world: Any) -> int:
    from powerwith.gatherings import services as gathering_services
    from powerwith.stories.models import Film

    found = Film.objects.filter(journey=world.journey, title="Walker film").first()
    if found is not None:
        return found.pk
    gathering = gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Walker joint event",
        kind="codesign_event",
        held_on=datetime.date(2025, 4, 1),
        venue_kind="institutional",
    )
    return services.film_create(
        actor=world.facilitator, journey=world.journey, gathering=gathering, title="Walker film"
    ).pk


def make_film_clip(world: Any) -> int:
    from powerwith.stories.models import Film

    film = Film.objects.get(pk=make_film(world))
    found = film.items.first()
    if found is not None:
        return found.pk
    story = Story.objects.get(pk=make_story(world))
    if not story.consents.filter(use="staff_events", ended_on__isnull=True).exists():
        services.consent_record(
            actor=world.facilitator,
            story=story,
            use="staff_events",
            how="paper",
            given_on=story.told_on,
        )
    from powerwith.stories.models import Clip

    clip = Clip.objects.get(pk=make_clip(world))
    return services.film_clip_add(actor=world.facilitator, film=film, clip=clip).pk


OBJECTS = {
    "story_pk": make_story,
    "file_pk": make_file,
    "touchpoint_pk": make_touchpoint,
    "clip_pk": make_clip,
    "film_pk": make_film,
    "film_clip_pk": make_film_clip,
}
