"""The API's calls: what facilitators prepare: a priority vote and its items, a statement round
with its seed statements. Opening and closing them is in ``manage``. Registered on
``core.api`` when ``powerwith.api.api`` imports this module; docs/api.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.responses import Status

from powerwith.api.core import (
    ERRORS,
    _chosen,
    _chosen_all,
    _gate,
    _one,
    _token,
    _writes,
    api,
)
from powerwith.api.routes.statements import StatementOut, StatementRoundDetail, _round_detail
from powerwith.api.routes.votes import VoteDetail, _vote_detail
from powerwith.common import access
from powerwith.commonground import services as cg_services
from powerwith.commonground.models import StatementRound
from powerwith.contributions import vocab as contribution_vocab
from powerwith.contributions.models import Contribution, Tag
from powerwith.decisions import services as decision_services
from powerwith.decisions.models import Vote
from powerwith.gatherings.models import Gathering

# --- votes: prepared, then opened (manage) ------------------------------------------------------


class VoteItemsIn(Schema):
    contribution_ids: list[int] = Field(
        default_factory=list, description="Contributions of this journey still open (its ids)."
    )
    themes: list[str] = Field(default_factory=list, description="Themes of this journey, by name.")
    labels: list[str] = Field(default_factory=list, description="Other items, in your own words.")


class VoteRulesIn(Schema):
    title: str
    method: str = Field(description="dot, points, rank or score (decisions' vocab).")
    question: str = ""
    dots: int = Field(3, description="Dots each person has (dot voting), 1 to 20.")
    stacking: bool = Field(True, description="More than one dot on one item (dot voting).")
    score_max: int = Field(5, description="The highest score (score voting), 1 to 10.")
    secret: bool = False
    hide_results: bool = Field(True, description="Results shown only once it closes.")
    closes_at: datetime.datetime | None = Field(None, description="In the future; optional.")
    gathering_id: int | None = Field(None, description="The gathering it is held at, if any.")


class VoteIn(VoteRulesIn, VoteItemsIn):
    pass


def _items(a: access.Access, body: VoteItemsIn) -> dict[str, Any]:
    """The items sent, as the vote page's choices: open contributions and themes of this
    journey (any other id or name is a 400 on its field), and words."""
    contributions = _chosen_all(
        Contribution.objects.filter(journey=a.journey, fate__in=contribution_vocab.OPEN_FATES),
        body.contribution_ids,
        "contribution_ids",
        "Choose contributions of this journey that are still open.",
    )
    names = list(dict.fromkeys(n.strip() for n in body.themes))
    tags = {t.name: t for t in Tag.objects.filter(journey=a.journey, name__in=names)}
    if any(n not in tags for n in names):
        raise ValidationError({"themes": ["Choose themes of this journey, by their names."]})
    return {
        "contributions": contributions,
        "tags": [tags[n] for n in names],
        "labels": [label for label in body.labels if label.strip()],
    }


def _rules(a: access.Access, body: VoteRulesIn) -> dict[str, Any]:
    """A vote's rules as its service takes them; the gathering one of this journey's."""
    closes_at = body.closes_at
    if closes_at is not None and timezone.is_naive(closes_at):
        closes_at = timezone.make_aware(closes_at)
    return {
        **{
            f: getattr(body, f)
            for f in VoteRulesIn.model_fields
            if f not in ("closes_at", "gathering_id")
        },
        "closes_at": closes_at,
        "gathering": _chosen(
            Gathering.objects.filter(journey=a.journey),
            body.gathering_id,
            "gathering_id",
            "Choose a gathering from this journey.",
        ),
    }


@api.post(
    "/journeys/{journey_slug}/votes",
    response={201: VoteDetail, **ERRORS},
    url_name="vote_create",
    tags=["decisions"],
)
@_writes
def vote_create(request: HttpRequest, journey_slug: str, body: VoteIn) -> Any:
    """Prepare a priority vote with its items (facilitators), as the "New vote" page does. It
    starts as a draft: add items, then open it (``/votes/{vote_id}/open``, two items at least).
    A secret vote always hides its results until it closes."""
    a = _gate(request, journey_slug, "manage")
    user = _token(request).user
    made = decision_services.vote_create(
        actor=user, journey=a.journey, **_rules(a, body), **_items(a, body)
    )
    return Status(201, _vote_detail(made, user))


@api.post(
    "/journeys/{journey_slug}/votes/{vote_id}",
    response={200: VoteDetail, **ERRORS},
    url_name="vote_update",
    tags=["decisions"],
)
@_writes
def vote_update(request: HttpRequest, journey_slug: str, vote_id: int, body: VoteRulesIn) -> Any:
    """Change a vote's rules while it is being prepared (facilitators), as its "Change" page
    does: send them whole, as they should be. Once it has opened they cannot change (400)."""
    a = _gate(request, journey_slug, "manage")
    v = _one(Vote.objects.select_related("journey"), a, vote_id)
    user = _token(request).user
    made = decision_services.vote_update(actor=user, vote=v, **_rules(a, body))
    return Status(200, _vote_detail(made, user))


@api.post(
    "/journeys/{journey_slug}/votes/{vote_id}/items",
    response={200: VoteDetail, **ERRORS},
    url_name="vote_items_add",
    tags=["decisions"],
)
@_writes
def vote_items_add(request: HttpRequest, journey_slug: str, vote_id: int, body: VoteItemsIn) -> Any:
    """Add items to a vote still being prepared (facilitators), as its "Add items" page does;
    an item already on it is not added twice (and adding nothing new is a 400). Answers the
    vote."""
    a = _gate(request, journey_slug, "manage")
    v = _one(Vote.objects.select_related("journey"), a, vote_id)
    user = _token(request).user
    decision_services.vote_option_add(actor=user, vote=v, **_items(a, body))
    return Status(200, _vote_detail(v, user))


# --- statement rounds: opened with their seed statements (manage) ------------------------------


class StatementRoundIn(Schema):
    question: str = Field(description="What people respond to, 500 characters at most.")
    statements: list[str] = Field(default_factory=list, description="Seed statements, typed in.")
    contribution_ids: list[int] = Field(
        default_factory=list,
        description="Contributions of this journey, each a statement in its own words (the link "
        "is kept, so its fate can be followed).",
    )
    participants_may_add: bool = Field(False, description="People may write statements too.")
    closes_on: datetime.date | None = Field(None, description="Today or later; optional.")
    open_by_link: bool = Field(True, description="Anyone with the round's link may respond.")


@api.post(
    "/journeys/{journey_slug}/statement-rounds",
    response={201: StatementRoundDetail, **ERRORS},
    url_name="statement_round_create",
    tags=["statement rounds"],
)
@_writes
def statement_round_create(request: HttpRequest, journey_slug: str, body: StatementRoundIn) -> Any:
    """Open a statement round with its seed statements (facilitators), as the "New round" page
    does: it takes responses at once."""
    a = _gate(request, journey_slug, "manage")
    if not any(t.strip() for t in body.statements) and not body.contribution_ids:
        raise ValidationError(
            {"statements": [_("Write at least one statement, or choose something people raised.")]}
        )
    contributions = _chosen_all(
        Contribution.objects.filter(journey=a.journey),
        body.contribution_ids,
        "contribution_ids",
        "Choose contributions from this journey.",
    )
    user = _token(request).user
    rnd = cg_services.round_create(
        actor=user,
        journey=a.journey,
        question=body.question,
        participants_may_add=body.participants_may_add,
        closes_on=body.closes_on,
        open_by_link=body.open_by_link,
        statements=body.statements,
        contributions=contributions,
    )
    return Status(201, _round_detail(rnd, user))


class StatementsIn(Schema):
    statements: list[str] = Field(description="Seed statements, as people will read them.")


@api.post(
    "/journeys/{journey_slug}/statement-rounds/{round_id}/statements",
    response={201: list[StatementOut], **ERRORS},
    url_name="statements_add",
    tags=["statement rounds"],
)
@_writes
def statements_add(
    request: HttpRequest, journey_slug: str, round_id: int, body: StatementsIn
) -> Any:
    """Add seed statements to a round (facilitators), as its "Add statements" page does: open
    for responses at once. All or none: one refused, none is added."""
    a = _gate(request, journey_slug, "manage")
    rnd = _one(StatementRound.objects.select_related("journey"), a, round_id)
    texts = [t for t in body.statements if t.strip()]
    if not texts:
        raise ValidationError({"statements": [_("Write at least one statement.")]})
    user = _token(request).user
    try:
        with transaction.atomic():
            made = [cg_services.statement_add(actor=user, round=rnd, text=t) for t in texts]
    except ValidationError as exc:
        # The service names its one text; here they are the list's.
        raise ValidationError({"statements": exc.messages}) from None
    return Status(201, made)
