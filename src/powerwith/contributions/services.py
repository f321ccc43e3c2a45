"""Every change to contributions: raising, tagging, and moving their fate (with history)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import NotAllowed, require
from powerwith.common.dates import long_date
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.people.services import role_on

from . import hooks, receipts, vocab
from .models import CardBatch, Contribution, FateChange, FeedbackCard, Tag


def unused_receipt_code() -> str:
    """A new receipt code that no contribution or printed card has. Both tables refuse a
    repeat themselves (unique); this check keeps a new code from matching one kept in the
    other table (a chance of about one in 10^12 per code)."""
    while True:
        code = receipts.new_code()
        if not (
            Contribution.objects.filter(receipt_code=code).exists()
            or FeedbackCard.objects.filter(code=code).exists()
        ):
            return code


def tags_get_or_create(*, journey: Journey, names: list[str], kind: str = "theme") -> list[Tag]:
    """The journey's tags with these names, creating missing ones (case-insensitive match).

    ``kind="touchpoint"``: a new one goes at the end of the journey's touchpoints, and a theme
    of that name becomes a touchpoint (someone has said it is a moment of the service)."""
    out: list[Tag] = []
    for raw in names:
        name = raw.strip()[:80]
        if not name:
            continue
        tag = Tag.objects.filter(journey=journey, name__iexact=name).first()
        if kind == vocab.TOUCHPOINT and (tag is None or tag.kind != vocab.TOUCHPOINT):
            last = (
                Tag.objects.filter(journey=journey, kind=vocab.TOUCHPOINT)
                .order_by("-position")
                .values_list("position", flat=True)
                .first()
            )
            position = (last or 0) + 1
            if tag is None:
                tag = Tag.objects.create(
                    journey=journey, name=name, kind=vocab.TOUCHPOINT, position=position
                )
            else:
                tag.kind, tag.position = vocab.TOUCHPOINT, position
                tag.save(update_fields=["kind", "position"])
        elif tag is None:
            tag = Tag.objects.create(journey=journey, name=name, kind=kind)
        if tag not in out:
            out.append(tag)
    return out


@transaction.atomic
def contribution_create(
    *,
    actor: Any,
    journey: Journey,
    text: str,
    channel: str,
    raised_on: datetime.date | None = None,
    raised_by: Person | None = None,
    anonymous: bool = False,
    gathering: Any = None,
    provenance: str = "",
    tags: list[str] | None = None,
    touchpoints: list[str] | None = None,
    receipt_code: str | None = None,
    kind: str = "",
) -> Contribution:
    """Record something someone raised, in their words, keeping how it reached us.

    ``actor`` is who types it in; ``raised_by`` whose words they are (None when anonymous).
    ``tags`` are themes; ``touchpoints`` the moments of the service it is about; ``kind``
    says whether it is praise or a problem (blank: neither, or not said). An anonymous
    contribution gets a receipt code (``receipt_code``: a printed card's own, else a new
    random one); it is not written to the log, which must not help anyone tie it to a person.
    """
    require(actor, journey, "record")
    text = text.strip()
    if not text:
        raise invalid("text", _("Write what was raised, in the person's own words if you can."))
    if channel not in vocab.CHANNELS:
        raise invalid("channel", _("Choose how it reached us."))
    if kind and kind not in vocab.KINDS:
        raise invalid("kind", _("Choose whether it is praise or a problem, or neither."))
    if anonymous and raised_by is not None:
        raise invalid(
            "raised_by", _("An anonymous contribution cannot also name who raised it. Choose one.")
        )
    if not anonymous and raised_by is None:
        raise invalid("raised_by", _("Choose who raised it, or tick “anonymous”."))
    if raised_by is not None and raised_by.journey_id != journey.pk:
        raise invalid("raised_by", _("Choose a person from this journey."))
    if gathering is not None and gathering.journey_id != journey.pk:
        raise invalid("gathering", _("Choose a gathering from this journey."))
    if channel == "gathering" and gathering is None:
        raise invalid("gathering", _("Choose the gathering where it was raised."))
    raised_on = raised_on or (gathering.held_on if gathering is not None else timezone.localdate())
    if raised_on > timezone.localdate():
        raise invalid("raised_on", _("The date it was raised cannot be in the future."))
    role, side = role_on(raised_by, raised_on) if raised_by is not None else ("", "")
    contribution = Contribution.objects.create(
        journey=journey,
        text=text,
        channel=channel,
        raised_on=raised_on,
        raised_by=raised_by,
        anonymous=anonymous,
        receipt_code=(receipt_code or unused_receipt_code()) if anonymous else None,
        gathering=gathering,
        provenance=provenance.strip(),
        raiser_role=role,
        raiser_side=side,
        entered_by=user_or_none(actor),
        kind=kind,
    )
    if tags or touchpoints:
        contribution.tags.set(
            tags_get_or_create(journey=journey, names=tags or [])
            + tags_get_or_create(journey=journey, names=touchpoints or [], kind=vocab.TOUCHPOINT)
        )
    FateChange.objects.create(
        contribution=contribution,
        from_fate="",
        to_fate=vocab.NEW,
        by=user_or_none(actor),
        on=raised_on,
    )
    on_behalf = (
        raised_by
        if raised_by is not None and raised_by.user_id != getattr(actor, "pk", None)
        else None
    )
    audit(
        journey=journey,
        actor=actor,
        action="contribution_create",
        obj=contribution,
        summary=text[:200],
        on_behalf_of=on_behalf,
        channel=channel,
    )
    return contribution


@transaction.atomic
def contribution_update(
    *,
    actor: Any,
    contribution: Contribution,
    text: str,
    tags: list[str],
    owner: Person | None,
    provenance: str,
    touchpoints: list[str] | None = None,
    kind: str | None = None,
) -> Contribution:
    """Correct the wording, tags, owner or provenance. The fate changes only through
    ``contribution_set_fate``. ``tags`` are the themes; ``touchpoints=None`` keeps the
    touchpoints it has, a list sets them; ``kind=None`` keeps praise or problem as it is."""
    require(actor, contribution.journey, "record")
    text = text.strip()
    if not text:
        raise invalid("text", _("The contribution cannot be empty."))
    if owner is not None and owner.journey_id != contribution.journey_id:
        raise invalid("owner", _("Choose an owner from this journey."))
    if kind is not None and kind and kind not in vocab.KINDS:
        raise invalid("kind", _("Choose whether it is praise or a problem, or neither."))
    contribution.text, contribution.owner, contribution.provenance = text, owner, provenance.strip()
    kind_changed = kind is not None and kind != contribution.kind
    if kind is not None:
        contribution.kind = kind
    contribution.save()
    themes = tags_get_or_create(journey=contribution.journey, names=tags)
    if touchpoints is None:
        kept = [t for t in contribution.tags.all() if t.kind == vocab.TOUCHPOINT]
    else:
        kept = tags_get_or_create(
            journey=contribution.journey, names=touchpoints, kind=vocab.TOUCHPOINT
        )
    contribution.tags.set(list(dict.fromkeys(themes + kept)))
    audit(
        journey=contribution.journey,
        actor=actor,
        action="contribution_update",
        obj=contribution,
        summary=text[:200],
    )
    if kind_changed:
        # Its own line, so the record of changes says what changed, not only "changed".
        audit(
            journey=contribution.journey,
            actor=actor,
            action="contribution_set_kind",
            obj=contribution,
            summary=text[:200],
        )
    return contribution


def may_set_public(actor: Any, contribution: Contribution) -> bool:
    """Facilitators, and the person who raised it (when their account is theirs), may keep a
    contribution off the public page or put it back."""
    access = require(actor, contribution.journey, "view")
    if access.can_manage:
        return True
    person = contribution.raised_by
    return person is not None and person.user_id is not None and person.user_id == actor.pk


@transaction.atomic
def contribution_set_public(*, actor: Any, contribution: Contribution, off_public: bool) -> None:
    """Keep a contribution off the public "you said, we did" page, or put it back there. The
    public page says how many are kept off, never which."""
    if not may_set_public(actor, contribution):
        raise NotAllowed(
            _("Only a facilitator or the person who raised it can choose whether it is public.")
        )
    if contribution.off_public == off_public:
        return
    contribution.off_public = off_public
    contribution.save(update_fields=["off_public", "updated_at"])
    audit(
        journey=contribution.journey,
        actor=actor,
        action="contribution_set_public",
        obj=contribution,
        summary="Kept off the public page" if off_public else "Back on the public page",
    )


@transaction.atomic
def contribution_set_fate(
    *,
    actor: Any,
    contribution: Contribution,
    fate: str,
    reason: str = "",
    change_level: str = "",
    merged_into: Contribution | None = None,
    response: str | None = None,
    on: datetime.date | None = None,
    decision: Any = None,
    owner: Person | bool | None = False,
) -> FateChange:
    """Move a contribution to a new fate and write the history line.

    Rules: "not possible" needs a reason; "done" needs a level of change; "merged" needs
    another open-or-closed contribution of the same journey that is not itself merged and is
    not merged into this one. Items already merged into this one move with it. ``owner=False``
    leaves the owner as it is.
    """
    require(actor, contribution.journey, "record")
    c = Contribution.objects.select_for_update().get(pk=contribution.pk)
    reason = reason.strip()
    on = on or timezone.localdate()
    if fate not in vocab.FATES:
        raise invalid("fate", _("Choose what has happened to it."))
    if fate == vocab.NEW and c.fate != vocab.NEW:
        raise invalid(
            "fate",
            _(
                "Something that has been responded to cannot go back to “new”. Choose “being considered”."
            ),
        )
    if fate == vocab.NOT_POSSIBLE and not reason:
        raise invalid("reason", _("Explain why it is not possible. People have a right to know."))
    if fate == vocab.DONE and change_level not in vocab.CHANGE_LEVELS:
        raise invalid("change_level", _("Choose the level at which things changed."))
    if fate != vocab.DONE:
        change_level = ""
    if fate == vocab.MERGED:
        if merged_into is None:
            raise invalid("merged_into", _("Choose the contribution it is the same as."))
        if merged_into.pk == c.pk:
            raise invalid("merged_into", _("A contribution cannot be merged into itself."))
        if merged_into.journey_id != c.journey_id:
            raise invalid("merged_into", _("Choose a contribution from this journey."))
        if merged_into.fate == vocab.MERGED:
            raise invalid(
                "merged_into",
                _("That one is itself merged. Choose the contribution it was merged into."),
            )
    else:
        merged_into = None
    if on < c.raised_on:
        raise invalid(
            "on",
            _("The change cannot be before it was raised (%(date)s).")
            % {"date": long_date(c.raised_on)},
        )
    if decision is not None and decision.journey_id != c.journey_id:
        raise invalid("decision", _("Choose a decision from this journey."))
    if (
        fate == c.fate
        and fate not in (vocab.DONE, vocab.NOT_POSSIBLE)
        and response is None
        and not reason
        and decision is None
        and (owner is False or owner == c.owner)
    ):
        raise invalid("fate", _("It is already “%(fate)s”.") % {"fate": vocab.FATES.label(fate)})

    change = FateChange.objects.create(
        contribution=c,
        from_fate=c.fate,
        to_fate=fate,
        reason=reason,
        change_level=change_level,
        merged_into=merged_into,
        decision=decision,
        by=user_or_none(actor),
        on=on,
    )
    if c.first_response_on is None and fate != vocab.NEW:
        c.first_response_on = on
    c.fate, c.fate_reason, c.change_level, c.merged_into = fate, reason, change_level, merged_into
    c.fate_changed_on, c.last_change = on, change
    if response is not None:
        c.response = response.strip()
    if owner is not False:
        if owner is not None and owner.journey_id != c.journey_id:  # type: ignore[union-attr]
            raise invalid("owner", _("Choose an owner from this journey."))
        c.owner = owner  # type: ignore[assignment]
    c.save()
    if decision is not None:
        decision.answers.add(c)
    # Apps above this one (notices) act on the change in this same transaction.
    hooks.fate_changed(change)
    audit(
        journey=c.journey,
        actor=actor,
        action="contribution_set_fate",
        obj=c,
        summary=f"{vocab.FATES.label(change.from_fate)} → {vocab.FATES.label(fate)}"
        + (f": {reason}" if reason else ""),
    )
    if fate == vocab.MERGED:
        # Anything merged into this one now points at the new target, so nothing counts twice
        # and no chain forms.
        for child in Contribution.objects.filter(merged_into=c):
            contribution_set_fate(
                actor=actor,
                contribution=child,
                fate=vocab.MERGED,
                merged_into=merged_into,
                on=on,
                reason=f"Moved with “{c.text[:60]}”",
            )
    contribution.refresh_from_db()
    return change


# --- Touchpoints: the journey's ordered moments of the service (tags of kind "touchpoint") ---


def touchpoints_of(journey: Journey) -> list[Tag]:
    """The journey's touchpoints, in the order people meet them."""
    return list(
        Tag.objects.filter(journey=journey, kind=vocab.TOUCHPOINT).order_by("position", "id")
    )


def _touchpoint_name(journey: Journey, name: str, *, other_than: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise invalid(
            "name", "Name the moment, like \u201cfirst letter\u201d or \u201cdiagnosis\u201d."
        )
    if len(name) > 80:
        raise invalid("name", "Keep the name to 80 characters or fewer.")
    same = Tag.objects.filter(journey=journey, name__iexact=name)
    if other_than is not None:
        same = same.exclude(pk=other_than)
    if same.filter(kind=vocab.TOUCHPOINT).exists():
        raise invalid("name", f"\u201c{name}\u201d is already a touchpoint.")
    return name


@transaction.atomic
def touchpoint_add(*, actor: Any, journey: Journey, name: str) -> Tag:
    """Add a moment at the end of the journey's touchpoints (a theme of that name becomes one,
    keeping what is tagged with it)."""
    require(actor, journey, "manage")
    name = _touchpoint_name(journey, name)
    (tag,) = tags_get_or_create(journey=journey, names=[name], kind=vocab.TOUCHPOINT)
    audit(journey=journey, actor=actor, action="touchpoint_add", obj=tag, summary=name)
    return tag


@transaction.atomic
def touchpoint_rename(*, actor: Any, touchpoint: Tag, name: str) -> Tag:
    """Rename a touchpoint; what is tagged with it stays tagged."""
    require(actor, touchpoint.journey, "manage")
    name = _touchpoint_name(touchpoint.journey, name, other_than=touchpoint.pk)
    if (
        Tag.objects.filter(journey=touchpoint.journey, name__iexact=name)
        .exclude(pk=touchpoint.pk)
        .exists()
    ):
        raise invalid("name", f"There is already a tag called \u201c{name}\u201d.")
    before = touchpoint.name
    touchpoint.name = name
    touchpoint.save(update_fields=["name"])
    audit(
        journey=touchpoint.journey,
        actor=actor,
        action="touchpoint_rename",
        obj=touchpoint,
        summary=f"{before} \u2192 {name}",
    )
    return touchpoint


@transaction.atomic
def touchpoint_move(*, actor: Any, touchpoint: Tag, direction: str) -> None:
    """Move a touchpoint one place earlier ("up") or later ("down") in the journey's list."""
    require(actor, touchpoint.journey, "manage")
    if direction not in ("up", "down"):
        raise invalid("direction", "Choose earlier or later.")
    order = touchpoints_of(touchpoint.journey)
    i = next(n for n, t in enumerate(order) if t.pk == touchpoint.pk)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(order):
        return
    order[i], order[j] = order[j], order[i]
    for n, t in enumerate(order, start=1):
        if t.position != n:
            Tag.objects.filter(pk=t.pk).update(position=n)
    audit(
        journey=touchpoint.journey,
        actor=actor,
        action="touchpoint_move",
        obj=touchpoint,
        summary=f"{touchpoint.name} moved {'earlier' if direction == 'up' else 'later'}",
    )


@transaction.atomic
def touchpoint_remove(*, actor: Any, touchpoint: Tag) -> None:
    """Take a moment off the list of touchpoints. It stays as a theme, so nothing tagged with
    it loses its tag."""
    require(actor, touchpoint.journey, "manage")
    touchpoint.kind, touchpoint.position = vocab.THEME, 0
    touchpoint.save(update_fields=["kind", "position"])
    audit(
        journey=touchpoint.journey,
        actor=actor,
        action="touchpoint_remove",
        obj=touchpoint,
        summary=touchpoint.name,
    )


# --- Feedback cards: printed with their own receipt code, typed in when they come back ---

MAX_CARDS = 200


@transaction.atomic
def cards_print(*, actor: Any, journey: Journey, count: int, gathering: Any = None) -> CardBatch:
    """Make a batch of feedback cards, each with its own new receipt code, to print (and print
    again) as a PDF (``contributions/cards.py``). The rows hold no personal data; who printed
    them is in the log."""
    require(actor, journey, "manage")
    if not 1 <= count <= MAX_CARDS:
        raise invalid(
            "count",
            _("Choose between 1 and %(most)s cards.") % {"most": MAX_CARDS},
        )
    if gathering is not None and gathering.journey_id != journey.pk:
        raise invalid("gathering", _("Choose a gathering from this journey."))
    batch = CardBatch.objects.create(
        journey=journey, gathering=gathering, printed_at=timezone.now()
    )
    FeedbackCard.objects.bulk_create(
        [FeedbackCard(batch=batch, code=unused_receipt_code()) for _n in range(count)]
    )
    audit(
        journey=journey,
        actor=actor,
        action="cards_print",
        obj=batch,
        summary=f"{count} feedback card{'s' if count != 1 else ''} printed"
        + (f" for {gathering.title}" if gathering is not None else ""),
    )
    return batch


@transaction.atomic
def card_type_in(
    *, actor: Any, journey: Journey, code: str, text: str, token: str = ""
) -> Contribution:
    """Type in a feedback card that came back: an anonymous contribution on paper, at the
    card's gathering, whose receipt code is the card's own. A card is typed in once: again
    with the same form (``token``: a double submit) gives back the same contribution; any
    other time is refused, saying when it was typed in."""
    require(actor, journey, "manage")
    normal = receipts.normalise(code)
    if normal is None:
        raise invalid(
            "code",
            _("A card's code has 8 letters and numbers, like K7P4-3QX9. Check what you typed."),
        )
    # Lock the card's row only: its batch's gathering may be empty (an outer join), which
    # PostgreSQL will not lock.
    card = (
        FeedbackCard.objects.select_for_update(of=("self",))
        .select_related("batch__gathering")
        .filter(code=normal, batch__journey=journey)
        .first()
    )
    if card is None:
        raise invalid(
            "code",
            _(
                "No card with the code %(code)s was printed for this journey. Check the code "
                "on the card."
            )
            % {"code": receipts.shown(normal)},
        )
    if card.typed_in_at is not None:
        if token and card.typed_in_token == token and card.contribution is not None:
            return card.contribution
        raise invalid(
            "code",
            _(
                "The card %(code)s was already typed in on %(day)s at %(time)s. "
                "A card is typed in only once."
            )
            % {
                "code": receipts.shown(normal),
                "day": long_date(timezone.localtime(card.typed_in_at).date()),
                "time": timezone.localtime(card.typed_in_at).strftime("%H:%M"),
            },
        )
    gathering = card.batch.gathering
    today = timezone.localdate()
    raised_on = gathering.held_on if gathering is not None and gathering.held_on <= today else today
    contribution = contribution_create(
        actor=actor,
        journey=journey,
        text=text,
        channel="paper",
        raised_on=raised_on,
        anonymous=True,
        gathering=gathering,
        provenance="Written on a feedback card",  # the record, like the log: not translated
        receipt_code=card.code,
    )
    card.contribution, card.typed_in_at, card.typed_in_token = contribution, timezone.now(), token
    card.save(update_fields=["contribution", "typed_in_at", "typed_in_token"])
    audit(
        journey=journey,
        actor=actor,
        action="card_type_in",
        obj=contribution,
        summary="A feedback card was typed in",
        channel="paper",
    )
    return contribution
