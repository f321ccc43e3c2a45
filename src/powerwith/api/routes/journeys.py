"""The API's calls: journeys and the people in their registers (reads). Registered on
``core.api`` when ``powerwith.api.api`` imports this module; docs/api.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import paginate

from powerwith.api.core import (
    ERRORS,
    Pages,
    _gate,
    _token,
    api,
)
from powerwith.common import access
from powerwith.journeys.models import Invitation, Membership
from powerwith.people.models import Person

# --- journeys and people ----------------------------------------------------------------------


class JourneyOut(Schema):
    slug: str
    title: str
    purpose: str
    stages: list[str]
    level: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    host: str | None = Field(description="The host organisation's slug.")
    your_role: str


def _journey(a: access.Access) -> dict[str, Any]:
    j = a.journey
    return {
        "slug": j.slug,
        "title": j.title,
        "purpose": j.purpose,
        "stages": list(j.stages or []),
        "level": j.level,
        "started_on": j.started_on,
        "ended_on": j.ended_on,
        "host": j.host.slug if j.host else None,
        "your_role": a.role,
    }


@api.get(
    "/journeys", response={200: list[JourneyOut], **ERRORS}, url_name="journeys", tags=["journeys"]
)
@paginate(Pages)
def journeys(request: HttpRequest) -> list[dict[str, Any]]:
    """The journeys you are a member of (those the token is for), by title, with your role."""
    token = _token(request)
    rows = (
        Membership.objects.filter(user=token.user)
        .select_related("journey", "journey__host")
        .order_by("journey__title", "journey__slug")
    )
    limited = {j.pk for j in token.journeys.all()}
    if limited:
        rows = rows.filter(journey_id__in=limited)
    return [_journey(access.Access(journey=m.journey, membership=m, role=m.role)) for m in rows]


@api.get(
    "/journeys/{journey_slug}",
    response={200: JourneyOut, **ERRORS},
    url_name="journey",
    tags=["journeys"],
)
def journey(request: HttpRequest, journey_slug: str) -> dict[str, Any]:
    """One journey you are a member of."""
    return _journey(_gate(request, journey_slug))


class PersonOut(Schema):
    id: int
    name: str = Field(description="As in the register (a pseudonym is fine).")
    role: str
    side: str
    joined_on: datetime.date
    left_on: datetime.date | None


@api.get(
    "/journeys/{journey_slug}/people",
    response={200: list[PersonOut], **ERRORS},
    url_name="people",
    tags=["people"],
)
@paginate(Pages)
def people(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's register of people, by name, as its People page shows members: the ids
    that attendance, speaking turns and contributions name."""
    a = _gate(request, journey_slug)
    return Person.objects.filter(journey=a.journey).order_by("name", "id")


class MemberOut(Schema):
    name: str = Field(description="The account's name, or its email address when it has none.")
    role: str = Field(description="facilitator, member or observer")
    person_id: int | None = Field(description="Who they are in the register, if linked.")


@api.get(
    "/journeys/{journey_slug}/members",
    response={200: list[MemberOut], **ERRORS},
    url_name="members",
    tags=["people"],
)
@paginate(Pages)
def members(request: HttpRequest, journey_slug: str) -> list[dict[str, Any]]:
    """Who has an account with access to the journey, as its "Who has access" page shows
    everyone in it: by role, then name."""
    a = _gate(request, journey_slug)
    rows = (
        Membership.objects.filter(journey=a.journey)
        .select_related("user")
        .order_by("role", "user__first_name", "id")
    )
    return [
        {"name": m.user.first_name or m.user.email, "role": m.role, "person_id": m.person_id}
        for m in rows
    ]


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    person_id: int | None
    created_at: datetime.datetime
    expires_at: datetime.datetime = Field(description="After this the link no longer works.")


@api.get(
    "/journeys/{journey_slug}/invitations",
    response={200: list[InvitationOut], **ERRORS},
    url_name="invitations",
    tags=["people"],
)
@paginate(Pages)
def invitations(request: HttpRequest, journey_slug: str) -> Any:
    """Facilitators: the invitations not yet used, newest first, as on the members page. Never
    their links: only a hash of each is kept, and a new link is made on the page."""
    a = _gate(request, journey_slug)
    if not a.can_manage:
        raise PermissionDenied("Only the journey's facilitators see its invitations.")
    return Invitation.objects.filter(journey=a.journey, accepted_at__isnull=True).order_by(
        "-created_at", "-id"
    )
