"""Stories with consent: recording one with a file, bad uploads, playing with range requests
only while consent is in force, and withdrawal taking it off everything at once."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from powerwith.common.models import AuditEntry
from powerwith.demo.media import png_picture, wav_tone
from powerwith.exports import build_zip
from powerwith.people import services as people_services
from powerwith.people.models import Person
from powerwith.stories import services
from powerwith.stories.models import Consent, Story, StoryFile
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

WAV = wav_tone(seconds=0.2)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
TITLE = "Waiting for the results"
WORDS = "The fortnight before the results was the longest of my life."


def stored_names(journey_id: int) -> list[str]:
    folder = f"stories/{journey_id}"
    if not default_storage.exists(folder):
        return []
    return sorted(default_storage.listdir(folder)[1])


def teller(world: World, name: str = "Jo", user: Any = None, role: str = "service_user") -> Person:
    p = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=name,
        role=role,
        joined_on=datetime.date(2025, 1, 6),
    )
    if user is not None:
        Person.objects.filter(pk=p.pk).update(user=user)
        p.refresh_from_db()
    return p


def story(world: World, who: Person, uses: tuple[str, ...] = ("group",), **kw: Any) -> Story:
    args: dict[str, Any] = {
        "actor": world.member,
        "journey": world.journey,
        "teller": who,
        "medium": "audio",
        "title": TITLE,
        "words": WORDS,
        "told_on": datetime.date(2025, 3, 3),
        "provenance": "interviewed at home by Mo",
        "upload": SimpleUploadedFile("jo.wav", WAV),
        "file_label": "The whole interview",
        "consent_uses": list(uses),
        "consent_how": "paper",
        **kw,
    }
    return services.story_create(**args)


def urls(s: Story) -> dict[str, str]:
    kw = {"slug": s.journey.slug, "story_pk": s.pk}
    f = s.files.first()
    out = {
        name: reverse(f"stories:{name}", kwargs=kw)
        for name in ("detail", "file_add", "consent", "consent_end", "withdraw")
    }
    if f is not None:
        out["media"] = reverse("stories:media", kwargs={**kw, "file_pk": f.pk})
    return out


def test_recording_a_story_with_a_file_and_consent_on_the_page(world: World) -> None:
    jo = teller(world)
    c = client_for(world.member)
    r = c.post(
        reverse("stories:create", kwargs={"slug": world.journey.slug}),
        {
            "teller": str(jo.pk),
            "medium": "audio",
            "title": TITLE,
            "told_on": "2025-03-03",
            "words": WORDS,
            "file": SimpleUploadedFile("anything.mp3", WAV),
            "file_label": "The whole interview",
            "provenance": "interviewed at home by Mo",
            "consent_uses": ["group", "training"],
            "consent_how": "verbal",
            "consent_until": "2030-01-01",
            "consent_given_by": "",
        },
    )
    s = Story.objects.get()
    assert r.status_code == 302 and r["Location"] == s.get_absolute_url()
    assert (s.teller, s.teller_side, s.teller_role, s.medium, s.entered_by) == (
        jo,
        "lived",
        "service_user",
        "audio",
        world.member,
    )
    f = s.files.get()
    assert (f.kind, f.content_type, f.size, f.label) == (
        "audio",
        "audio/x-wav",
        len(WAV),
        "The whole interview",
    )
    assert stored_names(world.journey.pk) == [f.name.split("/")[-1]]
    assert sorted(s.consents.values_list("use", "how", "given_on", "until", "ended_on")) == [
        ("group", "verbal", datetime.date(2025, 3, 3), datetime.date(2030, 1, 1), None),
        ("training", "verbal", datetime.date(2025, 3, 3), datetime.date(2030, 1, 1), None),
    ]
    page = c.get(s.get_absolute_url()).content.decode()
    media = urls(s)["media"]
    assert f'<audio controls preload="metadata" src="{media}"></audio>' in page
    assert WORDS in page
    line = AuditEntry.objects.get(action="story_create")
    assert (line.summary, line.on_behalf_of, line.channel) == (
        "A story was recorded (sound recording)",
        jo,
        "story",
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            EXE,
            "interview.mp3",
            "This file is a program, whatever its name says. Programs cannot be uploaded: "
            "choose a sound recording.",
        ),
        (b"", "interview.wav", "The file is empty. Choose the file again."),
        (
            png_picture(),
            "interview.wav",
            "We could not read this file as a sound recording. Check it plays or opens on your "
            "device, or save it in another format.",
        ),
        (
            b"x" * (1024 * 1024 + 1),
            "interview.wav",
            "The file is 1 MB. The largest file we can keep is 1 MB.",
        ),
    ],
)
def test_a_bad_upload_says_why_and_leaves_nothing_behind(
    world: World, settings: Any, data: bytes, name: str, message: str
) -> None:
    settings.POWERWITH_UPLOAD_MAX_MB = 1
    jo = teller(world)
    c = client_for(world.member)
    r = c.post(
        reverse("stories:create", kwargs={"slug": world.journey.slug}),
        {
            "teller": str(jo.pk),
            "medium": "audio",
            "title": TITLE,
            "told_on": "2025-03-03",
            "file": SimpleUploadedFile(name, data),
            "consent_uses": ["group"],
            "consent_how": "paper",
        },
    )
    assert r.status_code == 400
    page = r.content.decode()
    if data:
        assert message in page
    else:
        # Django's own check sees an empty file first; ours says the same if it gets one.
        assert "The submitted file is empty." in page or message in page
    assert Story.objects.count() == 0 and StoryFile.objects.count() == 0
    assert stored_names(world.journey.pk) == []
    assert TITLE in page  # what was typed is kept


def test_a_bad_file_added_later_leaves_nothing_behind(world: World) -> None:
    s = story(world, teller(world))
    before = stored_names(world.journey.pk)
    with pytest.raises(ValidationError) as exc:
        services.story_file_add(
            actor=world.member, story=s, upload=SimpleUploadedFile("more.wav", EXE)
        )
    assert "program" in exc.value.message_dict["file"][0]
    assert stored_names(world.journey.pk) == before
    assert s.files.count() == 1


def test_media_answers_range_requests(world: World) -> None:
    s = story(world, teller(world))
    c = client_for(world.observer)
    url = urls(s)["media"]
    whole = c.get(url)
    assert whole.status_code == 200
    assert b"".join(whole.streaming_content) == WAV
    assert whole["Accept-Ranges"] == "bytes" and whole["Content-Type"] == "audio/x-wav"
    part = c.get(url, headers={"Range": "bytes=44-143"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 44-143/{len(WAV)}"
    assert b"".join(part.streaming_content) == WAV[44:144]
    bad = c.get(url, headers={"Range": f"bytes={len(WAV) + 10}-"})
    assert bad.status_code == 416
    assert bad["Content-Range"] == f"bytes */{len(WAV)}"


def test_nothing_plays_without_consent_for_the_group_at_that_moment(world: World) -> None:
    s = story(world, teller(world), uses=("group", "public"))
    media = urls(s)["media"]
    facilitator, observer = client_for(world.facilitator), client_for(world.observer)
    assert observer.get(media).status_code == 200
    services.consent_end(actor=world.member, story=s, use="group")
    # Not even a facilitator can play it now; the observer cannot see it at all.
    assert facilitator.get(media).status_code == 404
    assert observer.get(urls(s)["detail"]).status_code == 404
    page = facilitator.get(urls(s)["detail"]).content.decode()
    assert "Not shown: the teller's consent for the group to see it is not in force" in page
    assert WORDS not in page
    # Consent given again, but only until yesterday: still nothing.
    services.consent_record(
        actor=world.member,
        story=s,
        use="group",
        how="online",
        given_on=datetime.date(2025, 1, 1),
        until=datetime.date(2025, 1, 2),
    )
    assert facilitator.get(media).status_code == 404
    services.consent_record(
        actor=world.member, story=s, use="group", how="online", given_on=datetime.date(2025, 4, 1)
    )
    assert observer.get(media).status_code == 200
    assert (
        list(
            Consent.objects.filter(story=s, use="group")
            .order_by("id")
            .values_list("ended_on", flat=True)
        )[-1]
        is None
    )


def _export(world: World) -> dict[str, Any]:
    data = build_zip(world.journey)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        name = next(n for n in z.namelist() if n.endswith(".json"))
        csv_name = next(n for n in z.namelist() if n.endswith("/stories.csv"))
        doc = json.loads(z.read(name))
        doc["stories_csv"] = z.read(csv_name).decode()
        return doc


def test_withdrawal_takes_it_off_every_page_export_and_storage_at_once(world: World) -> None:
    jo = teller(world)
    s = story(world, jo, uses=("group", "public"))
    other = story(
        world, teller(world, "Ann"), uses=("group",), title="Being told", words="Kind words"
    )
    services.story_file_add(
        actor=world.member, story=s, upload=SimpleUploadedFile("p.wav", WAV), label="Part two"
    )
    pages = urls(s)
    names = list(s.files.values_list("name", flat=True))
    assert len(names) == 2 and all(default_storage.exists(n) for n in names)
    exported = _export(world)["tables"]["stories"]
    assert [(r["story_id"], r["title"], r["words"], r["files"]) for r in exported] == [
        (s.pk, TITLE, WORDS, "audio; audio")
    ]
    fac = client_for(world.facilitator)
    assert fac.get(pages["detail"]).status_code == 200

    r = fac.post(pages["withdraw"])
    assert r.status_code == 302

    for name, url in pages.items():
        for method in ("get", "post"):
            got = getattr(fac, method)(url).status_code
            wanted = 405 if (name, method) == ("consent_end", "get") else 404  # POST only
            assert got == wanted, f"{method.upper()} {name}: {got}"
    listing = fac.get(reverse("stories:list", kwargs={"slug": world.journey.slug})).content.decode()
    assert TITLE not in listing and "Being told" in listing
    assert _export(world)["tables"]["stories"] == []
    assert not any(default_storage.exists(n) for n in names)
    assert StoryFile.objects.filter(story=s).count() == 0
    s.refresh_from_db()
    assert (s.title, s.words, s.provenance, s.withdrawn_on is not None) == ("", "", "", True)
    assert not Consent.objects.filter(story=s, ended_on__isnull=True).exists()
    line = AuditEntry.objects.get(action="story_withdraw")
    assert (line.summary, line.on_behalf_of, line.actor) == (
        "A story was withdrawn on the teller's behalf",
        jo,
        world.facilitator,
    )
    log = " ".join(AuditEntry.objects.values_list("summary", flat=True))
    assert TITLE not in log and "fortnight" not in log
    # The other story is untouched.
    assert fac.get(urls(other)["media"]).status_code == 200


def test_the_teller_can_withdraw_their_own_story_and_others_cannot(world: World) -> None:
    jo = teller(world, user=world.observer)
    s = story(world, jo)
    someone = teller(world, "Ann")
    theirs = story(world, someone, title="Ann's story")
    obs = client_for(world.observer)
    page = obs.get(urls(theirs)["withdraw"]).content.decode()
    assert "Only the person who told it, or a member on their behalf, can do this." in page
    r = obs.post(urls(theirs)["withdraw"])
    assert r.status_code == 302
    theirs.refresh_from_db()
    assert theirs.withdrawn_on is None
    assert obs.post(urls(s)["withdraw"]).status_code == 302
    s.refresh_from_db()
    assert s.withdrawn_on is not None
    line = AuditEntry.objects.get(action="story_withdraw")
    assert (line.summary, line.on_behalf_of) == (
        "A story was withdrawn by the person who told it",
        None,
    )


def test_a_story_without_consent_for_the_group_is_kept_from_members(world: World) -> None:
    s = story(world, teller(world), uses=())
    listing = reverse("stories:list", kwargs={"slug": world.journey.slug})
    assert TITLE not in client_for(world.observer).get(listing).content.decode()
    assert client_for(world.observer).get(urls(s)["detail"]).status_code == 404
    # Whoever recorded it and the facilitators see it, to record the consent.
    for who in (world.member, world.facilitator):
        page = client_for(who).get(listing).content.decode()
        assert TITLE in page and "No consent in force: not shown to the group." in page
    assert client_for(world.facilitator).get(urls(s)["media"]).status_code == 404


def test_consent_rules(world: World) -> None:
    s = story(world, teller(world))
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=world.member,
            story=s,
            use="public",
            how="paper",
            given_on=datetime.date(2025, 3, 3),
            until=datetime.date(2025, 3, 1),
        )
    assert exc.value.message_dict == {
        "consent_until": ["The end of consent cannot be before it was given."]
    }
    with pytest.raises(ValidationError) as exc:
        services.consent_end(actor=world.member, story=s, use="training")
    assert exc.value.message_dict == {"use": ["There is no consent for that use to withdraw."]}
    with pytest.raises(ValidationError) as exc:
        services.story_create(
            actor=world.member,
            journey=world.journey,
            teller=s.teller,  # type: ignore[arg-type]
            medium="writing",
            title="x",
            told_on=datetime.date(2025, 3, 3),
            consent_uses=["group"],
        )
    assert exc.value.message_dict == {"words": ["Write the story down, or add a file with it."]}


def test_rights_copy_and_erasure(world: World) -> None:
    jo = teller(world)
    s = story(world, jo)
    names = list(s.files.values_list("name", flat=True))
    from powerwith.stories import rights

    held = rights.held(jo)
    assert [(r["Title"], r["Files kept"]) for r in held["stories they told"]] == [(TITLE, 1)]
    assert [r["Use"] for r in held["their consent for each use"]] == ["Seen within the group"]
    assert rights.erase(jo, actor=world.facilitator)["stories withdrawn"] == 1
    s.refresh_from_db()
    assert s.withdrawn_on is not None and not default_storage.exists(names[0])
    assert rights.erase(jo, actor=world.facilitator)["stories withdrawn"] == 0
