"""The trigger film and the joint event: a film of consented clips for a gathering, consent asked
again whenever it is played (a withdrawal between adding and playing skips the clip and its media
answers 404), what people say at the screening as contributions linked to the clip, the moments
that felt worst put to the priority vote in one step; praise and problems; the ``ebcd`` figures;
and a deleted journey leaving no file behind."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from powerwith.contributions import services as cs
from powerwith.contributions.models import Contribution
from powerwith.decisions import services as ds
from powerwith.decisions.models import Vote
from powerwith.demo.media import wav_tone, webm_film
from powerwith.exports import build_zip
from powerwith.gatherings import services as gs
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.people import services as ps
from powerwith.stories import selectors, services
from powerwith.stories.models import Clip, Film, FilmClip, Remark, Story, StoryFile
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

D = datetime.date


def person(world: World, name: str, role: str = "service_user") -> Any:
    return ps.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=name,
        role=role,
        joined_on=D(2025, 1, 6),
    )


def filmed(
    world: World, name: str = "Shazia", uses: tuple[str, ...] = ("group", "staff_events"), **kw: Any
) -> Story:
    return services.story_create(
        actor=world.member,
        journey=world.journey,
        teller=kw.pop("teller", None) or person(world, name),
        medium="film",
        title=f"{name}'s story",
        told_on=kw.pop("told_on", D(2025, 3, 3)),
        upload=SimpleUploadedFile("f.webm", webm_film()),
        consent_uses=list(uses),
        consent_how="paper",
        **kw,
    )


def clip(world: World, story: Story, said: str, touchpoint: Any = None, start: str = "0") -> Clip:
    return services.clip_create(
        actor=world.member,
        story=story,
        file=story.files.get(),
        start=Decimal(start),
        end=Decimal(start) + 1,
        transcript=said,
        touchpoint=touchpoint,
    )


def event(world: World) -> Any:
    return gs.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Joint event",
        kind="codesign_event",
        held_on=D(2025, 4, 1),
        venue_kind="institutional",
    )


def film_urls(film: Film, item: FilmClip | None = None) -> dict[str, str]:
    kw: dict[str, Any] = {"slug": film.journey.slug, "film_pk": film.pk}
    out = {
        "list": reverse("stories:films", kwargs={"slug": film.journey.slug}),
        "create": reverse("stories:film_create", kwargs={"slug": film.journey.slug}),
        "play": reverse("stories:film", kwargs=kw),
        "edit": reverse("stories:film_edit", kwargs=kw),
        "vote": reverse("stories:film_vote", kwargs=kw),
    }
    if item is not None:
        kw["film_clip_pk"] = item.pk
        for name in ("media", "captions", "remove", "move"):
            out[name] = reverse(f"stories:film_{name}", kwargs=kw)
    return out


def test_facilitators_make_the_film_and_members_and_observers_play_it(world: World) -> None:
    s = filmed(world)
    (diagnosis,) = cs.tags_get_or_create(
        journey=world.journey, names=["diagnosis"], kind="touchpoint"
    )
    first = clip(world, s, "I heard nothing after the word cancer.", diagnosis)
    second = clip(world, s, "The nurses made me laugh again.", start="1")
    gathering = event(world)
    fac = client_for(world.facilitator)
    r = fac.post(
        reverse("stories:film_create", kwargs={"slug": world.journey.slug}),
        {"title": "The joint event film", "gathering": str(gathering.pk)},
    )
    film = Film.objects.get()
    assert r.status_code == 302 and r["Location"] == film_urls(film)["edit"]
    assert (film.title, film.gathering, film.created_by) == (
        "The joint event film",
        gathering,
        world.facilitator,
    )
    edit = film_urls(film)["edit"]
    assert fac.post(edit, {"clip": str(second.pk)}).status_code == 302
    assert fac.post(edit, {"clip": str(first.pk)}).status_code == 302
    items = list(film.items.order_by("position"))
    assert [(i.position, i.clip) for i in items] == [(1, second), (2, first)]
    # Reorder: the first clip moves earlier.
    assert fac.post(film_urls(film, items[1])["move"], {"direction": "up"}).status_code == 302
    assert [i.clip for i in film.items.order_by("position")] == [first, second]

    play = film_urls(film)["play"]
    for who in (world.facilitator, world.member, world.observer):
        page = client_for(who).get(play)
        assert page.status_code == 200
        html = page.content.decode()
        # A list of players in order, each with its captions track.
        a, b = (film_urls(film, film.items.get(clip=c)) for c in (first, second))
        assert html.index(f'src="{a["media"]}#t=0.00,1.00"') < html.index(
            f'src="{b["media"]}#t=1.00,2.00"'
        )
        assert f'<track kind="captions" src="{a["captions"]}"' in html
    got = client_for(world.observer).get(a["media"], HTTP_RANGE="bytes=0-9")
    assert got.status_code == 206 and got["Content-Type"] == "video/webm"
    vtt = client_for(world.observer).get(a["captions"]).content.decode()
    assert (
        vtt == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nI heard nothing after the word cancer.\n"
    )

    # Only facilitators change the film; outsiders see nothing.
    assert client_for(world.member).get(edit).status_code == 403
    assert client_for(world.member).post(a["remove"]).status_code == 403
    assert client_for(world.outsider).get(play).status_code == 404
    assert client_for(world.outsider).get(a["media"]).status_code == 404
    # Taking one out renumbers the rest.
    assert fac.post(a["remove"]).status_code == 302
    assert [(i.position, i.clip) for i in film.items.all()] == [(1, second)]


def test_a_clip_without_consent_for_events_cannot_be_added(world: World) -> None:
    """A story used beyond its consent is impossible by construction: adding is refused."""
    group_only = filmed(world, "Joan", uses=("group",))
    c = clip(world, group_only, "The letter came two days after.")
    film = services.film_create(
        actor=world.facilitator, journey=world.journey, gathering=event(world), title="Film"
    )
    with pytest.raises(ValidationError) as exc:
        services.film_clip_add(actor=world.facilitator, film=film, clip=c)
    assert exc.value.message_dict == {
        "clip": [
            "The person who told this story has not agreed to it being shown to staff at "
            "events, so it cannot go in the film."
        ]
    }
    # The page does not even offer it, and posting it anyway is refused with a message.
    fac = client_for(world.facilitator)
    r = fac.post(film_urls(film)["edit"], {"clip": str(c.pk)})
    assert r.status_code == 400 and "Choose a clip from the list." in r.content.decode()
    assert not FilmClip.objects.exists()
    # Members may not add clips at all.
    with pytest.raises(Exception, match="facilitator"):
        services.film_clip_add(actor=world.member, film=film, clip=c)


def test_consent_is_asked_again_when_the_film_is_played(world: World) -> None:
    """Withdrawn between adding and playing: the clip is skipped with a plain note to the
    facilitator, never played, and its media and captions answer 404."""
    kept = filmed(world, "Rosa")
    ends = filmed(world, "Jo")
    gone = filmed(world, "Lin")
    clips = [clip(world, s, f"{s.title}: said") for s in (kept, ends, gone)]
    film = services.film_create(
        actor=world.facilitator, journey=world.journey, gathering=event(world), title="Film"
    )
    items = [services.film_clip_add(actor=world.facilitator, film=film, clip=c) for c in clips]
    urls = [film_urls(film, i) for i in items]
    fac = client_for(world.facilitator)
    assert [fac.get(u["media"]).status_code for u in urls] == [200, 200, 200]

    services.consent_end(actor=world.member, story=ends, use="staff_events")
    services.story_withdraw(actor=world.member, story=gone)

    assert [(r["item"].position, r["not_played"]) for r in selectors.film_rows(film)] == [
        (1, ""),
        (2, "no_consent"),
        (3, "withdrawn"),
    ]
    html = fac.get(urls[0]["media"].rsplit("clips", 1)[0]).content.decode()
    assert "2 clips are not played. Consent is checked each time the film is played:" in html
    assert "Clip 2: the teller's consent to show it to staff at events is not in force." in html
    assert "Clip 3: its story was withdrawn." in html
    assert urls[0]["media"] in html
    assert urls[1]["media"] not in html and urls[2]["media"] not in html
    assert "Lin&#x27;s story" not in html and "Jo&#x27;s story" not in html
    member_html = client_for(world.member).get(film_urls(film)["play"]).content.decode()
    assert "not played" not in member_html
    for u in urls[1:]:
        assert fac.get(u["media"]).status_code == 404
        assert fac.get(u["captions"]).status_code == 404
    assert fac.get(urls[0]["media"]).status_code == 200
    # Nothing said can be recorded against a clip that is not shown.
    with pytest.raises(ValidationError):
        services.film_remark(
            actor=world.member,
            film=film,
            clip=clips[1],
            text="Something",
            anonymous=True,
        )
    # Nor exported: none of these stories agreed to public reports and exports.
    exported = build_zip(world.journey)
    assert b"said" not in exported.replace(b"Lin's story: said", b"")


def test_what_people_say_at_the_screening_is_a_contribution_linked_to_the_clip(
    world: World,
) -> None:
    s = filmed(world)
    (ward,) = cs.tags_get_or_create(journey=world.journey, names=["ward stay"], kind="touchpoint")
    c = clip(world, s, "The nurses made me laugh again.", ward)
    dev = person(world, "Dev", "carer")
    film = services.film_create(
        actor=world.facilitator, journey=world.journey, gathering=event(world), title="Film"
    )
    services.film_clip_add(actor=world.facilitator, film=film, clip=c)
    member = client_for(world.member)
    r = member.post(
        film_urls(film)["play"],
        {
            "clip": str(c.pk),
            "raised_by": str(dev.pk),
            "text": "The evening chats kept my wife going. Keep them.",
            "kind": "praise",
        },
    )
    assert r.status_code == 302
    remark = Remark.objects.get()
    said = remark.contribution
    assert (remark.film, remark.clip) == (film, c)
    assert (said.text, said.raised_by, said.channel, said.gathering, said.raised_on) == (
        "The evening chats kept my wife going. Keep them.",
        dev,
        "gathering",
        film.gathering,
        D(2025, 4, 1),
    )
    assert (said.kind, said.provenance, said.entered_by) == (
        "praise",
        "Said at the screening of \u201cFilm\u201d",
        world.member,
    )
    assert [t.name for t in said.tags.all()] == ["ward stay"]
    page = member.get(film_urls(film)["play"]).content.decode()
    assert "The evening chats kept my wife going." in page and "Works well" in page
    # An empty form says what is missing, field by field.
    r = member.post(film_urls(film)["play"], {"clip": str(c.pk)})
    assert r.status_code == 400
    body = r.content.decode()
    assert "Choose who said it, or choose “Anonymous”." in body
    assert "Write what they said, in their own words if you can." in body
    # Observers may watch but not record.
    assert client_for(world.observer).post(film_urls(film)["play"], {}).status_code == 403


def mark(world: World, tp: Any, side: str, ups: int, downs: int) -> None:
    for direction, n in (("better", ups), ("worse", downs)):
        for _ in range(n):
            services.feeling_mark(
                actor=world.member,
                journey=world.journey,
                touchpoint=tp,
                direction=direction,
                strength=2,
                channel="event",
                side=side,
                marked_on=D(2025, 3, 10),
            )


def touchpoints(world: World, *names: str) -> list[Any]:
    return cs.tags_get_or_create(journey=world.journey, names=list(names), kind="touchpoint")


def test_the_worst_moments_go_to_the_priority_vote_in_one_step(world: World) -> None:
    letter, diagnosis, waiting, ward, home = touchpoints(
        world, "first letter", "diagnosis", "waiting", "ward", "going home"
    )
    mark(world, letter, "lived", 1, 3)  # 3 of 4: too few marks to count
    mark(world, diagnosis, "lived", 2, 4)  # 4 of 6 = 0.667
    mark(world, waiting, "lived", 0, 5)  # 5 of 5 = 1.0
    mark(world, ward, "lived", 3, 3)  # 3 of 6: not more than half
    mark(world, home, "professional", 1, 2)
    mark(world, home, "lived", 1, 4)  # 6 of 8 = 0.75
    worst = selectors.worst_touchpoints(world.journey)
    assert [(w["touchpoint"].name, w["worse"], w["marks"]) for w in worst] == [
        ("waiting", 5, 5),
        ("going home", 6, 8),
        ("diagnosis", 4, 6),
    ]
    film = services.film_create(
        actor=world.facilitator, journey=world.journey, gathering=event(world), title="Film"
    )
    assert client_for(world.member).post(film_urls(film)["vote"]).status_code == 403
    r = client_for(world.facilitator).post(film_urls(film)["vote"])
    vote = Vote.objects.get()
    assert r["Location"] == reverse(
        "decisions:vote", kwargs={"slug": world.journey.slug, "vote_pk": vote.pk}
    )
    assert (vote.title, vote.method, vote.state, vote.gathering) == (
        "Which moment should we work on first?",
        "dot",
        "draft",
        film.gathering,
    )
    assert [(o.label, o.tag) for o in vote.options.order_by("position")] == [
        ("waiting", waiting),
        ("going home", home),
        ("diagnosis", diagnosis),
    ]
    # Ties: the same share, more bad marks first; then the order along the pathway.
    mark(world, ward, "lived", 0, 7)  # 10 of 13 = 0.769, above going home
    mark(world, letter, "lived", 0, 1)  # 4 of 5 = 0.8
    assert [w["touchpoint"].name for w in selectors.worst_touchpoints(world.journey)] == [
        "waiting",
        "first letter",
        "ward",
    ]


def test_no_vote_without_a_moment_that_felt_bad(world: World) -> None:
    (tp,) = touchpoints(world, "follow-up")
    mark(world, tp, "lived", 5, 0)
    film = services.film_create(
        actor=world.facilitator, journey=world.journey, gathering=event(world), title="Film"
    )
    r = client_for(world.facilitator).post(film_urls(film)["vote"], follow=True)
    assert "nothing to put to a vote" in r.content.decode()
    assert not Vote.objects.exists()


def test_praise_and_problems_by_touchpoint_worked_example(world: World) -> None:
    """Diagnosis: 2 praise, 1 problem (and 1 with neither); going home: 0 praise, 2 problems,
    one of them merged into the other (counted once); a praise with no touchpoint counts in
    the totals only."""
    diagnosis, home = touchpoints(world, "diagnosis", "going home")
    rosa = person(world, "Rosa")

    def raise_(text: str, kind: str, tps: list[str] | None) -> Contribution:
        return cs.contribution_create(
            actor=world.member,
            journey=world.journey,
            text=text,
            channel="paper",
            raised_by=rosa,
            raised_on=D(2025, 3, 5),
            touchpoints=tps,
            kind=kind,
        )

    raise_("The nurse sat down with me.", "praise", ["diagnosis"])
    raise_("I was told kindly.", "praise", ["diagnosis"])
    raise_("Nobody said what happens next.", "problem", ["diagnosis"])
    raise_("Could the letter be in large print?", "", ["diagnosis"])
    kept = raise_("No number to ring at night.", "problem", ["going home"])
    dup = raise_("No one to call at night.", "problem", ["going home"])
    cs.contribution_set_fate(
        actor=world.facilitator, contribution=dup, fate="merged", merged_into=kept
    )
    raise_("The café is lovely.", "praise", None)
    data = insights_for(world.journey, Period())["sections"]["ebcd"]
    assert data["praise"] == {
        "praise": 3,
        "problem": 1 + 1,
        "by_touchpoint": [
            {"touchpoint_id": diagnosis.pk, "name": "diagnosis", "praise": 2, "problem": 1},
            {"touchpoint_id": home.pk, "name": "going home", "praise": 0, "problem": 1},
        ],
    }
    # A bad kind is refused with its own message; editing can change it.
    with pytest.raises(ValidationError) as exc:
        raise_("x", "moan", None)
    assert exc.value.message_dict == {
        "kind": ["Choose whether it is praise or a problem, or neither."]
    }
    c = Contribution.objects.get(text="I was told kindly.")
    url = reverse(
        "contributions:edit", kwargs={"slug": world.journey.slug, "contribution_pk": c.pk}
    )
    r = client_for(world.member).post(
        url, {"text": c.text, "tags": "", "touchpoints": "diagnosis", "kind": "problem"}
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.kind == "problem"
    page = client_for(world.observer).get(
        reverse("insights:dashboard", kwargs={"slug": world.journey.slug})
    )
    html = page.content.decode()
    assert "Praise and problems at each touchpoint" in html


def test_ebcd_figures_and_warning_signs(world: World) -> None:
    (diagnosis,) = touchpoints(world, "diagnosis")
    # A vote opened before any patient's story or mark.
    vote = ds.vote_create(
        actor=world.facilitator,
        journey=world.journey,
        title="What first?",
        method="dot",
        labels=["Parking", "Letters"],
    )
    vote = ds.vote_open(actor=world.facilitator, vote=vote)
    opened = vote.opened_at.date() if vote.opened_at else None
    assert opened is not None
    # Patients' stories are told on the day the vote opened: not after it, so no warning.
    filmed(world, "Rosa", told_on=opened)
    filmed(world, "Lin", uses=("group",), told_on=opened)
    gone = filmed(world, "Tessa", told_on=opened)
    services.story_withdraw(actor=world.member, story=gone)
    mark(world, diagnosis, "professional", 1, 1)
    data = insights_for(world.journey, Period())["sections"]["ebcd"]
    assert data["stories"] == {
        "told": 3,
        "with_consent": 2,
        "withdrawn": 1,
        "by_side_medium": [
            {"side": "lived", "medium": "film", "told": 3, "with_consent": 2, "withdrawn": 1}
        ],
    }
    # Two professional marks: fewer than 5, hidden.
    assert data["feelings"] == [
        {
            "touchpoint_id": diagnosis.pk,
            "name": "diagnosis",
            "sides": {
                "lived": {"marks": 0, "better": 0, "worse": 0, "suppressed": False},
                "professional": {
                    "marks": None,
                    "better": None,
                    "worse": None,
                    "suppressed": True,
                },
            },
        }
    ]
    assert data["records"] == {
        "patient_records": 3,
        "staff_records": 2,
        "all_records": 5,
        "first_patient_record": opened.isoformat(),
    }
    warnings = {
        w["code"]: w
        for w in insights_for(world.journey, Period())["warnings"]
        if w["section"] == "ebcd"
    }
    assert warnings["staff_experience_missing"]["fired"] is False
    # The vote opened on the same day as the first patient's story: not before it.
    assert warnings["priorities_before_patients"]["fired"] is False
    assert data["votes_before_patients"] == 0


def test_priorities_before_patients_and_staff_never_heard(world: World) -> None:
    vote = ds.vote_create(
        actor=world.facilitator,
        journey=world.journey,
        title="What first?",
        method="dot",
        labels=["Parking", "Letters"],
    )
    vote = ds.vote_open(actor=world.facilitator, vote=vote)
    assert vote.opened_at is not None
    story_day = vote.opened_at.date()
    # The vote opened 30 days before the first of five patients' stories.
    Vote.objects.filter(pk=vote.pk).update(opened_at=vote.opened_at - datetime.timedelta(days=30))
    for name in ("Rosa", "Lin", "Shazia", "Maggie", "Bev"):
        filmed(world, name, told_on=story_day)
    doc = insights_for(world.journey, Period())
    warnings = {w["code"]: w for w in doc["warnings"] if w["section"] == "ebcd"}
    staff = warnings["staff_experience_missing"]
    assert staff["fired"] is True
    assert staff["evidence"] == {"patient_records": 5, "staff_records": 0}
    early = warnings["priorities_before_patients"]
    assert early["fired"] is True
    assert early["evidence"] == {
        "first_vote_opened": (story_day - datetime.timedelta(days=30)).isoformat(),
        "first_patient_record": story_day.isoformat(),
        "votes_before": 1,
    }
    assert early["explanation"] == (
        "1 priority vote was opened before any patient's story or mark of how a moment felt "
        "was recorded."
    )


def test_the_path_from_a_touchpoint_to_what_changed(world: World) -> None:
    (waiting,) = touchpoints(world, "waiting")
    rosa = person(world, "Rosa")
    item = cs.contribution_create(
        actor=world.member,
        journey=world.journey,
        text="Nobody rang with a date.",
        channel="paper",
        raised_by=rosa,
        raised_on=D(2025, 3, 5),
        touchpoints=["waiting"],
        kind="problem",
    )
    vote = ds.vote_create(
        actor=world.facilitator, journey=world.journey, title="First?", method="dot", tags=[waiting]
    )
    group = ds.group_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Waiting group",
        formed_on=D(2025, 4, 2),
        item=item,
        start_work=True,
    )
    data = insights_for(world.journey, Period())["sections"]["ebcd"]
    assert data["path"] == [
        {
            "touchpoint_id": waiting.pk,
            "name": "waiting",
            "votes": [{"id": vote.pk, "title": "First?", "state": "draft", "opened_on": None}],
            "groups": [{"id": group.pk, "name": "Waiting group"}],
            "decisions": [],
            "fates": {"in_progress": 1},
        }
    ]


def test_deleting_a_journey_deletes_its_stories_files(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    s = filmed(world)
    services.story_file_add(
        actor=world.member, story=s, upload=SimpleUploadedFile("t.wav", wav_tone(seconds=0.1))
    )
    names = list(StoryFile.objects.values_list("name", flat=True))
    assert len(names) == 2 and all(default_storage.exists(n) for n in names)
    with django_capture_on_commit_callbacks(execute=True):
        Journey.objects.get(pk=world.journey.pk).delete()
    assert not StoryFile.objects.exists()
    assert not any(default_storage.exists(n) for n in names)


def test_a_deletion_rolled_back_keeps_its_files(world: World) -> None:
    s = filmed(world)
    name = s.files.get().name
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        Story.objects.filter(pk=s.pk).delete()
        raise RuntimeError("roll back")
    assert default_storage.exists(name) and StoryFile.objects.filter(name=name).exists()


def test_the_gathering_page_links_to_the_films_shown_there(world: World) -> None:
    shown_at = event(world)
    elsewhere = gs.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Staff event",
        kind="codesign_event",
        held_on=D(2025, 3, 1),
        venue_kind="institutional",
    )
    film = services.film_create(
        actor=world.facilitator, journey=world.journey, gathering=shown_at, title="Joint film"
    )

    def page(who: Any, g: Any) -> str:
        url = reverse(
            "gatherings:detail", kwargs={"slug": world.journey.slug, "gathering_pk": g.pk}
        )
        r = client_for(who).get(url)
        assert r.status_code == 200
        return str(r.content.decode())

    for who in (world.facilitator, world.member, world.observer):
        html = page(who, shown_at)
        assert '<h2 id="trigger-films">Trigger film shown here</h2>' in html
        assert f'<a href="{film_urls(film)["play"]}">Joint film</a>' in html
    assert "trigger-films" not in page(world.facilitator, elsewhere)
    services.film_create(
        actor=world.facilitator, journey=world.journey, gathering=shown_at, title="Second cut"
    )
    html = page(world.member, shown_at)
    assert "Trigger films shown here" in html
    assert html.index(">Joint film</a>") < html.index(">Second cut</a>")
