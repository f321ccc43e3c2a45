"""The REST API, version 1, under /api/v1/ (django-ninja; docs/api.md).

Every call carries a personal access token (``Authorization: Bearer pw_…``), is counted by
``common.ratelimit.ApiThrottle``, and reaches a journey only through ``common.access`` (the
same gate and the same rules as the pages: someone who is not a member gets 404, a role too
low for a change gets 403). Figures come from ``insights.selectors.insights_for``, as on the
dashboard. Errors are JSON: ``{"detail": "..."}``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from powerwith.common import access
from powerwith.common.inputs import parse_id
from powerwith.common.ratelimit import ApiThrottle
from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import Decision
from powerwith.gatherings.models import Gathering
from powerwith.insights.selectors import for_viewer, insights_for
from powerwith.people.models import Person

from . import services
from .models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return services.token_for(token)


api = NinjaAPI(
    title="PowerWith API",
    version="1",
    description="Read the journeys you are a member of. Every call needs a personal access "
    "token from your account page. See docs/api.md.",
    auth=TokenAuth(),
    throttle=[ApiThrottle()],
    urls_namespace="api-v1",
    docs_url=None,  # the interactive page loads scripts from a CDN, which our CSP refuses
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    return api.create_response(
        request, {"detail": "Some of what was sent is not right.", "errors": errors}, status=422
    )


def _gate(request: HttpRequest, journey_slug: str, need: access.Need = "view") -> access.Access:
    """The pages' gate for the token's owner; a change also needs a read-and-write token
    (asked after the gate, so a journey you are not in is still only "not found")."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    a = access.get_journey(token.user, journey_slug, need)
    if need != "view" and token.scope != "write":
        raise PermissionDenied(
            "This token is read only: make a read-and-write token to change things."
        )
    return a


class Error(Schema):
    detail: str


class JourneyOut(Schema):
    slug: str
    title: str
    purpose: str
    stages: list[str]
    level: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    host: str | None  # the host organisation's slug
    your_role: str


class GatheringOut(Schema):
    id: int
    title: str
    held_on: datetime.date
    kind: str
    format: str
    venue_kind: str


class ContributionOut(Schema):
    id: int
    text: str
    raised_on: datetime.date
    channel: str
    anonymous: bool
    raiser_side: str
    gathering_id: int | None
    fate: str
    fate_reason: str
    fate_changed_on: datetime.date | None
    change_level: str
    off_public: bool


class DecisionOut(Schema):
    id: int
    text: str
    decided_on: datetime.date
    gathering_id: int | None
    where_outside: str
    taken_by: str
    rung: str
    proposer_side: str


ERRORS: dict[int, Any] = {401: Error, 403: Error, 404: Error, 429: Error}


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


@api.get("/journeys", response=list[JourneyOut], url_name="journeys", tags=["journeys"])
@paginate(LimitOffsetPagination)
def journeys(request: HttpRequest) -> list[dict[str, Any]]:
    """The journeys you are a member of, by title, with your role in each."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    from powerwith.journeys.models import Membership

    rows = (
        Membership.objects.filter(user=token.user)
        .select_related("journey", "journey__host")
        .order_by("journey__title", "journey__slug")
    )
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


@api.get(
    "/journeys/{journey_slug}/gatherings",
    response={200: list[GatheringOut], **ERRORS},
    url_name="gatherings",
    tags=["journeys"],
)
@paginate(LimitOffsetPagination)
def gatherings(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's gatherings, earliest first."""
    a = _gate(request, journey_slug)
    return Gathering.objects.filter(journey=a.journey).order_by("held_on", "id")


@api.get(
    "/journeys/{journey_slug}/contributions",
    response={200: list[ContributionOut], **ERRORS},
    url_name="contributions",
    tags=["journeys"],
)
@paginate(LimitOffsetPagination)
def contributions(request: HttpRequest, journey_slug: str) -> Any:
    """What people raised, in their words, and what became of it (its fate), earliest first.
    Nobody is named: who raised it is given only as their side (lived or professional)."""
    a = _gate(request, journey_slug)
    return Contribution.objects.filter(journey=a.journey).order_by("raised_on", "id")


@api.get(
    "/journeys/{journey_slug}/decisions",
    response={200: list[DecisionOut], **ERRORS},
    url_name="decisions",
    tags=["journeys"],
)
@paginate(LimitOffsetPagination)
def decisions(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's decision log, earliest first, each on the ladder of participation."""
    a = _gate(request, journey_slug)
    return Decision.objects.filter(journey=a.journey).order_by("decided_on", "id")


@api.get(
    "/journeys/{journey_slug}/insights",
    response={200: dict[str, Any], **ERRORS},
    url_name="insights",
    tags=["journeys"],
)
def insights(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's figures over all time: the document of `powerwith insights --json`
    (docs/insights.md)."""
    a = _gate(request, journey_slug)
    # Sections for facilitators only (the care section) are left out for anyone else.
    return for_viewer(insights_for(a.journey), can_manage=a.can_manage)


class ContributionIn(Schema):
    text: str
    channel: str
    raised_on: datetime.date | None = None
    raised_by_id: int | None = None  # someone in the journey's register of people
    anonymous: bool = False


class FateIn(Schema):
    fate: str
    on: datetime.date | None = None
    reason: str = ""
    change_level: str = ""


WRITE_ERRORS: dict[int, Any] = {**ERRORS, 422: dict[str, Any]}


@api.post(
    "/journeys/{journey_slug}/contributions",
    response={201: ContributionOut, **WRITE_ERRORS},
    url_name="contribution_create",
    tags=["journeys"],
)
def contribution_create(request: HttpRequest, journey_slug: str, body: ContributionIn) -> Any:
    """Record something someone raised, in their words (members and facilitators, with a
    read-and-write token), through the same service as the page, with its log line."""
    a = _gate(request, journey_slug, "record")
    raised_by = None
    if body.raised_by_id is not None:
        if parse_id(body.raised_by_id) is None:
            raise Http404("No such person")
        raised_by = access.owned(Person.objects.all(), a, pk=body.raised_by_id)
    made = contribution_services.contribution_create(
        actor=request.auth.user,  # type: ignore[attr-defined]
        journey=a.journey,
        text=body.text,
        channel=body.channel,
        raised_on=body.raised_on,
        raised_by=raised_by,
        anonymous=body.anonymous,
    )
    return 201, made


@api.post(
    "/journeys/{journey_slug}/contributions/{contribution_id}/fate",
    response={200: ContributionOut, **WRITE_ERRORS},
    url_name="contribution_fate",
    tags=["journeys"],
)
def contribution_fate(
    request: HttpRequest, journey_slug: str, contribution_id: int, body: FateIn
) -> Any:
    """Say what became of a contribution (done needs a level of change, not possible a
    reason), through the same service and rules as the page."""
    a = _gate(request, journey_slug, "record")
    if parse_id(contribution_id) is None:
        raise Http404("No such contribution")
    contribution = access.owned(Contribution.objects.all(), a, pk=contribution_id)
    contribution_services.contribution_set_fate(
        actor=request.auth.user,  # type: ignore[attr-defined]
        contribution=contribution,
        fate=body.fate,
        on=body.on,
        reason=body.reason,
        change_level=body.change_level,
    )
    contribution.refresh_from_db()
    return 200, contribution
