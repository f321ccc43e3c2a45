"""Reflection rounds: opened on one version of a bank, named or anonymous, and closed."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from powerwith.common.access import require
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey

from .. import vocab
from ..models import (
    QuestionBank,
    Round,
)
from .question_banks import _check_bank


@transaction.atomic
def round_open(
    *,
    actor: Any,
    journey: Journey,
    bank: QuestionBank,
    title: str,
    anonymous: bool,
    opens_on: datetime.date,
    keep_role: bool = False,
    stage: str = "",
    closes_on: datetime.date | None = None,
    message: str = "",
) -> Round:
    """Open a round of a bank (this exact version) for a phase of the journey. Whether it is
    named or anonymous is fixed here and shown to everyone before they answer."""
    require(actor, journey, "manage")
    _check_bank(journey, bank)
    title, message = title.strip(), message.strip()
    if not title:
        raise invalid("title", gettext("Enter a name for the round, such as “Spring power audit”."))
    if len(title) > 200:
        raise invalid("title", gettext("Keep the name under 200 characters."))
    if stage and stage not in journey_vocab.STAGES:
        raise invalid("stage", gettext("Choose a stage from the list, or leave it empty."))
    if closes_on is not None and closes_on < opens_on:
        raise invalid(
            "closes_on", gettext("The closing date must be on or after the opening date.")
        )
    if not bank.items.exists():
        raise invalid("bank", gettext("This bank has no questions yet. Add a question first."))
    if bank.kind == vocab.LIVED_ROLES and anonymous:
        raise invalid(
            "anonymous",
            gettext(
                "Reflections on lived experience at work are kept by name, so each person can see "
                "how things change for them over time. They stay private to the person and the "
                "supporter they choose. Choose “named”."
            ),
        )
    rnd = Round.objects.create(
        journey=journey,
        bank=bank,
        title=title,
        stage=stage,
        anonymous=anonymous,
        keep_role=bool(keep_role and anonymous),
        message=message,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="round_open",
        obj=rnd,
        summary=f"{title} ({'anonymous' if anonymous else 'named'}; {bank})",
    )
    return rnd


@transaction.atomic
def round_close(*, actor: Any, round: Round, closed_on: datetime.date | None = None) -> Round:
    """Close a round. Anonymous results appear only once it is closed, and it cannot reopen
    (reopening would let someone work out a late answer by comparing results)."""
    require(actor, round.journey, "manage")
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if rnd.closed_on is not None:
        raise invalid(None, gettext("This round is already closed."))
    rnd.closed_on = closed_on or timezone.localdate()
    if rnd.closed_on < rnd.opens_on:
        raise invalid("closed_on", gettext("A round cannot close before it opened."))
    rnd.save(update_fields=["closed_on", "updated_at"])
    audit(journey=rnd.journey, actor=actor, action="round_close", obj=rnd, summary=rnd.title)
    return rnd
