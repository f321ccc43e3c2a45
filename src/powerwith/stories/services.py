"""Every change to stories: recording one (with its files and consent), consent for each use,
and withdrawal, which takes the story off every page at once and deletes its files."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from powerwith.common import files
from powerwith.common.access import NotAllowed, require
from powerwith.common.redact import REMOVED
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution, Tag
from powerwith.decisions import services as decision_services
from powerwith.decisions.models import Vote
from powerwith.gatherings.models import Gathering
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.people.services import role_on

from . import vocab
from .models import Clip, Consent, Feeling, Film, FilmClip, Remark, Story, StoryFile

# The kinds of file each medium may carry (writing may come as a scan, a PDF or plain text).
KINDS_FOR = {
    "interview": (files.AUDIO, files.VIDEO, files.TEXT, files.PDF),
    "film": (files.VIDEO, files.AUDIO),
    "audio": (files.AUDIO,),
    "photos": (files.IMAGE,),
    "writing": (files.TEXT, files.PDF, files.IMAGE),
}


def _english(words: Any, code: str) -> str:
    """A list's label for the audit line, which is a record and stays in English."""
    with translation.override(None):
        return str(words.label(code)).lower()


def _folder(story: Story) -> str:
    return f"stories/{story.journey_id}"


def _attach(story: Story, upload: Any, label: str, field: str = "file") -> StoryFile:
    """Check and keep one file for a story. Called last: if anything fails after the file is
    stored, the file is deleted again, so nothing is left behind."""
    stored = files.check_and_store(
        upload, folder=_folder(story), field=field, kinds=KINDS_FOR[story.medium]
    )
    try:
        return StoryFile.objects.create(
            story=story,
            name=stored.name,
            kind=stored.kind,
            content_type=stored.content_type,
            size=stored.size,
            label=label.strip()[:120],
        )
    except Exception:
        files.discard(stored.name)
        raise


def _check_consent(
    *, uses: list[str], how: str, given_on: datetime.date, until: datetime.date | None
) -> None:
    if any(u not in vocab.USES for u in uses):
        raise invalid("consent_uses", _("Choose uses from the list."))
    if uses and how not in vocab.CONSENT_HOW:
        raise invalid("consent_how", _("Choose how they gave their consent."))
    if given_on > timezone.localdate():
        raise invalid("consent_given_on", _("The day consent was given cannot be in the future."))
    if until is not None and until < given_on:
        raise invalid("consent_until", _("The end of consent cannot be before it was given."))


@transaction.atomic
def story_create(
    *,
    actor: Any,
    journey: Journey,
    teller: Person,
    medium: str,
    title: str,
    told_on: datetime.date,
    words: str = "",
    provenance: str = "",
    upload: Any = None,
    file_label: str = "",
    consent_uses: list[str] | None = None,
    consent_how: str = "",
    consent_given_on: datetime.date | None = None,
    consent_until: datetime.date | None = None,
    consent_given_by: str = "",
) -> Story:
    """Record a story told by someone in the register, by them or on their behalf, with the
    uses they agreed to and, optionally, a file (checked by its content and kept last)."""
    require(actor, journey, "record")
    title = title.strip()
    if teller is None or teller.journey_id != journey.pk:
        raise invalid("teller", _("Choose whose story it is, from this journey's register."))
    if medium not in vocab.MEDIA:
        raise invalid("medium", _("Choose how the story was told."))
    if not title:
        raise invalid("title", _("Give the story a short title, so people can find it."))
    if told_on > timezone.localdate():
        raise invalid("told_on", _("The day it was told cannot be in the future."))
    if medium == "writing" and not words.strip() and upload is None:
        raise invalid("words", _("Write the story down, or add a file with it."))
    uses = list(dict.fromkeys(consent_uses or []))
    given_on = consent_given_on or told_on
    _check_consent(uses=uses, how=consent_how, given_on=given_on, until=consent_until)
    role, side = role_on(teller, told_on)
    story = Story.objects.create(
        journey=journey,
        teller=teller,
        teller_role=role,
        teller_side=side,
        medium=medium,
        title=title,
        words=words.strip(),
        told_on=told_on,
        entered_by=user_or_none(actor),
        provenance=provenance.strip(),
    )
    for use in uses:
        Consent.objects.create(
            story=story,
            use=use,
            how=consent_how,
            given_on=given_on,
            until=consent_until,
            given_by=consent_given_by.strip(),
            recorded_by=user_or_none(actor),
        )
    on_behalf = teller if teller.user_id != getattr(actor, "pk", None) else None
    # The log says what kind of record this is, never what the story says: a withdrawal must
    # leave nothing of it behind.
    audit(
        journey=journey,
        actor=actor,
        action="story_create",
        obj=story,
        summary=f"A story was recorded ({_english(vocab.MEDIA, medium)})",
        on_behalf_of=on_behalf,
        channel="story",
    )
    if upload is not None:
        _attach(story, upload, file_label)
    return story


def _live(story: Story) -> Story:
    fresh = Story.objects.select_for_update().get(pk=story.pk)
    if fresh.withdrawn_on is not None:
        raise invalid(None, _("This story has been withdrawn."))
    return fresh


@transaction.atomic
def story_file_add(*, actor: Any, story: Story, upload: Any, label: str = "") -> StoryFile:
    """Add a recording, photo or document to a story."""
    require(actor, story.journey, "record")
    story = _live(story)
    if upload is None:
        raise invalid("file", _("Choose a file to add."))
    found = _attach(story, upload, label)
    audit(
        journey=story.journey,
        actor=actor,
        action="story_file_add",
        obj=story,
        summary=f"A file was added to a story ({found.kind})",
    )
    return found


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    story: Story,
    use: str,
    how: str,
    given_on: datetime.date,
    until: datetime.date | None = None,
    given_by: str = "",
) -> Consent:
    """Record the teller's consent for one use (replacing any consent for that use before)."""
    require(actor, story.journey, "record")
    story = _live(story)
    if use not in vocab.USES:
        raise invalid("use", _("Choose what they agreed to."))
    _check_consent(uses=[use], how=how, given_on=given_on, until=until)
    Consent.objects.filter(story=story, use=use, ended_on__isnull=True).update(
        ended_on=timezone.localdate()
    )
    consent = Consent.objects.create(
        story=story,
        use=use,
        how=how,
        given_on=given_on,
        until=until,
        given_by=given_by.strip()[:200],
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=story.journey,
        actor=actor,
        action="consent_record",
        obj=story,
        summary=f"Consent recorded: {_english(vocab.USES, use)}",
    )
    return consent


def may_withdraw(actor: Any, story: Story) -> bool:
    """Members and facilitators (on the teller's behalf), and the teller themselves."""
    access = require(actor, story.journey, "view")
    if access.can_record:
        return True
    teller = story.teller
    return teller is not None and teller.user_id is not None and teller.user_id == actor.pk


@transaction.atomic
def consent_end(*, actor: Any, story: Story, use: str) -> None:
    """Withdraw consent for one use from today. The story stays for its other uses."""
    if not may_withdraw(actor, story):
        raise NotAllowed(
            _("Only the person who told it, or a member on their behalf, can do this.")
        )
    story = _live(story)
    ended = Consent.objects.filter(story=story, use=use, ended_on__isnull=True).update(
        ended_on=timezone.localdate()
    )
    if not ended:
        raise invalid("use", _("There is no consent for that use to withdraw."))
    audit(
        journey=story.journey,
        actor=actor,
        action="consent_end",
        obj=story,
        summary=f"Consent withdrawn: {_english(vocab.USES, use)}",
    )


def withdraw_now(story: Story) -> int:
    """Take a story off everything: delete its files from storage and its rows, blank its
    words, end every consent. Returns how many files were deleted. No permission check: for
    :func:`story_withdraw` and erasure (``stories.rights``)."""
    today = timezone.localdate()
    # Moments raised from its clips keep their place in the figures, not the teller's words.
    Contribution.objects.filter(clip__story=story).update(text=REMOVED, provenance="")
    names = list(StoryFile.objects.filter(story=story).values_list("name", flat=True))
    for name in names:
        files.discard(name)
    StoryFile.objects.filter(story=story).delete()
    Consent.objects.filter(story=story, ended_on__isnull=True).update(ended_on=today)
    Story.objects.filter(pk=story.pk).update(
        title="", words="", provenance="", withdrawn_on=today, updated_at=timezone.now()
    )
    story.refresh_from_db()
    return len(names)


@transaction.atomic
def story_withdraw(*, actor: Any, story: Story, on_behalf: bool = False) -> None:
    """Withdraw a story at the teller's wish, at any time: it goes from every page, list, chart
    and export at once, its files are deleted from storage, and the log says only that a
    story was withdrawn (and by whom), never what it said."""
    if not may_withdraw(actor, story):
        raise NotAllowed(
            _("Only the person who told it, or a member on their behalf, can do this.")
        )
    story = _live(story)
    teller = story.teller
    own = teller is not None and teller.user_id is not None and teller.user_id == actor.pk
    withdraw_now(story)
    audit(
        journey=story.journey,
        actor=actor,
        action="story_withdraw",
        obj=story,
        summary="A story was withdrawn "
        + ("by the person who told it" if own and not on_behalf else "on the teller's behalf"),
        on_behalf_of=None if own else teller,
    )


def _timestamp(seconds: Decimal) -> str:
    total_ms = int(seconds * 1000)
    h, rest = divmod(total_ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def captions_for(clip: Clip) -> str:
    """The clip's captions as WebVTT: its own, or one cue of its transcript from start to end."""
    if clip.captions.strip():
        return clip.captions.strip() + "\n"
    text = " ".join(clip.transcript.split()).replace("-->", "->")
    return f"WEBVTT\n\n{_timestamp(clip.start)} --> {_timestamp(clip.end)}\n{text}\n"


@transaction.atomic
def clip_create(
    *,
    actor: Any,
    story: Story,
    file: StoryFile,
    start: Decimal,
    end: Decimal,
    transcript: str,
    captions: str = "",
    touchpoint: Tag | None = None,
) -> Clip:
    """Mark a moment of a story's recording, with what is said and its captions."""
    require(actor, story.journey, "record")
    story = _live(story)
    if file.story_id != story.pk or file.kind not in (files.AUDIO, files.VIDEO):
        raise invalid("file", _("Choose a recording of this story."))
    if start < 0:
        raise invalid("start", _("The start cannot be before the beginning of the recording."))
    if end <= start:
        raise invalid("end", _("The end must come after the start."))
    transcript = transcript.strip()
    if not transcript:
        raise invalid(
            "transcript", _("Write what is said in the clip, for people who cannot hear it.")
        )
    captions = captions.strip()
    if captions and not captions.startswith("WEBVTT"):
        raise invalid(
            "captions",
            _(
                "Captions must be in WebVTT, starting with the word WEBVTT. Or leave them empty to use the transcript."
            ),
        )
    if touchpoint is not None and (
        touchpoint.journey_id != story.journey_id or touchpoint.kind != "touchpoint"
    ):
        raise invalid("touchpoint", _("Choose a touchpoint of this journey."))
    clip = Clip.objects.create(
        story=story,
        file=file,
        start=start,
        end=end,
        transcript=transcript,
        captions=captions,
        touchpoint=touchpoint,
        created_by=user_or_none(actor),
    )
    audit(
        journey=story.journey,
        actor=actor,
        action="clip_create",
        obj=story,
        summary="A clip of a story was marked",
    )
    return clip


@transaction.atomic
def clip_raise(*, actor: Any, clip: Clip) -> Contribution:
    """Raise the moment as a contribution in the teller's words, linked back to the clip (and
    tagged with its touchpoint), so it has a fate like anything else raised."""
    require(actor, clip.story.journey, "record")
    story = _live(clip.story)
    if clip.contribution_id is not None:
        raise invalid(None, _("This moment has already been raised."))
    teller = story.teller
    contribution = contribution_services.contribution_create(
        actor=actor,
        journey=story.journey,
        text=clip.transcript,
        channel="story",
        raised_by=teller,
        anonymous=teller is None,
        raised_on=story.told_on,
        provenance=_("From a clip of a story (%(start)s to %(end)s seconds)")
        % {"start": clip.start, "end": clip.end},
        touchpoints=[clip.touchpoint.name] if clip.touchpoint is not None else None,
    )
    clip.contribution = contribution
    clip.save(update_fields=["contribution"])
    return contribution


@transaction.atomic
def feeling_mark(
    *,
    actor: Any,
    journey: Journey,
    touchpoint: Tag,
    direction: str,
    strength: int,
    channel: str,
    feelings: list[str] | None = None,
    person: Person | None = None,
    side: str = "",
    marked_on: datetime.date | None = None,
    provenance: str = "",
) -> Feeling:
    """Record how a touchpoint felt to someone: better or worse, named feelings, how strongly.
    ``person`` may be left out (the side is then asked for); marking for someone else keeps
    who typed it in and how it reached us."""
    require(actor, journey, "record")
    if touchpoint.journey_id != journey.pk or touchpoint.kind != "touchpoint":
        raise invalid("touchpoint", _("Choose a moment from this journey's touchpoints."))
    if direction not in vocab.DIRECTIONS:
        raise invalid("direction", _("Choose whether it felt good or bad."))
    chosen = list(dict.fromkeys(feelings or []))
    if any(f not in vocab.FEELINGS for f in chosen):
        raise invalid("feelings", _("Choose feelings from the list."))
    if str(strength) not in vocab.STRENGTHS:
        raise invalid("strength", _("Choose how strongly."))
    if channel not in vocab.FEELING_CHANNELS:
        raise invalid("channel", _("Choose how it was marked."))
    marked_on = marked_on or timezone.localdate()
    if marked_on > timezone.localdate():
        raise invalid("marked_on", _("The day cannot be in the future."))
    if person is not None:
        if person.journey_id != journey.pk:
            raise invalid("person", _("Choose a person from this journey."))
        side = role_on(person, marked_on)[1]
    elif side not in ("lived", "professional"):
        raise invalid("side", _("Choose whose side they are on, or who they are."))
    feeling = Feeling.objects.create(
        journey=journey,
        touchpoint=touchpoint,
        person=person,
        side=side,
        direction=direction,
        feelings=",".join(chosen),
        strength=int(strength),
        marked_on=marked_on,
        channel=channel,
        entered_by=user_or_none(actor),
        provenance=provenance.strip()[:300],
    )
    on_behalf = (
        person if person is not None and person.user_id != getattr(actor, "pk", None) else None
    )
    audit(
        journey=journey,
        actor=actor,
        action="feeling_mark",
        obj=feeling,
        summary=f"How \u201c{touchpoint.name}\u201d felt was marked",
        on_behalf_of=on_behalf,
        channel=channel,
    )
    return feeling


# The trigger film: clips shown at a gathering (the joint event), in order, with consent for
# "shown to staff at events" asked when a clip is added and again whenever the film is played.


@transaction.atomic
def film_create(*, actor: Any, journey: Journey, gathering: Gathering, title: str) -> Film:
    """Start the trigger film for a gathering (usually the joint event); clips are added next."""
    require(actor, journey, "manage")
    title = " ".join(title.split())[:200]
    if not title:
        raise invalid("title", _("Give the film a short name, like “The joint event film”."))
    if gathering is None or gathering.journey_id != journey.pk:
        raise invalid("gathering", _("Choose the gathering where the film will be shown."))
    film = Film.objects.create(
        journey=journey, gathering=gathering, title=title, created_by=user_or_none(actor)
    )
    audit(journey=journey, actor=actor, action="film_create", obj=film, summary=title)
    return film


@transaction.atomic
def film_clip_add(*, actor: Any, film: Film, clip: Clip) -> FilmClip:
    """Add a clip at the end of the film, only if its story's teller agreed, today, to it
    being shown to staff at events (a withdrawn story has no clips to add)."""
    from . import selectors

    require(actor, film.journey, "manage")
    film = Film.objects.select_for_update().get(pk=film.pk)
    story = clip.story
    if story.journey_id != film.journey_id:
        raise invalid("clip", _("Choose a clip of a story from this journey."))
    if not selectors.covers(story, vocab.STAFF_EVENTS):
        raise invalid(
            "clip",
            _(
                "The person who told this story has not agreed to it being shown to staff at "
                "events, so it cannot go in the film."
            ),
        )
    if FilmClip.objects.filter(film=film, clip=clip).exists():
        raise invalid("clip", _("This clip is already in the film."))
    last = FilmClip.objects.filter(film=film).order_by("-position").first()
    item = FilmClip.objects.create(
        film=film,
        clip=clip,
        position=(last.position if last else 0) + 1,
        added_by=user_or_none(actor),
    )
    audit(
        journey=film.journey,
        actor=actor,
        action="film_clip_add",
        obj=film,
        summary=f"A clip was added to the film at place {item.position}",
    )
    return item


def _renumber(film: Film) -> None:
    for n, item in enumerate(FilmClip.objects.filter(film=film).order_by("position", "id"), 1):
        if item.position != n:
            FilmClip.objects.filter(pk=item.pk).update(position=n)


@transaction.atomic
def film_clip_remove(*, actor: Any, item: FilmClip) -> None:
    """Take a clip (or the empty place of a withdrawn one) out of the film."""
    film = item.film
    require(actor, film.journey, "manage")
    Film.objects.select_for_update().get(pk=film.pk)
    place = item.position
    item.delete()
    _renumber(film)
    audit(
        journey=film.journey,
        actor=actor,
        action="film_clip_remove",
        obj=film,
        summary=f"The clip at place {place} was taken out of the film",
    )


@transaction.atomic
def film_clip_move(*, actor: Any, item: FilmClip, direction: str) -> None:
    """Move a clip one place earlier ("up") or later ("down") in the film."""
    film = item.film
    require(actor, film.journey, "manage")
    Film.objects.select_for_update().get(pk=film.pk)
    if direction not in ("up", "down"):
        raise invalid("direction", _("Choose to move it earlier or later."))
    _renumber(film)
    item.refresh_from_db()
    order = list(FilmClip.objects.filter(film=film).order_by("position", "id"))
    i = next(n for n, it in enumerate(order) if it.pk == item.pk)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(order):
        return
    a, b = order[i], order[j]
    FilmClip.objects.filter(pk=a.pk).update(position=b.position)
    FilmClip.objects.filter(pk=b.pk).update(position=a.position)
    audit(
        journey=film.journey,
        actor=actor,
        action="film_clip_move",
        obj=film,
        summary=f"A clip was moved from place {a.position} to place {b.position}",
    )


@transaction.atomic
def film_remark(
    *,
    actor: Any,
    film: Film,
    clip: Clip,
    text: str,
    raised_by: Person | None = None,
    anonymous: bool = False,
    kind: str = "",
) -> Contribution:
    """Record what someone said at the screening about a clip, in their words: a contribution
    raised at the film's gathering (tagged with the clip's touchpoint, with a fate like anything
    raised), linked to the clip. Only for a clip the film plays now."""
    from . import selectors

    require(actor, film.journey, "record")
    if not FilmClip.objects.filter(film=film, clip=clip).exists():
        raise invalid("clip", _("Choose a clip from this film."))
    if not selectors.playable(clip.story):
        raise invalid("clip", _("This clip is not shown any more. Choose another."))
    gathering = film.gathering
    today = timezone.localdate()
    contribution = contribution_services.contribution_create(
        actor=actor,
        journey=film.journey,
        text=text,
        channel="gathering",
        gathering=gathering,
        raised_on=min(gathering.held_on, today),
        raised_by=raised_by,
        anonymous=anonymous,
        provenance=_("Said at the screening of “%(film)s”") % {"film": film.title},
        touchpoints=[clip.touchpoint.name] if clip.touchpoint is not None else None,
        kind=kind,
    )
    Remark.objects.create(film=film, clip=clip, contribution=contribution)
    return contribution


@transaction.atomic
def film_priority_vote(*, actor: Any, film: Film) -> Vote:
    """Put the touchpoints that felt worst (``selectors.worst_touchpoints``) to a priority vote
    at the film's gathering, in one step: a draft dot vote whose items are those touchpoints,
    made through the decisions app's own service, ready to open."""
    from . import selectors

    require(actor, film.journey, "manage")
    worst = [row["touchpoint"] for row in selectors.worst_touchpoints(film.journey)]
    if not worst:
        raise invalid(
            None,
            _(
                "No moment has felt bad to most of the people who marked it yet, so there is "
                "nothing to put to a vote. Mark how the moments felt first."
            ),
        )
    return decision_services.vote_create(
        actor=actor,
        journey=film.journey,
        title=_("Which moment should we work on first?"),
        question=_(
            "These are the moments of the service that felt worst to the people who marked "
            "them. Put your dots on the ones that matter most to you."
        ),
        method="dot",
        gathering=film.gathering,
        tags=worst,
    )
