"""Every change to training: sessions, who took part, their goals, the before and after questions.

The before and after questions are reflection rounds opened through ``reflection.services``, so
an anonymous session's answers get every guarantee of reflection's anonymous answers (no link
to a person, receipts kept apart, rows shuffled). This module never reads or writes answers.
Someone who came gets their own ``inclusion.Training`` line through ``inclusion.services``, so
the reciprocity ledger counts the training they received.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.inclusion import services as inclusion_services
from powerwith.inclusion.models import Training
from powerwith.journeys.models import Journey
from powerwith.people.models import Person
from powerwith.reflection import services as reflection_services
from powerwith.reflection import vocab as reflection_vocab
from powerwith.reflection.models import QuestionBank
from powerwith.reflection.selectors import bank_questions, banks_visible

from . import vocab
from .models import Trainee, TrainingGoal, TrainingSession

MAX_GOALS = 5
MAX_TEXT = 2000


def _today() -> datetime.date:
    return timezone.localdate()


def _clean_session(
    journey: Journey,
    *,
    title: str,
    led_by: Person | None,
    trainer: str,
    hours: Decimal | None,
    about: str,
) -> tuple[str, str, str]:
    title, trainer, about = title.strip(), trainer.strip(), about.strip()
    if not title:
        raise invalid("title", _("Enter what the training was, like “Chairing meetings”."))
    if len(title) > 200:
        raise invalid("title", _("Keep the title under 200 characters."))
    if led_by is not None and led_by.journey_id != journey.pk:
        raise invalid("led_by", _("Choose a person from this journey."))
    if len(trainer) > 200:
        raise invalid("trainer", _("Keep this under 200 characters."))
    if led_by is None and not trainer:
        raise invalid(
            "trainer",
            _("Say who ran it: choose someone in the register, or write who they are."),
        )
    if hours is not None and (not hours.is_finite() or hours <= 0 or hours > 100):
        raise invalid("hours", _("Enter a number of hours more than 0 and at most 100, like 2.5."))
    if hours is not None and hours != hours.quantize(Decimal("0.01")):
        raise invalid("hours", _("Enter hours to at most two decimal places, like 1.25."))
    if len(about) > MAX_TEXT:
        raise invalid("about", _("Keep this under 2,000 characters."))
    return title, trainer, about


@transaction.atomic
def session_create(
    *,
    actor: Any,
    journey: Journey,
    title: str,
    held_on: datetime.date,
    led_by: Person | None = None,
    trainer: str = "",
    hours: Decimal | None = None,
    about: str = "",
) -> TrainingSession:
    """Record a training session (past or planned): what, when, and who ran it."""
    require(actor, journey, "manage")
    title, trainer, about = _clean_session(
        journey, title=title, led_by=led_by, trainer=trainer, hours=hours, about=about
    )
    session = TrainingSession.objects.create(
        journey=journey,
        title=title,
        held_on=held_on,
        led_by=led_by,
        trainer=trainer,
        hours=hours,
        about=about,
        created_by=user_or_none(actor),
    )
    audit(
        journey=journey, actor=actor, action="training_session_create", obj=session, summary=title
    )
    return session


@transaction.atomic
def session_update(
    *,
    actor: Any,
    session: TrainingSession,
    title: str,
    held_on: datetime.date,
    led_by: Person | None = None,
    trainer: str = "",
    hours: Decimal | None = None,
    about: str = "",
) -> TrainingSession:
    """Correct a session's details. Its day cannot move after its after questions opened, and
    the ledger lines of people who came keep the day and title they were given on."""
    journey = session.journey
    require(actor, journey, "manage")
    title, trainer, about = _clean_session(
        journey, title=title, led_by=led_by, trainer=trainer, hours=hours, about=about
    )
    if session.after_round_id and held_on != session.held_on:
        raise invalid(
            "held_on",
            _("The after questions are open, so the day of the session can no longer change."),
        )
    if held_on > _today() and session.trainees.filter(came=True).exists():
        raise invalid(
            "held_on",
            _("People have been marked as having come, so the day cannot be in the future."),
        )
    session.title, session.held_on, session.led_by = title, held_on, led_by
    session.trainer, session.hours, session.about = trainer, hours, about
    session.save()
    audit(
        journey=journey, actor=actor, action="training_session_update", obj=session, summary=title
    )
    return session


def _record_training(actor: Any, trainee: Trainee) -> Training:
    session = trainee.session
    return inclusion_services.training_record(
        actor=actor,
        person=trainee.person,
        title=session.title,
        received_on=session.held_on,
        hours=session.hours,
        provider=session.ran_by,
    )


@transaction.atomic
def trainee_add(*, actor: Any, session: TrainingSession, person: Person) -> Trainee:
    """Add a person of the register to a session. On or after its day they are recorded as
    having come (and get their line in the ledger); before it, as booked."""
    journey = session.journey
    require(actor, journey, "record")
    if person.journey_id != journey.pk:
        raise invalid("people", _("Choose people from this journey."))
    if Trainee.objects.filter(session=session, person=person).exists():
        raise invalid("people", _("%(name)s is already on this session.") % {"name": person.name})
    trainee = Trainee.objects.create(session=session, person=person, added_by=user_or_none(actor))
    audit(
        journey=journey,
        actor=actor,
        action="trainee_add",
        obj=session,
        on_behalf_of=person,
        summary=session.title,
    )
    if session.held_on <= _today():
        trainee_came(actor=actor, trainee=trainee)
    return trainee


@transaction.atomic
def trainee_came(*, actor: Any, trainee: Trainee) -> Trainee:
    """Mark that a booked person came: their own ledger line says they received the training."""
    session = trainee.session
    require(actor, session.journey, "record")
    trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
    if trainee.came:
        raise invalid(
            None, _("%(name)s is already marked as having come.") % {"name": trainee.person.name}
        )
    if session.held_on > _today():
        raise invalid(None, _("The session has not happened yet."))
    trainee.came = True
    trainee.training = _record_training(actor, trainee)
    trainee.save(update_fields=["came", "training"])
    audit(
        journey=session.journey,
        actor=actor,
        action="trainee_came",
        obj=session,
        on_behalf_of=trainee.person,
        summary=session.title,
    )
    return trainee


@transaction.atomic
def trainee_remove(*, actor: Any, trainee: Trainee) -> None:
    """Take a person off a session entered by mistake, with their goals and their ledger line."""
    session = trainee.session
    require(actor, session.journey, "record")
    if trainee.training is not None:
        inclusion_services.ledger_remove(actor=actor, entry=trainee.training)
    audit(
        journey=session.journey,
        actor=actor,
        action="trainee_remove",
        obj=session,
        on_behalf_of=trainee.person,
        summary=session.title,
    )
    trainee.delete()


@transaction.atomic
def goal_add(
    *, actor: Any, trainee: Trainee, text: str, set_on: datetime.date | None = None
) -> TrainingGoal:
    """One thing a person wants to get out of the session, in their own words (the toolkit's
    activity 1). Written before the session, or at its start."""
    session = trainee.session
    require(actor, session.journey, "record")
    text = text.strip()
    set_on = set_on or _today()
    if not text:
        raise invalid("text", _("Write what the person wants to get out of the session."))
    if len(text) > MAX_TEXT:
        raise invalid("text", _("Keep this under 2,000 characters."))
    if set_on > _today():
        raise invalid("set_on", _("The date cannot be in the future."))
    if trainee.goals.count() >= MAX_GOALS:
        raise invalid("text", _("A person can have at most 5 goals for one session."))
    goal = TrainingGoal.objects.create(
        trainee=trainee, text=text, set_on=set_on, recorded_by=user_or_none(actor)
    )
    audit(
        journey=session.journey,
        actor=actor,
        action="training_goal_add",
        obj=session,
        on_behalf_of=trainee.person,
        summary=session.title,
    )
    return goal


@transaction.atomic
def goal_review(
    *,
    actor: Any,
    goal: TrainingGoal,
    outcome: str,
    note: str = "",
    reviewed_on: datetime.date | None = None,
) -> TrainingGoal:
    """Revisit a goal after the session: met, partly met or not met, with the person's words."""
    trainee = goal.trainee
    session = trainee.session
    require(actor, session.journey, "record")
    reviewed_on = reviewed_on or _today()
    note = note.strip()
    if outcome not in vocab.OUTCOMES:
        raise invalid("outcome", _("Choose whether the goal was met, partly met or not met."))
    if len(note) > MAX_TEXT:
        raise invalid("note", _("Keep this under 2,000 characters."))
    if reviewed_on > _today():
        raise invalid("reviewed_on", _("The date cannot be in the future."))
    if reviewed_on < session.held_on:
        raise invalid("reviewed_on", _("A goal is revisited on or after the day of the session."))
    if reviewed_on < goal.set_on:
        raise invalid("reviewed_on", _("A goal is revisited on or after the day it was set."))
    goal.outcome, goal.outcome_note, goal.reviewed_on = outcome, note, reviewed_on
    goal.reviewed_by = user_or_none(actor)
    goal.save(update_fields=["outcome", "outcome_note", "reviewed_on", "reviewed_by"])
    audit(
        journey=session.journey,
        actor=actor,
        action="training_goal_review",
        obj=session,
        on_behalf_of=trainee.person,
        summary=f"{session.title}: {vocab.OUTCOMES.label(outcome)}",
    )
    return goal


def usable_banks(journey: Journey) -> list[QuestionBank]:
    """Banks a session can ask before and after: any the journey sees with a statement to rate,
    except lived experience at work (always named and private)."""
    reflection_services.banks_sync()
    return [
        b
        for b in banks_visible(journey)
        if b.kind != reflection_vocab.LIVED_ROLES and any(q.is_rating for q in bank_questions(b))
    ]


@transaction.atomic
def questions_open(
    *,
    actor: Any,
    session: TrainingSession,
    bank: QuestionBank,
    anonymous: bool,
    opens_on: datetime.date | None = None,
) -> TrainingSession:
    """Choose the questions asked before and after, and open the "before" round now. The after
    round will ask the same bank version, named or anonymous as chosen here."""
    journey = session.journey
    require(actor, journey, "manage")
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.before_round_id:
        raise invalid(None, _("The before questions are already open."))
    if bank.pk not in {b.pk for b in usable_banks(journey)}:
        raise invalid(
            "bank",
            _("Choose a question bank from the list. It needs at least one statement to rate."),
        )
    opens_on = opens_on or _today()
    rnd = reflection_services.round_open(
        actor=actor,
        journey=journey,
        bank=bank,
        title=_("Before: %(title)s") % {"title": session.title},
        anonymous=anonymous,
        opens_on=opens_on,
        message=_("Before the training session on %(day)s. Answer for where you are now.")
        % {"day": session.held_on.isoformat()},
    )
    session.bank, session.anonymous, session.before_round = bank, anonymous, rnd
    session.save(update_fields=["bank", "anonymous", "before_round", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="training_questions_open",
        obj=session,
        summary=f"{session.title} ({'anonymous' if anonymous else 'named'}; {bank})",
    )
    return session


@transaction.atomic
def after_open(
    *, actor: Any, session: TrainingSession, opens_on: datetime.date | None = None
) -> TrainingSession:
    """Close the before round and open the after round: the same questions, asked again from the
    day of the session."""
    journey = session.journey
    require(actor, journey, "manage")
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    before = session.before_round
    if before is None or session.bank is None:
        raise invalid(None, _("Choose the before questions first."))
    if session.after_round_id:
        raise invalid(None, _("The after questions are already open."))
    opens_on = opens_on or _today()
    if opens_on < session.held_on:
        raise invalid("opens_on", _("The after questions open on or after the day of the session."))
    if before.is_open:
        reflection_services.round_close(
            actor=actor, round=before, closed_on=max(opens_on, before.opens_on)
        )
    rnd = reflection_services.round_open(
        actor=actor,
        journey=journey,
        bank=session.bank,
        title=_("After: %(title)s") % {"title": session.title},
        anonymous=session.anonymous,
        opens_on=max(opens_on, before.opens_on),
        message=_("After the training session. Answer for where you are now, after it."),
    )
    session.after_round = rnd
    session.save(update_fields=["after_round", "updated_at"])
    audit(
        journey=journey,
        actor=actor,
        action="training_after_open",
        obj=session,
        summary=session.title,
    )
    return session
