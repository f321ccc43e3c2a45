"""The API's calls: decisions and people, recorded as their pages record them. Registered on
``core.api`` when ``powerwith.api.api`` imports this module; docs/api.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.responses import Status

from powerwith.api.core import (
    ERRORS,
    _chosen,
    _gate,
    _one,
    _token,
    _writes,
    api,
)
from powerwith.api.routes.gatherings import (
    _person,
)
from powerwith.api.routes.journeys import (
    PersonOut,
)
from powerwith.api.routes.votes import (
    DecisionOut,
)
from powerwith.common import access
from powerwith.decisions import services as decision_services
from powerwith.decisions.models import Decision, Vote
from powerwith.gatherings.models import Gathering
from powerwith.people import services as people_services
from powerwith.people.models import Person

# --- decisions and people, as their pages record them ------------------------------------------


class DecisionIn(Schema):
    text: str
    taken_by: str
    rung: str = Field(description="The step of the ladder of participation.")
    decided_on: datetime.date | None = Field(None, description="The gathering's day if left out.")
    gathering_id: int | None = Field(None, description="Where it was decided, or where_outside.")
    where_outside: str = ""
    proposed_by_id: int | None = Field(None, description="Someone in the journey's register.")
    vote_id: int | None = Field(None, description="The vote whose results it follows.")


def _decision_args(a: access.Access, body: DecisionIn) -> dict[str, Any]:
    """What the decision log's service takes, from what was sent: the gathering, vote and
    proposer each one of this journey's (any other id is a 400 on its field)."""
    return {
        "text": body.text,
        "taken_by": body.taken_by,
        "rung": body.rung,
        "decided_on": body.decided_on,
        "gathering": _chosen(
            Gathering.objects.filter(journey=a.journey),
            body.gathering_id,
            "gathering_id",
            "Choose a gathering from this journey.",
        ),
        "where_outside": body.where_outside,
        "proposed_by": _person(a, body.proposed_by_id, "proposed_by_id"),
        "vote": _chosen(
            Vote.objects.filter(journey=a.journey),
            body.vote_id,
            "vote_id",
            "Choose a vote from this journey.",
        ),
    }


@api.post(
    "/journeys/{journey_slug}/decisions",
    response={201: DecisionOut, **ERRORS},
    url_name="decision_create",
    tags=["decisions"],
)
@_writes
def decision_create(request: HttpRequest, journey_slug: str, body: DecisionIn) -> Any:
    """Record a decision on the ladder of participation (members and facilitators), through
    the decision log's service, with its checks and messages."""
    a = _gate(request, journey_slug, "record")
    made = decision_services.decision_create(
        actor=_token(request).user, journey=a.journey, **_decision_args(a, body)
    )
    return Status(201, made)


@api.post(
    "/journeys/{journey_slug}/decisions/{decision_id}",
    response={200: DecisionOut, **ERRORS},
    url_name="decision_update",
    tags=["decisions"],
)
@_writes
def decision_update(
    request: HttpRequest, journey_slug: str, decision_id: int, body: DecisionIn
) -> Any:
    """Correct a recorded decision (members and facilitators), as its "Correct" page does:
    send it whole, as it should read (a field left out takes its default, as when recorded).
    The limits that constrained it and the contributions it answers stay as they are; fates
    already moved keep their history. The log keeps the correction."""
    a = _gate(request, journey_slug, "record")
    d = _one(Decision.objects.select_related("journey"), a, decision_id)
    made = decision_services.decision_update(
        actor=_token(request).user,
        decision=d,
        limits=list(d.limits.all()),
        answers=list(d.answers.all()),
        **_decision_args(a, body),
    )
    return Status(200, made)


class PersonIn(Schema):
    name: str = Field(description="A first name or a pseudonym is fine.")
    role: str = Field(description="A role code (people's vocab); it sets their side.")
    joined_on: datetime.date
    is_pseudonym: bool = False
    paid: bool = False
    online: bool = True


class PersonEdit(Schema):
    name: str
    is_pseudonym: bool = False
    online: bool = True


@api.post(
    "/journeys/{journey_slug}/people",
    response={201: PersonOut, **ERRORS},
    url_name="person_create",
    tags=["people"],
)
@_writes
def person_create(request: HttpRequest, journey_slug: str, body: PersonIn) -> Any:
    """Add someone to the register (members and facilitators), as the People page does: they
    need no account."""
    a = _gate(request, journey_slug, "record")
    made = people_services.person_create(
        actor=_token(request).user, journey=a.journey, **body.model_dump()
    )
    return Status(201, made)


@api.post(
    "/journeys/{journey_slug}/people/{person_id}",
    response={200: PersonOut, **ERRORS},
    url_name="person_update",
    tags=["people"],
)
@_writes
def person_update(request: HttpRequest, journey_slug: str, person_id: int, body: PersonEdit) -> Any:
    """Correct someone's name in the register (members and facilitators), as their page does.
    Their role changes on the page (it rewrites the records dated after it)."""
    a = _gate(request, journey_slug, "record")
    p = _one(Person.objects.select_related("journey", "organisation"), a, person_id)
    made = people_services.person_update(
        actor=_token(request).user,
        person=p,
        name=body.name,
        is_pseudonym=body.is_pseudonym,
        organisation=p.organisation,
        contact=p.contact,
        online=body.online,
    )
    return Status(200, made)
