"""Every write of a statement round. ``actor`` None means the command line (system work, as
for imports); otherwise the actor must be allowed to manage (rounds, statements) or record
(responses) in the journey."""

from __future__ import annotations

import base64
import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.figures import figures_changed
from powerwith.common.services import audit, invalid
from powerwith.contributions import receipts
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person

from .models import (
    ACCEPTED,
    CHANNELS,
    IMPORTED,
    MODERATION,
    ONLINE,
    PAPER,
    PENDING,
    REJECTED,
    VOTES,
    Participant,
    Response,
    Statement,
    StatementRound,
    Vote,
    new_answers_version,
)

MODERATION_CODES = {code for code, _label in MODERATION}
VOTE_VALUES = {value for value, _label in VOTES}
CHANNEL_CODES = {code for code, _label in CHANNELS}
STATEMENT_MAX = 400  # characters: a statement is one short sentence or two

# A paper sheet's code, kept as its participant's external id (see paper_sheet_enter).
SHEET_PREFIX = "sheet:"


def accepting(rnd: StatementRound, today: datetime.date | None = None) -> bool:
    """The round takes responses: it is open and its closing date (if any) has not passed."""
    today = today or timezone.localdate()
    return rnd.is_open and (rnd.closes_on is None or today <= rnd.closes_on)


def resume_code(participant: Participant) -> str:
    """The short code that lets a participant continue on another device: eight letters and
    digits worked out from their random id with the site's secret, so it is never stored (only
    its keyed hash is, to find them by it). Written in two halves of four, e.g. ``K7QP-3MXD``."""
    digest = salted_hmac("powerwith.commonground.resume", participant.public_id).digest()
    # Base32 without the letters easily misread; "0"/"1"/"8"/"9" are left out by base32 itself.
    raw = base64.b32encode(digest[:5]).decode()
    return f"{raw[:4]}-{raw[4:8]}"


def _resume_key(code: str) -> str:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return salted_hmac("powerwith.commonground.resume-key", cleaned).hexdigest()[:64]


def participant_by_code(*, round: StatementRound, code: str) -> Participant | None:
    """The online participant of this round whose continue code this is, or None."""
    if not code.strip():
        return None
    return (
        Participant.objects.filter(round=round, channel=ONLINE, person__isnull=True)
        .filter(resume_key=_resume_key(code))
        .first()
    )


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
    open_by_link: bool = True,
    statements: Sequence[str] = (),
    contributions: Sequence[Any] = (),
) -> StatementRound:
    """Open a statement round in a journey (facilitators only), with its seed statements:
    ``statements`` typed in, and ``contributions`` already raised in the journey (each becomes
    a statement in its own words, keeping the link so its fate can be followed). One audit
    line for the round."""
    _require(actor, journey, "manage")
    question = question.strip()
    if not question:
        raise invalid("question", _("Enter the question people are responding to."))
    if len(question) > 500:
        raise invalid("question", _("Keep the question to 500 characters or fewer."))
    if closes_on is not None and closes_on < timezone.localdate() and not source:
        raise invalid("closes_on", _("The closing date must be today or later."))
    texts = [t.strip() for t in statements if t.strip()]
    if too_long := [t for t in texts if len(t) > STATEMENT_MAX]:
        raise invalid(
            "statements",
            _(
                "Keep each statement to %(max)s characters or fewer. This one is longer: "
                "“%(start)s…”"
            )
            % {"max": STATEMENT_MAX, "start": too_long[0][:60]},
        )
    if any(c.journey_id != journey.pk for c in contributions):
        raise invalid("contributions", _("Choose contributions from this journey."))
    rnd = StatementRound.objects.create(
        journey=journey,
        question=question,
        participants_may_add=participants_may_add,
        closes_on=closes_on,
        is_open=is_open,
        open_by_link=open_by_link,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        source=source,
    )
    audit(journey=journey, actor=actor, action="round_create", obj=rnd, summary=question)
    for text in texts:
        Statement.objects.create(round=rnd, text=text)
    for c in contributions:
        Statement.objects.create(round=rnd, text=c.text[:STATEMENT_MAX], contribution=c)
    return rnd


@transaction.atomic
def round_close(*, actor: Any, round: StatementRound) -> StatementRound:
    """Close a round: no more responses or statements, by link, signed in or on paper."""
    require(actor, round.journey, "manage")
    if not round.is_open:
        raise invalid(None, _("This round is already closed."))
    round.is_open = False
    round.save(update_fields=["is_open", "updated_at"])
    audit(journey=round.journey, actor=actor, action="round_close", obj=round)
    return round


@transaction.atomic
def round_reopen(*, actor: Any, round: StatementRound) -> StatementRound:
    """Open a closed round again. A closing date that has passed is taken off, or the round
    would still take nothing."""
    require(actor, round.journey, "manage")
    if round.is_open and accepting(round):
        raise invalid(None, _("This round is already open."))
    round.is_open = True
    if round.closes_on is not None and round.closes_on < timezone.localdate():
        round.closes_on = None
    round.save(update_fields=["is_open", "closes_on", "updated_at"])
    audit(journey=round.journey, actor=actor, action="round_reopen", obj=round)
    return round


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
        raise invalid("text", _("Enter the statement."))
    if moderation not in MODERATION_CODES:
        raise invalid("moderation", _("Choose accepted, waiting or not accepted."))
    if contribution is not None and contribution.journey_id != round.journey_id:
        raise invalid("contribution", _("Choose a contribution from this journey."))
    if author is not None and author.round_id != round.pk:
        raise invalid("author", _("The author must take part in this round."))
    if len(text) > STATEMENT_MAX and not external_id:
        raise invalid(
            "text",
            _("Keep the statement to %(max)s characters or fewer.") % {"max": STATEMENT_MAX},
        )
    statement = Statement.objects.create(
        round=round,
        text=text,
        moderation=moderation,
        author=author,
        contribution=contribution,
        external_id=external_id,
    )
    if actor is not None:
        audit(
            journey=round.journey,
            actor=actor,
            action="statement_add",
            obj=statement,
            summary=text[:200],
        )
    return statement


@transaction.atomic
def statement_propose(*, participant: Participant, text: str) -> Statement:
    """A participant's own statement (by the link or signed in). It waits to be checked by a
    facilitator before anyone else sees it. One audit line naming no one (the log says a
    statement is waiting, which is how facilitators learn of it)."""
    rnd = participant.round
    if not rnd.participants_may_add:
        raise invalid("text", _("This round does not take new statements."))
    if not accepting(rnd):
        raise invalid("text", _("This round is closed, so it takes no new statements."))
    text = " ".join(text.split())
    if not text:
        raise invalid("text", _("Write your statement."))
    if len(text) > STATEMENT_MAX:
        raise invalid(
            "text",
            _("Keep your statement to %(max)s characters or fewer.") % {"max": STATEMENT_MAX},
        )
    if Statement.objects.filter(round=rnd, text__iexact=text).exists():
        raise invalid("text", _("That statement is already in this round."))
    statement = Statement.objects.create(
        round=rnd, text=text, moderation=PENDING, author=participant
    )
    audit(journey=rnd.journey, actor=None, action="statement_propose", obj=statement)
    return statement


@transaction.atomic
def statement_moderate(*, actor: Any, statement: Statement, moderation: str) -> Statement:
    """Accept a statement (everyone responding sees it from then on) or turn it down (it is
    left out of the round and its results). Either can be changed later."""
    rnd = statement.round
    require(actor, rnd.journey, "manage")
    if moderation not in (ACCEPTED, REJECTED):
        raise invalid("moderation", _("Choose to accept it or not."))
    statement.moderation = moderation
    statement.save(update_fields=["moderation", "updated_at"])
    audit(
        journey=rnd.journey,
        actor=actor,
        action="statement_accept" if moderation == ACCEPTED else "statement_reject",
        obj=statement,
        summary=statement.text[:200],
    )
    return statement


@transaction.atomic
def statement_raise(*, actor: Any, statement: Statement) -> Any:
    """Raise a statement as a contribution of the journey (so it gets a fate and can go to a
    priority vote), linked to it, with its support figures in the provenance. A statement
    already linked to a contribution keeps that one."""
    from powerwith.contributions import services as contribution_services

    rnd = statement.round
    require(actor, rnd.journey, "record")
    if statement.contribution_id is not None:
        raise invalid(None, _("This statement is already linked to a contribution."))
    if statement.moderation != ACCEPTED:
        raise invalid(None, _("Only accepted statements can be raised as contributions."))
    votes = list(Response.objects.filter(statement=statement).values_list("vote", flat=True))
    agree, disagree = votes.count(1), votes.count(-1)
    contribution = contribution_services.contribution_create(
        actor=actor,
        journey=rnd.journey,
        text=statement.text,
        channel="online",
        anonymous=True,
        provenance=(
            f"A statement in the round \u201c{rnd.question[:200]}\u201d: {agree} agreed, "
            f"{disagree} disagreed, {len(votes) - agree - disagree} passed."
        ),
    )
    statement.contribution = contribution
    statement.save(update_fields=["contribution", "updated_at"])
    return contribution


@transaction.atomic
def participant_join(
    *,
    round: StatementRound,
    person: Person | None = None,
    external_id: str = "",
    channel: str = ONLINE,
    side: str = "",
    public_id: str = "",
) -> Participant:
    """A pseudonymous participant, or the one a member already has in this round. A member's
    side is copied at the moment they join; a paper sheet's side is what its tick box says.

    ``public_id`` (a random id the page minted and signed) makes joining idempotent: two taps
    at once from a browser that has not joined yet make one participant, not two. Members are
    found by (round, person), which the database keeps unique."""
    if channel not in CHANNEL_CODES:
        raise invalid("channel", _("Choose how the responses reached us."))
    if side and side not in people_vocab.SIDES:
        raise invalid("side", _("Choose lived experience, professional, or not said."))
    if person is not None:
        if person.journey_id != round.journey_id:
            raise invalid("person", _("That person is not part of this journey."))
        found, _made = Participant.objects.get_or_create(
            round=round,
            person=person,
            defaults={"side": person.side, "external_id": external_id},
        )
        return found
    extra: dict[str, Any] = {"external_id": external_id, "channel": channel, "side": side}
    if public_id:
        participant, made = Participant.objects.get_or_create(
            public_id=public_id, defaults={"round": round, **extra}
        )
        if participant.round_id != round.pk:
            raise invalid(None, _("That link belongs to another round."))
        if not made:
            return participant
    else:
        participant = Participant.objects.create(round=round, **extra)
    if channel == ONLINE:
        participant.resume_key = _resume_key(resume_code(participant))
        participant.save(update_fields=["resume_key"])
    return participant


@transaction.atomic
def paper_sheet_enter(
    *,
    actor: Any,
    round: StatementRound,
    side: str,
    votes: Mapping[Statement, int | None],
    code: str = "",
) -> Participant:
    """Type in one returned paper sheet: a new pseudonymous participant with provenance
    ``paper`` (its side as ticked on the sheet, or not said), and a response for each
    statement ticked. One audit line, naming no one.

    ``code`` is the sheet's own code, printed at the top of each copy of the PDF (a random
    receipt-style code, ``printing.sheet_codes``; nothing ties it to whoever was handed the
    copy). It is kept as the participant's external id (``sheet:K7P43QX9``), so the same sheet
    typed in twice is refused, even by two people at once (the database keeps it unique within
    the round). A sheet printed from the browser has no code; it is typed in without one."""
    require(actor, round.journey, "manage")
    if not accepting(round):
        raise invalid(None, _("This round is closed, so sheets cannot be entered."))
    sheet = ""
    if code.strip():
        normal = receipts.normalise(code)
        if normal is None:
            raise invalid(
                "code",
                _(
                    "Type the sheet code as it is printed at the top of the sheet: 8 letters "
                    "and numbers, for example K7P4-3QX9."
                ),
            )
        sheet = f"{SHEET_PREFIX}{normal}"
    twice = _("This sheet has been typed in already, so nothing was saved this time.")
    if sheet and Participant.objects.filter(round=round, external_id=sheet).exists():
        raise invalid("code", twice)
    ticked = {s: v for s, v in votes.items() if v is not None}
    if not ticked:
        raise invalid(None, _("Tick at least one answer from the sheet before saving it."))
    try:
        with transaction.atomic():
            participant = participant_join(round=round, channel=PAPER, side=side, external_id=sheet)
    except IntegrityError:
        # The same sheet, typed in by someone else at the same moment: theirs counts.
        raise invalid("code", twice) from None
    for statement, vote in ticked.items():
        response_record(participant=participant, statement=statement, vote=vote)
    audit(
        journey=round.journey,
        actor=actor,
        action="paper_sheet_enter",
        obj=round,
        summary=f"{len(ticked)} answers",
        channel="paper",
    )
    return participant


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
    Every vote that is new or changes the participant's answer is also kept, with its time,
    in the history (``Vote``); a repeated tap of the same answer adds nothing.
    No audit line per response: responses are many and pseudonymous."""
    if vote not in VOTE_VALUES:
        raise invalid("vote", _("Choose agree, disagree or pass."))
    if statement.round_id != participant.round_id:
        raise invalid("statement", _("That statement is not in this round."))
    if statement.moderation != ACCEPTED:
        raise invalid("statement", _("That statement is not open for responses."))
    rnd = participant.round
    if participant.channel != IMPORTED and not accepting(rnd):
        raise invalid("statement", _("This round is closed, so it takes no more responses."))
    # One participant's taps wait for each other (their row is locked; other participants'
    # taps do not wait), so the answer before this one is known and a double tap leaves one
    # response and one history row (tests/commonground/test_concurrency.py, on PostgreSQL).
    # The statement that takes the lock also gives their answers a new version, so the vote
    # matrix kept between recomputes re-reads this participant (``kept.py``); a repeated tap
    # changes the version too, which costs only a re-read of their row.
    Participant.objects.filter(pk=participant.pk).update(answers_version=new_answers_version())
    before = (
        Response.objects.filter(participant=participant, statement=statement)
        .values_list("vote", flat=True)
        .first()
    )
    if before == vote:
        # The same answer again (a double tap): nothing changes, not even its time.
        return Response.objects.get(participant=participant, statement=statement)
    when = at or timezone.now()
    # update_or_create inserts in a savepoint and, if a simultaneous tap inserted first (the
    # unique constraint), reads that row and updates it.
    response, _made = Response.objects.update_or_create(
        participant=participant,
        statement=statement,
        defaults={"vote": vote, "created_at": when},
    )
    Vote.objects.create(participant=participant, statement=statement, vote=vote, cast_at=when)
    # The round's results and the dashboard are cached until the journey's next write; a
    # response writes no audit line, so it says so itself.
    figures_changed(rnd.journey_id)
    return response
