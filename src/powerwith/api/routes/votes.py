"""The API's calls: decisions and priority votes (reads, and casting a ballot). Registered on
``core.api`` when ``powerwith.api.api`` imports this module; docs/api.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from powerwith.api.core import (
    ERRORS,
    Pages,
    _gate,
    _one,
    _token,
    _write_gate,
    _writes,
    api,
)
from powerwith.decisions import selectors as decision_selectors
from powerwith.decisions import services as decision_services
from powerwith.decisions.models import Decision, Vote

# --- decisions and priority votes -------------------------------------------------------------


class DecisionOut(Schema):
    id: int
    text: str
    decided_on: datetime.date
    gathering_id: int | None
    where_outside: str
    taken_by: str
    rung: str = Field(description="The step of the ladder of participation.")
    proposer_side: str


@api.get(
    "/journeys/{journey_slug}/decisions",
    response={200: list[DecisionOut], **ERRORS},
    url_name="decisions",
    tags=["decisions"],
)
@paginate(Pages)
def decisions(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's decision log, earliest first, each on the ladder of participation."""
    a = _gate(request, journey_slug)
    return Decision.objects.filter(journey=a.journey).order_by("decided_on", "id")


class VoteOut(Schema):
    id: int
    title: str
    question: str
    method: str
    state: str
    secret: bool
    closes_at: datetime.datetime | None
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    gathering_id: int | None


class OptionOut(Schema):
    id: int
    label: str
    contribution_id: int | None


class ResultRow(Schema):
    option_id: int
    rank: int
    points: str
    share: int = Field(description="Per cent of all points.")
    by_side: dict[str, dict[str, Any]] | None = Field(
        description="rank, share and points by side; null when withheld."
    )


class VoteResults(Schema):
    ballots: int
    rows: list[ResultRow]
    sides_withheld: str = Field(description="Why results by side are not shown, if they are not.")


class VoteDetail(VoteOut):
    options: list[OptionOut]
    dots: int
    score_max: int
    accepting: bool = Field(description="Ballots can be cast now.")
    ballots: dict[str, int] = Field(description="How many have voted: total and by side.")
    your_ballot_cast: bool
    results: VoteResults | None = Field(
        description="Once voting is over (or live, if the vote shows them); else null."
    )


@api.get(
    "/journeys/{journey_slug}/votes",
    response={200: list[VoteOut], **ERRORS},
    url_name="votes",
    tags=["decisions"],
)
@paginate(Pages)
def votes(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's priority votes, newest first."""
    a = _gate(request, journey_slug)
    return Vote.objects.filter(journey=a.journey).order_by("-created_at", "-id")


def _vote_detail(vote: Vote, user: Any) -> dict[str, Any]:
    person = decision_selectors.voter_for(user, vote.journey)
    results = None
    if decision_selectors.results_visible(vote):
        r = decision_selectors.vote_results(vote)
        results = {
            "ballots": r["ballots"],
            "rows": [
                {
                    "option_id": row.option.pk,
                    "rank": row.result.rank,
                    "points": row.points,
                    "share": row.share,
                    "by_side": (
                        {
                            s: {k: v for k, v in cells.items() if k in ("rank", "share", "points")}
                            for s, cells in row.sides.items()
                        }
                        if row.sides
                        else None
                    ),
                }
                for row in r["rows"]
            ],
            "sides_withheld": str(r["sides_withheld"]),
        }
    return {
        **{f: getattr(vote, f) for f in VoteOut.model_fields},
        "options": list(vote.options.all()),
        "dots": vote.dots,
        "score_max": vote.score_max,
        "accepting": decision_selectors.vote_accepting(vote),
        "ballots": decision_selectors.ballot_counts(vote),
        "your_ballot_cast": person is not None and vote.receipts.filter(person=person).exists(),
        "results": results,
    }


@api.get(
    "/journeys/{journey_slug}/votes/{vote_id}",
    response={200: VoteDetail, **ERRORS},
    url_name="vote",
    tags=["decisions"],
)
def vote(request: HttpRequest, journey_slug: str, vote_id: int) -> Any:
    """One vote: its items, how many have voted (by side), and its results once they show."""
    a = _gate(request, journey_slug)
    return _vote_detail(
        _one(Vote.objects.select_related("journey"), a, vote_id), _token(request).user
    )


class BallotIn(Schema):
    marks: dict[int, int] = Field(
        description="Option id to dots, points, rank or score, as the vote's method asks."
    )
    change: bool = Field(False, description="Replace your marks (open, non-secret votes).")


class BallotOut(Schema):
    counted: bool = Field(description="False when your first ballot already stood.")
    vote: VoteDetail


@api.post(
    "/journeys/{journey_slug}/votes/{vote_id}/ballot",
    response={200: BallotOut, **ERRORS},
    url_name="ballot_cast",
    tags=["decisions"],
)
@_writes
def ballot_cast(request: HttpRequest, journey_slug: str, vote_id: int, body: BallotIn) -> Any:
    """Cast your own ballot, as the vote's page does: anyone in the journey whose account is
    linked to a person in the register, observers too. A second ballot is not counted (the
    first stands) unless ``change`` is true and the vote allows it."""
    a = _write_gate(request, journey_slug)
    v = _one(Vote.objects.select_related("journey"), a, vote_id)
    user = _token(request).user
    person = decision_selectors.voter_for(user, a.journey)
    if person is None:
        raise ValidationError(
            "Your account is not linked to anyone in this journey's register of people, so "
            "you cannot vote here. Ask a facilitator to link it."
        )
    _receipt, counted = decision_services.ballot_cast(
        actor=user, vote=v, person=person, marks=body.marks, change=body.change
    )
    return Status(200, {"counted": counted, "vote": _vote_detail(v, user)})
