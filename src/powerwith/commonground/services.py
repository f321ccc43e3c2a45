"""Every write of a statement round. ``actor`` None means the command line (system work, as
for imports); otherwise the actor must be allowed to manage (rounds, statements) or record
(responses) in the journey."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from powerwith.common.access import require
from powerwith.common.services import audit, invalid
from powerwith.journeys.models import Journey
from powerwith.people.models import Person

from .models import MODERATION, VOTES, Participant, Response, Statement, StatementRound

MODERATION_CODES = {code for code, _ in MODERATION}
VOTE_VALUES = {value for value, _ in VOTES}


def _require(actor: Any, journey: Journey, need: str) -> None:
    if actor is not None:
        require(actor, journey, need)  # type: ignore[arg-type]


@transaction.atomic
def round_create(
    *,
    actor: Any,
    journey: Journey,
    question: str,
    participants_may_add: bool = False,
    closes_on: datetime.date | None = None,
    is_open: bool = True,
    source: str = "",
) -> StatementRound:
    """Open a statement round in a journey (facilitators only). One audit line."""
    _require(actor, journey, "manage")
    question = question.strip()
    if not question:
        raise invalid("question", "Enter the question people are responding to.")
    if len(question) > 500:
        raise invalid("question", "Keep the question to 500 characters or fewer.")
    rnd = StatementRound.objects.create(
        journey=journey,
        question=question,
        participants_may_add=participants_may_add,
        closes_on=closes_on,
        is_open=is_open,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        source=source,
    )
    audit(journey=journey, actor=actor, action="round_create", obj=rnd, summary=question)
    return rnd


@transaction.atomic
def statement_add(
    *,
    actor: Any,
    round: StatementRound,
    text: str,
    moderation: str = "accepted",
    author: Participant | None = None,
    contribution: Any = None,
    external_id: str = "",
) -> Statement:
    """Add a statement to a round (a seed statement from the facilitator, or one a
    participant wrote, which waits to be checked)."""
    _require(actor, round.journey, "manage" if author is None else "view")
    text = text.strip()
    if not text:
        raise invalid("text", "Enter the statement.")
    if moderation not in MODERATION_CODES:
        raise invalid("moderation", "Choose accepted, waiting or not accepted.")
    if contribution is not None and contribution.journey_id != round.journey_id:
        raise invalid("contribution", "Choose a contribution from this journey.")
    if author is not None and author.round_id != round.pk:
        raise invalid("author", "The author must take part in this round.")
    return Statement.objects.create(
        round=round,
        text=text,
        moderation=moderation,
        author=author,
        contribution=contribution,
        external_id=external_id,
    )


@transaction.atomic
def participant_join(
    *, round: StatementRound, person: Person | None = None, external_id: str = ""
) -> Participant:
    """A pseudonymous participant, or the one a member already has in this round. A member's
    side is copied at the moment they join."""
    if person is not None:
        if person.journey_id != round.journey_id:
            raise invalid("person", "That person is not part of this journey.")
        found = Participant.objects.filter(round=round, person=person).first()
        if found is not None:
            return found
        return Participant.objects.create(
            round=round, person=person, side=person.side, external_id=external_id
        )
    return Participant.objects.create(round=round, external_id=external_id)


@transaction.atomic
def response_record(
    *,
    participant: Participant,
    statement: Statement,
    vote: int,
    at: datetime.datetime | None = None,
) -> Response:
    """Record a vote; a second vote on the same statement replaces the first (the latest
    counts). Idempotent, safe under concurrent taps (one row per pair in the database).
    No audit line per response: responses are many and pseudonymous."""
    if vote not in VOTE_VALUES:
        raise invalid("vote", "Choose agree, disagree or pass.")
    if statement.round_id != participant.round_id:
        raise invalid("statement", "That statement is not in this round.")
    if statement.moderation != "accepted":
        raise invalid("statement", "That statement is not open for responses.")
    # update_or_create inserts in a savepoint and, if a simultaneous tap inserted first (the
    # unique constraint), reads that row and updates it: concurrent taps leave one row
    # (tests/commonground/test_concurrency.py, on PostgreSQL).
    response, _ = Response.objects.update_or_create(
        participant=participant,
        statement=statement,
        defaults={"vote": vote, "created_at": at or timezone.now()},
    )
    return response
