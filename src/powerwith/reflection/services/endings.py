"""Endings: the review at the end of a phase, each stakeholder's view, and realist notes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext

from powerwith.common.access import require
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import Decision
from powerwith.gatherings.models import Gathering
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person
from powerwith.people.services import role_on

from .. import vocab
from ..models import (
    Ending,
    EndingView,
    RealistNote,
)
from .answers import MAX_TEXT


@transaction.atomic
def ending_create(
    *,
    actor: Any,
    journey: Journey,
    title: str,
    held_on: datetime.date,
    stage: str = "",
    summary: str = "",
) -> Ending:
    """Start the review at the end of a phase. Stakeholders' views and realist notes follow."""
    require(actor, journey, "record")
    title = title.strip()
    if not title:
        raise invalid("title", gettext("Enter a name, such as “End of the co-design phase”."))
    if len(title) > 200:
        raise invalid("title", gettext("Keep the name under 200 characters."))
    if stage and stage not in journey_vocab.STAGES:
        raise invalid("stage", gettext("Choose a stage from the list, or leave it empty."))
    if journey.started_on and held_on < journey.started_on:
        raise invalid(
            "held_on",
            gettext("The review must be on or after the journey started (%(day)s).")
            % {"day": date_format(journey.started_on, "d F Y")},
        )
    ending = Ending.objects.create(
        journey=journey,
        title=title,
        stage=stage,
        held_on=held_on,
        summary=summary.strip(),
        created_by=user_or_none(actor),
    )
    audit(journey=journey, actor=actor, action="ending_create", obj=ending, summary=title)
    return ending


@transaction.atomic
def ending_view_add(
    *,
    actor: Any,
    ending: Ending,
    perspective: str,
    channel: str = vocab.ONLINE,
    side: str = "",
    role: str = "",
    person: Person | None = None,
    achieved: str = "",
    skills_gained: str = "",
    worked: str = "",
    did_not_work: str = "",
    carry_forward: str = "",
    still_lacking: str = "",
) -> EndingView:
    """Add one stakeholder's view of the phase (a person's, or a group's)."""
    journey = ending.journey
    require(actor, journey, "record")
    if person is not None and person.journey_id != journey.pk:
        raise invalid("person", gettext("Choose a person from this journey."))
    perspective = perspective.strip() or (person.name if person is not None else "")
    if not perspective:
        raise invalid(
            "perspective", gettext("Say whose view this is, such as “the patients' group”.")
        )
    if len(perspective) > 200:
        raise invalid("perspective", gettext("Keep this under 200 characters."))
    if side and side not in people_vocab.SIDES:
        raise invalid(
            "side", gettext("Choose lived experience or professional, or leave it empty.")
        )
    if role and role not in people_vocab.ROLES:
        raise invalid("role", gettext("Choose a role from the list, or leave it empty."))
    if person is not None:
        role, side = role_on(person, ending.held_on)
    if channel not in vocab.ANSWER_CHANNELS:
        raise invalid("channel", gettext("Choose how this view came in."))
    texts = {
        "achieved": achieved.strip(),
        "skills_gained": skills_gained.strip(),
        "worked": worked.strip(),
        "did_not_work": did_not_work.strip(),
        "carry_forward": carry_forward.strip(),
        "still_lacking": still_lacking.strip(),
    }
    if not any(texts.values()):
        raise invalid("achieved", gettext("Write something in at least one of the boxes."))
    for name, value in texts.items():
        if len(value) > MAX_TEXT:
            raise invalid(name, gettext("Keep each answer under 5,000 characters."))
    view = EndingView.objects.create(
        ending=ending,
        perspective=perspective,
        side=side,
        role=role,
        person=person,
        channel=channel,
        entered_by=user_or_none(actor),
        **texts,
    )
    audit(
        journey=journey,
        actor=actor,
        action="ending_view_add",
        obj=view,
        channel=channel,
        on_behalf_of=person
        if person is not None and person.user_id != getattr(actor, "pk", None)
        else None,
        summary=f"{perspective}: a view of “{ending.title}”",
    )
    return view


@transaction.atomic
def realist_note_add(
    *,
    actor: Any,
    ending: Ending,
    context: str,
    mechanism: str,
    outcome: str,
    contributions: Iterable[Contribution] = (),
    gatherings: Iterable[Gathering] = (),
    decisions: Iterable[Decision] = (),
) -> RealistNote:
    """Record a pattern: in this context, this mechanism led to this outcome, with evidence."""
    journey = ending.journey
    require(actor, journey, "record")
    texts = {"context": context.strip(), "mechanism": mechanism.strip(), "outcome": outcome.strip()}
    messages = {
        "context": gettext("Describe the context: the circumstances that mattered."),
        "mechanism": gettext(
            "Describe the mechanism: what people did or felt that made the difference."
        ),
        "outcome": gettext("Describe the outcome: what happened as a result."),
    }
    errors = {k: [messages[k]] for k, v in texts.items() if not v}
    errors.update(
        {
            k: [gettext("Keep this under 5,000 characters.")]
            for k, v in texts.items()
            if len(v) > MAX_TEXT
        }
    )
    contributions, gatherings, decisions = list(contributions), list(gatherings), list(decisions)
    for field, objs, words in (
        ("contributions", contributions, gettext("Choose things raised from this journey.")),
        ("gatherings", gatherings, gettext("Choose gatherings from this journey.")),
        ("decisions", decisions, gettext("Choose decisions from this journey.")),
    ):
        if any(o.journey_id != journey.pk for o in objs):
            errors[field] = [words]
    if errors:
        raise ValidationError(errors)
    note = RealistNote.objects.create(ending=ending, recorded_by=user_or_none(actor), **texts)
    note.contributions.set(contributions)
    note.gatherings.set(gatherings)
    note.decisions.set(decisions)
    audit(
        journey=journey,
        actor=actor,
        action="realist_note_add",
        obj=note,
        summary=f"{texts['mechanism'][:120]} \u2192 {texts['outcome'][:120]}",
    )
    return note
