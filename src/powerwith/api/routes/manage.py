"""The API's calls: what facilitators manage: votes and statement rounds opened and closed,
moderation. Registered on ``core.api`` when ``powerwith.api.api`` imports this module;
docs/api.md."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Schema
from ninja.responses import Status

from powerwith.api.core import (
    BIGGEST_ID,
    ERRORS,
    _gate,
    _one,
    _token,
    _writes,
    api,
)
from powerwith.api.routes.statements import (
    StatementRoundDetail,
    _round_detail,
)
from powerwith.api.routes.votes import (
    VoteDetail,
    _vote_detail,
)
from powerwith.commonground import services as cg_services
from powerwith.commonground.models import ACCEPTED, REJECTED, Statement, StatementRound
from powerwith.decisions import services as decision_services
from powerwith.decisions.models import Vote

# --- what facilitators manage: votes and rounds opened and closed, moderation ----------------


class VoteChanged(Schema):
    changed: bool = Field(description="False when the vote was already so (a repeat).")
    vote: VoteDetail


def _vote_state(request: HttpRequest, journey_slug: str, vote_id: int, want: str) -> Any:
    a = _gate(request, journey_slug, "manage")
    v = _one(Vote.objects.select_related("journey"), a, vote_id)
    user = _token(request).user
    changed = v.state != want
    if changed:
        step = decision_services.vote_open if want == "open" else decision_services.vote_close
        v = step(actor=user, vote=v)
    return Status(200, {"changed": changed, "vote": _vote_detail(v, user)})


@api.post(
    "/journeys/{journey_slug}/votes/{vote_id}/open",
    response={200: VoteChanged, **ERRORS},
    url_name="vote_open",
    tags=["decisions"],
)
@_writes
def vote_open(request: HttpRequest, journey_slug: str, vote_id: int) -> Any:
    """Open a vote being prepared (facilitators), as its page does: it needs two items. Sent
    again while it is open, nothing changes (``changed: false``)."""
    return _vote_state(request, journey_slug, vote_id, "open")


@api.post(
    "/journeys/{journey_slug}/votes/{vote_id}/close",
    response={200: VoteChanged, **ERRORS},
    url_name="vote_close",
    tags=["decisions"],
)
@_writes
def vote_close(request: HttpRequest, journey_slug: str, vote_id: int) -> Any:
    """Close an open vote (facilitators): no more ballots, results final. Sent again once it
    is closed, nothing changes (``changed: false``)."""
    return _vote_state(request, journey_slug, vote_id, "closed")


class RoundChanged(Schema):
    changed: bool = Field(description="False when the round was already so (a repeat).")
    round: StatementRoundDetail


def _round_state(request: HttpRequest, journey_slug: str, round_id: int, open_: bool) -> Any:
    a = _gate(request, journey_slug, "manage")
    rnd = _one(StatementRound.objects.select_related("journey"), a, round_id)
    user = _token(request).user
    already = (rnd.is_open and cg_services.accepting(rnd)) if open_ else not rnd.is_open
    if not already:
        step = cg_services.round_reopen if open_ else cg_services.round_close
        rnd = step(actor=user, round=rnd)
    return Status(200, {"changed": not already, "round": _round_detail(rnd, user)})


@api.post(
    "/journeys/{journey_slug}/statement-rounds/{round_id}/open",
    response={200: RoundChanged, **ERRORS},
    url_name="statement_round_open",
    tags=["statement rounds"],
)
@_writes
def statement_round_open(request: HttpRequest, journey_slug: str, round_id: int) -> Any:
    """Open a closed statement round again (facilitators); a closing date that has passed is
    taken off. Sent again while it is open, nothing changes (``changed: false``)."""
    return _round_state(request, journey_slug, round_id, True)


@api.post(
    "/journeys/{journey_slug}/statement-rounds/{round_id}/close",
    response={200: RoundChanged, **ERRORS},
    url_name="statement_round_close",
    tags=["statement rounds"],
)
@_writes
def statement_round_close(request: HttpRequest, journey_slug: str, round_id: int) -> Any:
    """Close a statement round (facilitators): no more responses or statements. Sent again
    once it is closed, nothing changes (``changed: false``)."""
    return _round_state(request, journey_slug, round_id, False)


class ModerationIn(Schema):
    moderation: str = Field(description="accepted (everyone responding sees it) or rejected.")


class ModerationOut(Schema):
    id: int
    text: str
    moderation: str
    changed: bool = Field(description="False when it was already so (a repeat).")


@api.post(
    "/journeys/{journey_slug}/statement-rounds/{round_id}/statements/{statement_id}/moderation",
    response={200: ModerationOut, **ERRORS},
    url_name="statement_moderate",
    tags=["statement rounds"],
)
@_writes
def statement_moderate(
    request: HttpRequest, journey_slug: str, round_id: int, statement_id: int, body: ModerationIn
) -> Any:
    """Accept a statement someone proposed, or turn it down (facilitators), as the round's
    moderation page does; either can be changed later."""
    a = _gate(request, journey_slug, "manage")
    rnd = _one(StatementRound.objects.select_related("journey"), a, round_id)
    statement = (
        Statement.objects.filter(round=rnd, pk=statement_id)
        .select_related("round__journey")
        .first()
        if 0 < statement_id <= BIGGEST_ID
        else None
    )
    if statement is None:
        raise Http404("No such statement")
    # A code that is not a choice goes to the service, which refuses it by field.
    changed = statement.moderation != body.moderation or body.moderation not in (
        ACCEPTED,
        REJECTED,
    )
    if changed:
        statement = cg_services.statement_moderate(
            actor=_token(request).user, statement=statement, moderation=body.moderation
        )
    return Status(
        200,
        {
            "id": statement.pk,
            "text": statement.text,
            "moderation": statement.moderation,
            "changed": changed,
        },
    )
