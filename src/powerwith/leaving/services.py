"""Every write of leaving: asking why someone stopped coming, what the group did about it,
handovers with open actions moved on, assets kept, the legacy plan and follow-up reviews."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.dates import long_date
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution
from powerwith.decisions import services as decision_services
from powerwith.decisions.models import Decision, GroupAction
from powerwith.gatherings import vocab as g_vocab
from powerwith.gatherings.models import Attendance
from powerwith.inclusion.models import Asset, Task
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.people.services import role_on

from . import selectors, vocab
from .models import (
    AssetKept,
    FollowUpReview,
    Handover,
    Legacy,
    LegacyPart,
    Reassignment,
    StopAsk,
)

MAX_WORDS = 4000


def _today() -> datetime.date:
    return timezone.localdate()


def _not_future(field: str, day: datetime.date) -> None:
    if day > _today():
        raise invalid(field, _("The date cannot be in the future."))


def _text(field: str, value: str, most: int, message: str = "") -> str:
    value = (value or "").strip()
    if len(value) > most:
        raise invalid(field, _("Keep this under %(n)s characters.") % {"n": f"{most:,}"})
    if message and not value:
        raise invalid(field, message)
    return value


def _in_journey(journey: Journey, person: Person | None, field: str) -> None:
    if person is not None and person.journey_id != journey.pk:
        raise invalid(field, _("Choose a person from this journey."))


# --- Why people stop coming ----------------------------------------------------------------


# How a reason given reached us, as a contribution's channel.
CHANNEL_OF = {
    "in_person": "interview",
    "phone": "phone",
    "text": "online",
    "email": "online",
    "letter": "paper",
    "through_someone": "interview",
}


@transaction.atomic
def stop_ask_record(
    *,
    actor: Any,
    person: Person,
    asked_on: datetime.date,
    asked_how: str,
    answer: str,
    in_their_words: str = "",
    reasons: list[str] | None = None,
) -> StopAsk:
    """Record that someone who stopped coming was asked why: how, when, and what they said
    (in their words, with one or more reasons from the list), or that they did not answer or
    did not want to say. Their role and side are those of the last gathering they came to."""
    journey = person.journey
    require(actor, journey, "manage")
    reasons = list(dict.fromkeys(reasons or []))
    _not_future("asked_on", asked_on)
    if asked_how not in vocab.ASK_WAYS:
        raise invalid("asked_how", _("Choose how they were asked."))
    if answer not in vocab.ANSWERS:
        raise invalid("answer", _("Choose what came of asking."))
    last = (
        Attendance.objects.filter(
            person=person, status=g_vocab.PRESENT, gathering__held_on__lte=asked_on
        )
        .order_by("-gathering__held_on", "-id")
        .values_list("gathering__held_on", "role", "side")
        .first()
    )
    if last is None:
        raise invalid(
            "asked_on",
            _("%(name)s had not come to any gathering by then, so they cannot have stopped.")
            % {"name": person.name},
        )
    words = _text("in_their_words", in_their_words, MAX_WORDS)
    if answer == vocab.ANSWERED:
        if not words:
            raise invalid("in_their_words", _("Write what they said, in their words."))
        if not reasons:
            raise invalid("reasons", _("Choose at least one reason."))
        if any(r not in vocab.REASONS for r in reasons):
            raise invalid("reasons", _("Choose reasons from the list."))
    elif words or reasons:
        raise invalid(
            "answer",
            _("You wrote down their reasons: choose “They told us why”, or clear the reasons."),
        )
    day, role, side = last
    if not role:
        role, side = role_on(person, day)
    ask = StopAsk.objects.create(
        journey=journey,
        person=person,
        last_came=day,
        role=role,
        side=side,
        asked_on=asked_on,
        asked_how=asked_how,
        answer=answer,
        in_their_words=words,
        reasons=reasons,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="stop_ask_record",
        obj=ask,
        on_behalf_of=person,
        summary=f"{person.name}: {vocab.ANSWERS.label(answer)}",
    )
    return ask


@transaction.atomic
def stop_ask_raise(*, actor: Any, ask: StopAsk) -> Contribution:
    """Raise what they said as a contribution (in their words, as theirs), so the group
    responds to it like anything else raised; the reason is then acted on."""
    journey = ask.journey
    require(actor, journey, "manage")
    if ask.answer != vocab.ANSWERED:
        raise invalid(None, _("Only reasons people gave can be raised."))
    if ask.contribution_id is not None:
        raise invalid(None, _("This has already been raised as a contribution."))
    contribution = contribution_services.contribution_create(
        actor=actor,
        journey=journey,
        text=ask.in_their_words,
        channel=CHANNEL_OF.get(ask.asked_how, "interview"),
        raised_on=ask.asked_on,
        raised_by=ask.person,
        provenance=_("Asked why they stopped coming (%(how)s)")
        % {"how": vocab.ASK_WAYS.label(ask.asked_how).lower()},
        tags=[vocab.REASONS.label(r) for r in ask.reasons],
    )
    ask.contribution = contribution
    ask.save(update_fields=["contribution", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="stop_ask_raise",
        obj=ask,
        on_behalf_of=ask.person,
        summary=str(contribution),
    )
    return contribution


@transaction.atomic
def stop_ask_link_decision(*, actor: Any, ask: StopAsk, decision: Decision | None) -> StopAsk:
    """Say which decision of the group answers this reason (or none)."""
    journey = ask.journey
    require(actor, journey, "manage")
    if decision is not None and decision.journey_id != journey.pk:
        raise invalid("decision", _("Choose a decision from this journey."))
    if decision is not None and ask.answer != vocab.ANSWERED:
        raise invalid("decision", _("Only reasons people gave can be linked to a decision."))
    ask.decision = decision
    ask.save(update_fields=["decision", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="stop_ask_link_decision",
        obj=ask,
        on_behalf_of=ask.person,
        summary=str(decision) if decision else "No decision",
    )
    return ask


@transaction.atomic
def stop_ask_remove(*, actor: Any, ask: StopAsk) -> None:
    """Remove a record made by mistake (the log keeps that it was removed)."""
    require(actor, ask.journey, "manage")
    audit(
        journey=ask.journey,
        actor=actor,
        action="stop_ask_remove",
        obj=ask,
        on_behalf_of=ask.person,
        summary=str(ask),
    )
    ask.delete()


# --- Handovers -----------------------------------------------------------------------------


def handover_day(person: Person, occasion: str) -> datetime.date:
    """The day a handover is about: the day they left, or the first day of their new role."""
    if occasion == vocab.LEFT:
        if person.left_on is None:
            raise invalid(
                "occasion",
                _("%(name)s has not left. Record their leaving in the register first.")
                % {"name": person.name},
            )
        return person.left_on
    if occasion == vocab.ROLE_CHANGE:
        spells = list(person.spells.all())
        if len(spells) < 2:
            raise invalid(
                "occasion",
                _("%(name)s has had one role only. Record the change in the register first.")
                % {"name": person.name},
            )
        return spells[-1].started_on
    raise invalid("occasion", _("Choose whether they left or changed role."))


def _reassign(
    actor: Any, handover: Handover, action: selectors.OpenAction, to: Person
) -> Reassignment:
    if action.kind == vocab.TASK:
        task = Task.objects.select_for_update().get(pk=action.pk)
        task.person = to
        task.save(update_fields=["person", "updated_at"])
        audit(
            journey=handover.journey,
            actor=actor,
            action="task_reassign",
            obj=task,
            on_behalf_of=to,
            summary=f"{task.description}: {handover.person.name} → {to.name}",
        )
    elif action.kind == vocab.GROUP_ACTION:
        ga = GroupAction.objects.get(pk=action.pk)
        decision_services.group_action_update(
            actor=actor, action=ga, what=ga.what, who=to, due_on=ga.due_on, done_on=None
        )
    else:
        c = Contribution.objects.get(pk=action.pk)
        contribution_services.contribution_set_fate(
            actor=actor,
            contribution=c,
            fate=c.fate,
            reason=_("Handed on from %(name)s") % {"name": handover.person.name},
            on=max(_today(), c.raised_on),
            owner=to,
        )
    return Reassignment.objects.create(
        handover=handover,
        kind=action.kind,
        object_id=action.pk,
        description=action.description[:300],
        to_person=to,
    )


@transaction.atomic
def handover_record(
    *,
    actor: Any,
    person: Person,
    occasion: str,
    knew_and_did: str,
    contacts: str = "",
    unfinished: str = "",
    handed_to: Person | None = None,
    reassign: Mapping[str, Person | None] | None = None,
) -> Handover:
    """Record a handover from someone who left or changed role: what they knew and did, who to
    contact, what is unfinished, and who takes it on. ``reassign`` maps each open action's key
    (``selectors.OpenAction.key``) to the person taking it over (None: it stays with them)."""
    journey = person.journey
    require(actor, journey, "manage")
    on = handover_day(person, occasion)
    knew_and_did = _text(
        "knew_and_did", knew_and_did, MAX_WORDS, _("Write what they knew and did.")
    )
    contacts = _text("contacts", contacts, MAX_WORDS)
    unfinished = _text("unfinished", unfinished, MAX_WORDS)
    _in_journey(journey, handed_to, "handed_to")
    if handed_to is not None and handed_to.pk == person.pk:
        raise invalid("handed_to", _("Choose someone else to take it on."))
    if Handover.objects.filter(person=person, occasion=occasion, on=on).exists():
        raise invalid(
            "occasion",
            _("A handover for this is already recorded (%(day)s).") % {"day": long_date(on)},
        )
    actions = {a.key: a for a in selectors.open_actions(person)}
    moves: list[tuple[selectors.OpenAction, Person]] = []
    for key, to in (reassign or {}).items():
        if to is None:
            continue
        if key not in actions:
            raise invalid("reassign", _("That action is no longer open on them. Reload the page."))
        _in_journey(journey, to, f"reassign_{key}")
        if to.pk == person.pk:
            raise invalid(f"reassign_{key}", _("Choose someone else to take it on."))
        if to.left_on is not None and to.left_on <= _today():
            raise invalid(f"reassign_{key}", _("%(name)s has left.") % {"name": to.name})
        moves.append((actions[key], to))
    role, side = role_on(
        person, on - datetime.timedelta(days=1) if occasion == vocab.ROLE_CHANGE else on
    )
    handover = Handover.objects.create(
        journey=journey,
        person=person,
        occasion=occasion,
        on=on,
        role=role,
        side=side,
        knew_and_did=knew_and_did,
        contacts=contacts,
        unfinished=unfinished,
        handed_to=handed_to,
        recorded_by=user_or_none(actor),
    )
    for action, to in moves:
        _reassign(actor, handover, action, to)
    audit(
        journey=journey,
        actor=actor,
        action="handover_record",
        obj=handover,
        on_behalf_of=person,
        summary=f"{person.name}: {vocab.OCCASIONS.label(occasion)}"
        + (f" ({len(moves)} actions handed on)" if moves else ""),
    )
    return handover


@transaction.atomic
def asset_keep(
    *,
    actor: Any,
    asset: Asset,
    how: str,
    on: datetime.date,
    handed_to: Person | None = None,
) -> AssetKept:
    """Record that an asset of someone who left was handed over (to a person, or written into
    the group's own record), so it stays with the group."""
    journey = asset.journey
    require(actor, journey, "record")
    if asset.person is None:
        raise invalid(None, _("An organisation's asset stays with the group."))
    if AssetKept.objects.filter(asset=asset).exists():
        raise invalid(None, _("This asset has already been handed over."))
    how = _text("how", how, 300, _("Say how it was handed over."))
    _not_future("on", on)
    _in_journey(journey, handed_to, "handed_to")
    if handed_to is not None and handed_to.pk == asset.person_id:
        raise invalid("handed_to", _("Choose someone else, or leave this empty."))
    kept = AssetKept.objects.create(
        journey=journey,
        asset=asset,
        handed_to=handed_to,
        how=how,
        on=on,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="asset_keep",
        obj=kept,
        on_behalf_of=asset.person,
        summary=f"{asset.description}: {how}",
    )
    return kept


# --- The end: funding, legacy plan, follow-up reviews --------------------------------------


def _legacy(journey: Journey) -> Legacy:
    legacy, _created = Legacy.objects.select_for_update().get_or_create(journey=journey)
    return legacy


@transaction.atomic
def funding_set(
    *, actor: Any, journey: Journey, funding_ends_on: datetime.date | None, funder: str = ""
) -> Legacy:
    """Record when the journey's funding ends (and who funds it), or that no end is known."""
    require(actor, journey, "manage")
    funder = _text("funder", funder, 200)
    if funding_ends_on is not None and journey.started_on and funding_ends_on < journey.started_on:
        raise invalid(
            "funding_ends_on",
            _("The funding cannot end before the journey started (%(day)s).")
            % {"day": long_date(journey.started_on)},
        )
    legacy = _legacy(journey)
    legacy.funding_ends_on, legacy.funder = funding_ends_on, funder
    legacy.recorded_by = user_or_none(actor)
    legacy.save()
    audit(
        journey=journey,
        actor=actor,
        action="funding_set",
        obj=legacy,
        summary=f"Funding ends {funding_ends_on.isoformat() if funding_ends_on else 'not known'}",
    )
    return legacy


@transaction.atomic
def legacy_plan_save(
    *, actor: Any, journey: Journey, agreed_on: datetime.date, record_lives: str
) -> Legacy:
    """The group's legacy plan: agreed on a day, saying where the record of the journey will
    live. What carries on, and who owns each part, are its parts (``legacy_part_add``)."""
    require(actor, journey, "manage")
    record_lives = _text(
        "record_lives",
        record_lives,
        MAX_WORDS,
        _("Say where the group's record will live: who keeps it, and how people can find it."),
    )
    _not_future("agreed_on", agreed_on)
    legacy = _legacy(journey)
    legacy.plan_agreed_on, legacy.record_lives = agreed_on, record_lives
    legacy.save()
    audit(journey=journey, actor=actor, action="legacy_plan_save", obj=legacy, summary=record_lives)
    return legacy


@transaction.atomic
def legacy_part_add(
    *,
    actor: Any,
    journey: Journey,
    what: str,
    owner: Person | None = None,
    owner_other: str = "",
) -> LegacyPart:
    """Something that carries on after the end, and who owns it (someone in the register, or
    a team or organisation named in words)."""
    require(actor, journey, "manage")
    what = _text("what", what, 300, _("Say what carries on."))
    owner_other = _text("owner_other", owner_other, 200)
    _in_journey(journey, owner, "owner")
    if owner is None and not owner_other:
        raise invalid("owner", _("Choose who owns it, or name a team or organisation."))
    if owner is not None and owner_other:
        raise invalid("owner_other", _("Choose a person or name a team, not both."))
    part = LegacyPart.objects.create(
        journey=journey,
        what=what,
        owner=owner,
        owner_other=owner_other,
        recorded_by=user_or_none(actor),
    )
    audit(journey=journey, actor=actor, action="legacy_part_add", obj=part, summary=what)
    return part


@transaction.atomic
def legacy_part_remove(*, actor: Any, part: LegacyPart) -> None:
    require(actor, part.journey, "manage")
    audit(
        journey=part.journey, actor=actor, action="legacy_part_remove", obj=part, summary=part.what
    )
    part.delete()


@transaction.atomic
def review_record(
    *, actor: Any, journey: Journey, months: int, done_on: datetime.date, found: str
) -> FollowUpReview:
    """Record the follow-up review due ``months`` (6 or 12) after the end: when it was done and
    what was found (what carried on, what did not)."""
    require(actor, journey, "manage")
    if months not in vocab.REVIEW_MONTHS:
        raise invalid("months", _("Choose the 6-month or the 12-month review."))
    end = selectors.end_of(journey, selectors.legacy_of(journey))
    if end is None:
        raise invalid(
            "months",
            _(
                "Set the journey's end date or its funding's end date first: reviews are counted from it."
            ),
        )
    _not_future("done_on", done_on)
    if done_on < end:
        raise invalid(
            "done_on",
            _("A follow-up review is after the end (%(day)s).") % {"day": long_date(end)},
        )
    found = _text("found", found, MAX_WORDS, _("Write what the review found."))
    if FollowUpReview.objects.filter(journey=journey, months=months).exists():
        raise invalid("months", _("This review is already recorded."))
    review = FollowUpReview.objects.create(
        journey=journey,
        months=months,
        done_on=done_on,
        found=found,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="review_record",
        obj=review,
        summary=f"{months}-month review: {found}",
    )
    return review
