"""Every change to the group's ground rules, the words it uses, and the wordings of its purpose
and problem statement.

Members record proposals and words (``record``); agreeing, retiring and removing are for
facilitators (``manage``), who record what the group agreed together.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.services import audit, invalid
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.people.services import role_on

from . import vocab
from .models import GroundRule, Word, Wording

MAX_RULE = 300
MAX_TERM = 80


def _person_in(journey: Journey, person: Person | None, field: str) -> None:
    if person is not None and person.journey_id != journey.pk:
        raise invalid(field, _("Choose a person from this journey."))


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise invalid(field, _("The date cannot be in the future."))


def _snapshot(person: Person | None, day: datetime.date) -> tuple[str, str]:
    return role_on(person, day) if person is not None else ("", "")


# -- ground rules --------------------------------------------------------------------------------
@transaction.atomic
def ground_rule_propose(
    *,
    actor: Any,
    journey: Journey,
    text: str,
    proposed_by: Person | None = None,
    proposed_on: datetime.date | None = None,
    agreed_on: datetime.date | None = None,
) -> GroundRule:
    """Record a ground rule someone proposed (``proposed_by``; None: the group as a whole).
    ``agreed_on`` may be given when the group agreed it at once (facilitators only)."""
    require(actor, journey, "record")
    text = " ".join(text.split())
    if not text:
        raise invalid("text", _("Write the ground rule."))
    if len(text) > MAX_RULE:
        raise invalid("text", _("Keep the ground rule to 300 characters or fewer."))
    _person_in(journey, proposed_by, "proposed_by")
    proposed_on = proposed_on or timezone.localdate()
    _not_future(proposed_on, "proposed_on")
    if GroundRule.objects.filter(
        journey=journey, text__iexact=text, retired_on__isnull=True
    ).exists():
        raise invalid("text", _("The group already has this ground rule."))
    if agreed_on is not None:
        require(actor, journey, "manage")
        _check_agreed(proposed_on, agreed_on)
    role, side = _snapshot(proposed_by, proposed_on)
    rule = GroundRule.objects.create(
        journey=journey,
        text=text,
        proposed_by=proposed_by,
        proposer_role=role,
        proposer_side=side,
        proposed_on=proposed_on,
        agreed_on=agreed_on,
        recorded_by=actor,
    )
    audit(journey=journey, actor=actor, action="ground_rule_propose", obj=rule, summary=text)
    return rule


def _check_agreed(proposed_on: datetime.date, agreed_on: datetime.date) -> None:
    _not_future(agreed_on, "agreed_on")
    if agreed_on < proposed_on:
        raise invalid("agreed_on", _("The group cannot agree it before it was proposed."))


@transaction.atomic
def ground_rule_agree(*, actor: Any, rule: GroundRule, agreed_on: datetime.date) -> GroundRule:
    """Record the day the group agreed a proposed ground rule."""
    require(actor, rule.journey, "manage")
    if rule.agreed_on is not None:
        raise invalid(None, _("The group has already agreed this ground rule."))
    if rule.retired_on is not None:
        raise invalid(None, _("This ground rule was retired. Propose it again instead."))
    _check_agreed(rule.proposed_on, agreed_on)
    rule.agreed_on = agreed_on
    rule.save(update_fields=["agreed_on"])
    audit(
        journey=rule.journey, actor=actor, action="ground_rule_agree", obj=rule, summary=rule.text
    )
    return rule


@transaction.atomic
def ground_rule_retire(*, actor: Any, rule: GroundRule, retired_on: datetime.date) -> GroundRule:
    """Record the day a ground rule stopped applying (or a proposal was not taken up). It stays
    in the record."""
    require(actor, rule.journey, "manage")
    if rule.retired_on is not None:
        raise invalid(None, _("This ground rule is already retired."))
    _not_future(retired_on, "retired_on")
    if retired_on < (rule.agreed_on or rule.proposed_on):
        raise invalid(
            "retired_on",
            _("It cannot be retired before it was agreed.")
            if rule.agreed_on
            else _("It cannot be retired before it was proposed."),
        )
    rule.retired_on = retired_on
    rule.save(update_fields=["retired_on"])
    audit(
        journey=rule.journey, actor=actor, action="ground_rule_retire", obj=rule, summary=rule.text
    )
    return rule


# -- words we use --------------------------------------------------------------------------------
def _check_word(journey: Journey, term: str, meaning: str, word: Word | None) -> tuple[str, str]:
    term = " ".join(term.split())
    meaning = meaning.strip()
    if not term:
        raise invalid("term", _("Write the word or phrase."))
    if len(term) > MAX_TERM:
        raise invalid("term", _("Keep the word or phrase to 80 characters or fewer."))
    if not meaning:
        raise invalid("meaning", _("Write what it means, in plain words."))
    same = Word.objects.filter(journey=journey, term__iexact=term)
    if word is not None:
        same = same.exclude(pk=word.pk)
    if same.exists():
        raise invalid("term", _("“%(term)s” is already in the list.") % {"term": term})
    return term, meaning


@transaction.atomic
def word_add(
    *,
    actor: Any,
    journey: Journey,
    term: str,
    meaning: str,
    asked_by: Person | None = None,
    asked_on: datetime.date | None = None,
) -> Word:
    """Add a word or phrase the group uses, with its plain meaning and who asked what it
    meant (``asked_by``; None: not recorded)."""
    require(actor, journey, "record")
    term, meaning = _check_word(journey, term, meaning, None)
    _person_in(journey, asked_by, "asked_by")
    asked_on = asked_on or timezone.localdate()
    _not_future(asked_on, "asked_on")
    role, side = _snapshot(asked_by, asked_on)
    word = Word.objects.create(
        journey=journey,
        term=term,
        meaning=meaning,
        asked_by=asked_by,
        asker_role=role,
        asker_side=side,
        asked_on=asked_on,
        recorded_by=actor,
    )
    audit(journey=journey, actor=actor, action="word_add", obj=word, summary=term)
    return word


@transaction.atomic
def word_update(*, actor: Any, word: Word, term: str, meaning: str) -> Word:
    """Change a word's spelling or its plain meaning (who asked, and when, stay)."""
    require(actor, word.journey, "record")
    word.term, word.meaning = _check_word(word.journey, term, meaning, word)
    word.save(update_fields=["term", "meaning"])
    audit(journey=word.journey, actor=actor, action="word_update", obj=word, summary=word.term)
    return word


@transaction.atomic
def word_remove(*, actor: Any, word: Word) -> None:
    """Take a word off the list (the log keeps a note)."""
    require(actor, word.journey, "manage")
    audit(journey=word.journey, actor=actor, action="word_remove", obj=word, summary=word.term)
    word.delete()


# -- framing: the purpose and the problem statement ----------------------------------------------
def current(journey: Journey, kind: str) -> Wording | None:
    """The agreed wording of ``kind`` with the latest agreement date (then the latest added)."""
    return (
        Wording.objects.filter(journey=journey, kind=kind, agreed_on__isnull=False)
        .order_by("-agreed_on", "-id")
        .first()
    )


def _sync_purpose(journey: Journey) -> None:
    """Journey.purpose shows the current agreed purpose: every page reading it stays right."""
    now = current(journey, vocab.PURPOSE)
    if now is not None and journey.purpose != now.text:
        journey.purpose = now.text
        Journey.objects.filter(pk=journey.pk).update(purpose=now.text, updated_at=timezone.now())


@transaction.atomic
def wording_propose(
    *,
    actor: Any,
    journey: Journey,
    kind: str,
    text: str,
    proposed_by: Person | None = None,
    proposed_on: datetime.date | None = None,
    agreed_on: datetime.date | None = None,
) -> Wording:
    """Record a wording of the purpose or the problem statement someone proposed
    (``proposed_by``; None: the group as a whole). Earlier wordings are kept.
    ``agreed_on`` may be given when the group agreed it at once (facilitators only)."""
    require(actor, journey, "record")
    if kind not in vocab.FRAMING_KINDS:
        raise invalid("kind", _("Choose the purpose or the problem statement."))
    text = text.strip()
    if not text:
        raise invalid("text", _("Write the wording."))
    _person_in(journey, proposed_by, "proposed_by")
    proposed_on = proposed_on or timezone.localdate()
    _not_future(proposed_on, "proposed_on")
    now = current(journey, kind)
    if now is not None and now.text == text:
        raise invalid(
            "text", _("This is the same as the wording the group agreed. Change it first.")
        )
    if agreed_on is not None:
        require(actor, journey, "manage")
        _check_agreed(proposed_on, agreed_on)
    role, side = _snapshot(proposed_by, proposed_on)
    wording = Wording.objects.create(
        journey=journey,
        kind=kind,
        text=text,
        proposed_by=proposed_by,
        proposer_role=role,
        proposer_side=side,
        proposed_on=proposed_on,
        agreed_on=agreed_on,
        recorded_by=actor,
    )
    if agreed_on is not None and kind == vocab.PURPOSE:
        _sync_purpose(journey)
    audit(
        journey=journey,
        actor=actor,
        action="wording_propose",
        obj=wording,
        summary=f"{vocab.FRAMING_KINDS[kind].label}: {text[:180]}",
    )
    return wording


@transaction.atomic
def wording_agree(*, actor: Any, wording: Wording, agreed_on: datetime.date) -> Wording:
    """Record the day the group agreed a proposed wording. The agreed wording with the latest
    date is the current one; an agreed purpose becomes the journey's purpose."""
    require(actor, wording.journey, "manage")
    if wording.agreed_on is not None:
        raise invalid(None, _("The group has already agreed this wording."))
    _check_agreed(wording.proposed_on, agreed_on)
    wording.agreed_on = agreed_on
    wording.save(update_fields=["agreed_on"])
    if wording.kind == vocab.PURPOSE:
        _sync_purpose(wording.journey)
    audit(
        journey=wording.journey,
        actor=actor,
        action="wording_agree",
        obj=wording,
        summary=f"{vocab.FRAMING_KINDS[wording.kind].label}: {wording.text[:180]}",
    )
    return wording


def purpose_from_settings(
    *, journey: Journey, actor: Any, text: str, on: datetime.date | None
) -> Wording:
    """The journeys hook (``journeys/hooks.py``): a purpose typed on the journey's settings
    page is a wording the group agreed that day, proposed by the group as a whole. Called
    inside journey_create / journey_update's transaction, after their permission check."""
    day = min(on or timezone.localdate(), timezone.localdate())
    wording = Wording.objects.create(
        journey=journey,
        kind=vocab.PURPOSE,
        text=text,
        proposed_on=day,
        agreed_on=day,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        from_settings=True,
    )
    # An older day than the current agreed purpose's (a start date typed in the past) must not
    # hide it: the journey shows what was typed, so the newest typed wording is also newest here.
    later = Wording.objects.filter(journey=journey, kind=vocab.PURPOSE, agreed_on__gt=day).exists()
    if later:
        Wording.objects.filter(pk=wording.pk).update(agreed_on=timezone.localdate())
    audit(
        journey=journey,
        actor=actor,
        action="wording_from_settings",
        obj=wording,
        summary=f"{vocab.FRAMING_KINDS[vocab.PURPOSE].label}: {text[:180]}",
    )
    return wording
