"""The API's calls: statement rounds (common ground): reads and answering a statement.
Registered on ``core.api`` when ``powerwith.api.api`` imports this module; docs/api.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from powerwith.api.core import (
    BIGGEST_ID,
    ERRORS,
    Pages,
    _gate,
    _one,
    _plain,
    _token,
    _write_gate,
    _writes,
    api,
)
from powerwith.commonground import present as cg_present
from powerwith.commonground import selectors as cg_selectors
from powerwith.commonground import services as cg_services
from powerwith.commonground.models import ACCEPTED, Participant, Statement, StatementRound
from powerwith.reflection import selectors as reflection_selectors

# --- statement rounds (commonground) ----------------------------------------------------------


class StatementRoundOut(Schema):
    id: int
    question: str
    is_open: bool
    closes_on: datetime.date | None


class StatementOut(Schema):
    id: int
    text: str


class StatementRoundDetail(StatementRoundOut):
    accepting: bool
    statements: list[StatementOut] = Field(description="Those open for responses.")
    participants: int = Field(description="People who responded at least once.")
    your_responses: dict[str, int] = Field(
        description="Statement id to your own vote (1 agree, -1 disagree, 0 pass)."
    )
    results: dict[str, Any] = Field(
        description="The results page in figures: opinion groups (small ones suppressed), "
        "consensus, divisive statements, by side (docs/commonground.md)."
    )


@api.get(
    "/journeys/{journey_slug}/statement-rounds",
    response={200: list[StatementRoundOut], **ERRORS},
    url_name="statement_rounds",
    tags=["statement rounds"],
)
@paginate(Pages)
def statement_rounds(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's statement rounds, newest first."""
    a = _gate(request, journey_slug)
    return StatementRound.objects.filter(journey=a.journey).order_by("-created_at", "-pk")


def _round_detail(rnd: StatementRound, user: Any) -> dict[str, Any]:
    person = reflection_selectors.person_for_user(rnd.journey, user)
    mine: dict[str, int] = {}
    if person is not None:
        mine = {
            str(s): v
            for s, v in Participant.objects.filter(round=rnd, person=person).values_list(
                "responses__statement_id", "responses__vote"
            )
            if s is not None
        }
    shown = cg_present.results(
        cg_selectors.cached_analysis(rnd),
        cg_selectors.statement_names(rnd),
        cg_selectors.statement_counts(rnd),
        colour="group",
    )
    results = {k: v for k, v in shown.items() if k not in ("map", "map_keys", "compute_ms")}
    return {
        "id": rnd.pk,
        "question": rnd.question,
        "is_open": rnd.is_open,
        "closes_on": rnd.closes_on,
        "accepting": cg_services.accepting(rnd),
        "statements": list(Statement.objects.filter(round=rnd, moderation=ACCEPTED).order_by("pk")),
        "participants": Participant.objects.filter(round=rnd, responses__isnull=False)
        .distinct()
        .count(),
        "your_responses": mine,
        "results": _plain(results),
    }


@api.get(
    "/journeys/{journey_slug}/statement-rounds/{round_id}",
    response={200: StatementRoundDetail, **ERRORS},
    url_name="statement_round",
    tags=["statement rounds"],
)
def statement_round(request: HttpRequest, journey_slug: str, round_id: int) -> Any:
    """One statement round as a member sees it: its statements, your own responses, and its
    results (groups of fewer than 5 people are not shown)."""
    a = _gate(request, journey_slug)
    rnd = _one(StatementRound.objects.select_related("journey"), a, round_id)
    return _round_detail(rnd, _token(request).user)


class ResponseIn(Schema):
    statement_id: int
    vote: int = Field(description="1 agree, -1 disagree, 0 pass.")


class ResponseOut(Schema):
    statement_id: int
    vote: int


@api.post(
    "/journeys/{journey_slug}/statement-rounds/{round_id}/responses",
    response={200: ResponseOut, **ERRORS},
    url_name="statement_response",
    tags=["statement rounds"],
)
@_writes
def statement_response(
    request: HttpRequest, journey_slug: str, round_id: int, body: ResponseIn
) -> Any:
    """Respond to one statement as yourself (your account's person in the register), as the
    round's page does, observers too. Responding again replaces your first response."""
    a = _write_gate(request, journey_slug)
    rnd = _one(StatementRound.objects.select_related("journey"), a, round_id)
    person = reflection_selectors.person_for_user(a.journey, _token(request).user)
    if person is None:
        raise ValidationError(
            "Your account is not linked to anyone in this journey's register of people. Ask "
            "a facilitator to link it, or use the round's link."
        )
    statement = (
        Statement.objects.filter(round=rnd, pk=body.statement_id).first()
        if 0 < body.statement_id <= BIGGEST_ID
        else None
    )
    if statement is None:
        raise ValidationError({"statement_id": ["That statement is not in this round."]})
    participant = cg_services.participant_join(round=rnd, person=person)
    made = cg_services.response_record(participant=participant, statement=statement, vote=body.vote)
    return Status(200, {"statement_id": made.statement_id, "vote": made.vote})
