"""The REST API, version 1, under /api/v1/ (django-ninja; docs/api.md).

Every call carries a personal access token (``Authorization: Bearer pw_…``), is counted by
``common.ratelimit.ApiThrottle``, and reaches a journey only through ``common.access`` (the
same gate and the same rules as the pages: someone who is not a member gets 404, a role too
low for a change gets 403). A token limited to some journeys answers for any other journey
exactly as for one its owner is not in (404). Reads show what the journey's pages show a
member; every write goes through the service the page uses (``<app>.services``), with its
checks and its log line, as the token's owner. Errors are JSON in one shape,
``{"detail": "...", "errors": {field: [messages]}}`` (``errors`` empty except on 400).
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status
from ninja.security import HttpBearer

from powerwith.common import access
from powerwith.common.privacy import is_small
from powerwith.common.ratelimit import ApiThrottle
from powerwith.common.services import API, through
from powerwith.commonground import present as cg_present
from powerwith.commonground import selectors as cg_selectors
from powerwith.commonground import services as cg_services
from powerwith.commonground.models import ACCEPTED, REJECTED, Participant, Statement, StatementRound
from powerwith.contributions import services as contribution_services
from powerwith.contributions.models import Contribution
from powerwith.decisions import selectors as decision_selectors
from powerwith.decisions import services as decision_services
from powerwith.decisions.models import Decision, Vote
from powerwith.gatherings import services as gathering_services
from powerwith.gatherings import vocab as gathering_vocab
from powerwith.gatherings.models import AgendaItem, Gathering, SpeakingTurn
from powerwith.insights.organisation import organisation_figures
from powerwith.insights.selectors import for_viewer, insights_for
from powerwith.journeys.models import Journey, Membership
from powerwith.organisations.access import require_organisation
from powerwith.organisations.models import Organisation, OrganisationRole
from powerwith.people import services as people_services
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person
from powerwith.reflection import selectors as reflection_selectors
from powerwith.reflection.models import Round

from . import services
from .models import ApiToken

# A path id beyond this is no row of ours (and would overflow a database integer).
BIGGEST_ID = 2**31 - 1


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return services.token_for(token)


api = NinjaAPI(
    title="PowerWith API",
    version="1",
    description="Read the journeys you are a member of, and record the everyday things in "
    "them, as their pages do. Every call needs a personal access token from your account "
    "page. See docs/api.md.",
    auth=TokenAuth(),
    throttle=[ApiThrottle()],
    urls_namespace="api-v1",
    docs_url=None,  # the interactive page loads scripts from a CDN, which our CSP refuses
)


# --- errors: one shape for every status -------------------------------------------------------


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="For 400: what to put right, by field (`__all__` when no one field).",
    )


def _error(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(
        request,
        401,
        "Send a live personal access token: Authorization: Bearer pw_… (make one on your "
        "account page).",
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # 429 from the throttle (django-ninja adds Retry-After), and any other it raises.
    detail = "Too many calls: wait and try again." if exc.status_code == 429 else str(exc)
    return _error(request, exc.status_code, detail)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "Not allowed.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "Not found.")


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A service refused what was sent: its messages, by field, as the page shows them."""
    raw = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    errors = {field: [str(m) for m in messages] for field, messages in raw.items()}
    return _error(request, 400, "Some of what was sent is not right.", errors)


@api.exception_handler(NinjaValidationError)
def _malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """What was sent is not of the shape the call takes (a missing field, a word where a
    number goes): the same 400, each problem under the name of its field."""
    errors: dict[str, list[str]] = {}
    for e in exc.errors:
        loc = [str(part) for part in e.get("loc", ()) if part not in ("body", "query", "path")]
        errors.setdefault(".".join(loc) or NON_FIELD_ERRORS, []).append(str(e.get("msg", "")))
    return _error(request, 400, "Some of what was sent is not right.", errors)


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 429: Error}


# --- pagination -------------------------------------------------------------------------------


class Pages(LimitOffsetPagination):
    """``?limit=`` (1 to 500, 100 unless said) and ``?offset=`` (from 0): a number outside
    these is a 400, never a query the database cannot run."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=BIGGEST_ID)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=500, **kwargs)


# --- the gate ---------------------------------------------------------------------------------


def _token(request: HttpRequest) -> ApiToken:
    return request.auth  # type: ignore[attr-defined]


def _gate(request: HttpRequest, journey_slug: str, need: access.Need = "view") -> access.Access:
    """The pages' gate for the token's owner. A journey the token is not for is "not found",
    as one its owner is not in; a change also needs a read-and-write token (asked after the
    gate, so a journey you are not in is still only "not found")."""
    token = _token(request)
    try:
        journey = Journey.objects.select_related("host").get(slug=journey_slug)
    except Journey.DoesNotExist:
        raise Http404("No such journey") from None
    if not services.token_reaches(token, journey):
        raise Http404("No such journey")
    a = access.get_journey(token.user, journey_slug, need)
    if need != "view" and token.scope != "write":
        raise PermissionDenied(
            "This token is read only: make a read-and-write token to change things."
        )
    return a


def _write_gate(request: HttpRequest, journey_slug: str) -> access.Access:
    """For a change that anyone in the journey may make for themselves (their own ballot,
    their own response), as on the page: observers too, with a read-and-write token."""
    a = _gate(request, journey_slug, "view")
    if _token(request).scope != "write":
        raise PermissionDenied(
            "This token is read only: make a read-and-write token to change things."
        )
    return a


V = Callable[..., Any]


def _writes(view: V) -> V:
    """Mark a write call: every audit line its services write says the change came through
    the API, with the token's name (``common.services.through``), as the journey's log shows.
    ``tests/api/test_writes.py`` checks every POST call carries it."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with through(API, _token(request).name):
            return view(request, *args, **kwargs)

    wrapper.through_api = True  # type: ignore[attr-defined]
    return wrapper


def _one(queryset: Any, a: access.Access, pk: int) -> Any:
    """An object of this journey by id (``common.access.owned``), or 404."""
    if not 0 < pk <= BIGGEST_ID:
        raise Http404("No such thing")
    return access.owned(queryset, a, pk=pk)


def _plain(value: Any) -> Any:
    """Lazy words, dates and fractions as JSON has them."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))


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


# --- gatherings -------------------------------------------------------------------------------


class GatheringOut(Schema):
    id: int
    title: str
    held_on: datetime.date
    kind: str
    format: str
    venue_kind: str


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    proposer_side: str = Field(description="lived, professional, or empty: nobody is named.")


class Attendance(Schema):
    came: int
    sent_apologies: int
    did_not_come: int
    came_by_side: dict[str, int | None] = Field(
        description="Who came, by side; null where a side has fewer than 5 (small groups are "
        "not shown)."
    )
    turns: int


class GatheringDetail(GatheringOut):
    starts_at: datetime.time | None
    venue_name: str
    accessibility: str
    notes: str
    stage: str
    agenda: list[AgendaItemOut]
    attendance: Attendance


def _gathering_detail(g: Gathering) -> dict[str, Any]:
    by_status = dict(
        g.attendances.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    came_sides = dict(
        g.attendances.filter(status=gathering_vocab.PRESENT)
        .values_list("side")
        .annotate(n=Count("id"))
        .values_list("side", "n")
    )
    return {
        **{f: getattr(g, f) for f in GatheringOut.model_fields},
        "starts_at": g.starts_at,
        "venue_name": g.venue_name,
        "accessibility": g.accessibility,
        "notes": g.notes,
        "stage": g.stage,
        "agenda": list(AgendaItem.objects.filter(gathering=g).order_by("position", "id")),
        "attendance": {
            "came": by_status.get(gathering_vocab.PRESENT, 0),
            "sent_apologies": by_status.get(gathering_vocab.APOLOGIES, 0),
            "did_not_come": by_status.get(gathering_vocab.ABSENT, 0),
            "came_by_side": {
                side: (None if is_small(came_sides.get(side, 0)) else came_sides.get(side, 0))
                for side in people_vocab.SIDES.codes
            },
            "turns": SpeakingTurn.objects.filter(gathering=g).count(),
        },
    }


@api.get(
    "/journeys/{journey_slug}/gatherings",
    response={200: list[GatheringOut], **ERRORS},
    url_name="gatherings",
    tags=["gatherings"],
)
@paginate(Pages)
def gatherings(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's gatherings, earliest first."""
    a = _gate(request, journey_slug)
    return Gathering.objects.filter(journey=a.journey).order_by("held_on", "id")


@api.get(
    "/journeys/{journey_slug}/gatherings/{gathering_id}",
    response={200: GatheringDetail, **ERRORS},
    url_name="gathering",
    tags=["gatherings"],
)
def gathering(request: HttpRequest, journey_slug: str, gathering_id: int) -> Any:
    """One gathering: its agenda (who proposed each item, by side) and how many came."""
    a = _gate(request, journey_slug)
    return _gathering_detail(_one(Gathering.objects.all(), a, gathering_id))


class GatheringIn(Schema):
    title: str = ""
    kind: str
    held_on: datetime.date
    venue_kind: str
    venue_name: str = ""
    starts_at: datetime.time | None = None
    accessibility: str = ""
    notes: str = ""
    stage: str = ""


@api.post(
    "/journeys/{journey_slug}/gatherings",
    response={201: GatheringDetail, **ERRORS},
    url_name="gathering_create",
    tags=["gatherings"],
)
@_writes
def gathering_create(request: HttpRequest, journey_slug: str, body: GatheringIn) -> Any:
    """Record a gathering (members and facilitators), as the page does."""
    a = _gate(request, journey_slug, "record")
    made = gathering_services.gathering_create(
        actor=_token(request).user, journey=a.journey, **body.model_dump()
    )
    return Status(201, _gathering_detail(made))


class AgendaItemIn(Schema):
    title: str
    proposed_by_id: int | None = Field(None, description="Someone in the journey's register.")
    notes: str = ""


@api.post(
    "/journeys/{journey_slug}/gatherings/{gathering_id}/agenda",
    response={201: AgendaItemOut, **ERRORS},
    url_name="agenda_item_add",
    tags=["gatherings"],
)
@_writes
def agenda_item_add(
    request: HttpRequest, journey_slug: str, gathering_id: int, body: AgendaItemIn
) -> Any:
    """Add an item to a gathering's agenda, and who proposed it."""
    a = _gate(request, journey_slug, "record")
    g = _one(Gathering.objects.all(), a, gathering_id)
    proposer = _person(a, body.proposed_by_id, "proposed_by_id")
    item = gathering_services.agenda_item_add(
        actor=_token(request).user,
        gathering=g,
        title=body.title,
        proposed_by=proposer,
        notes=body.notes,
    )
    return Status(201, item)


def _person(a: access.Access, pk: int | None, field: str) -> Person | None:
    """Someone of this journey's register, or a 400 naming the field (never another
    journey's person: the answer is the same whether or not that id exists elsewhere)."""
    if pk is None:
        return None
    found = (
        Person.objects.filter(journey=a.journey, pk=pk).first() if 0 < pk <= BIGGEST_ID else None
    )
    if found is None:
        raise ValidationError({field: ["Choose a person from this journey."]})
    return found


class AttendanceRow(Schema):
    person_id: int
    status: str = Field(description="present, apologies or absent (gatherings' vocab).")


class AttendanceIn(Schema):
    people: list[AttendanceRow]


class AttendanceOut(Schema):
    changed: int
    attendance: Attendance


@api.post(
    "/journeys/{journey_slug}/gatherings/{gathering_id}/attendance",
    response={200: AttendanceOut, **ERRORS},
    url_name="attendance_set",
    tags=["gatherings"],
)
@_writes
def attendance_set(
    request: HttpRequest, journey_slug: str, gathering_id: int, body: AttendanceIn
) -> Any:
    """Say who came, sent apologies or did not come; anyone not listed keeps what was
    recorded. Answers how many records changed and the counts after."""
    a = _gate(request, journey_slug, "record")
    g = _one(Gathering.objects.all(), a, gathering_id)
    statuses = {row.person_id: row.status for row in body.people}
    if any(not 0 < pk <= BIGGEST_ID for pk in statuses):
        raise ValidationError("Someone in the list is not in this journey.")
    changed = gathering_services.attendance_set(
        actor=_token(request).user, gathering=g, statuses=statuses
    )
    return Status(200, {"changed": changed, "attendance": _gathering_detail(g)["attendance"]})


class TurnIn(Schema):
    person_id: int
    seconds: int | None = None
    agenda_item_id: int | None = None
    client_token: str | None = Field(
        None,
        max_length=64,
        description="Your own id for this tap (such as a random UUID): sent again, the same "
        "turn is answered and nothing is counted twice.",
    )


class TurnOut(Schema):
    id: int
    person_id: int
    seconds: int | None
    agenda_item_id: int | None
    side: str
    counted: bool = Field(description="False when this client_token had already been counted.")
    turns_so_far: int = Field(description="This person's turns in this gathering.")


@api.post(
    "/journeys/{journey_slug}/gatherings/{gathering_id}/turns",
    response={201: TurnOut, 200: TurnOut, **ERRORS},
    url_name="turn_record",
    tags=["gatherings"],
)
@_writes
def turn_record(request: HttpRequest, journey_slug: str, gathering_id: int, body: TurnIn) -> Any:
    """Record one speaking turn, as the turn page's tap does: 201 when counted, 200 with the
    first turn when the same ``client_token`` was already counted (a double tap counts once).
    A speaker not yet on the attendance list is marked as having come."""
    a = _gate(request, journey_slug, "record")
    g = _one(Gathering.objects.all(), a, gathering_id)
    person = _person(a, body.person_id, "person_id")
    assert person is not None  # person_id is required
    item = None
    if body.agenda_item_id is not None:
        item = (
            AgendaItem.objects.filter(gathering=g, pk=body.agenda_item_id).first()
            if (0 < body.agenda_item_id <= BIGGEST_ID)
            else None
        )
        if item is None:
            raise ValidationError(
                {"agenda_item_id": ["Choose an agenda item from this gathering."]}
            )
    turn, created = gathering_services.turn_record(
        actor=_token(request).user,
        gathering=g,
        person=person,
        seconds=body.seconds,
        agenda_item=item,
        client_token=body.client_token or None,
    )
    out = {
        "id": turn.pk,
        "person_id": turn.person_id,
        "seconds": turn.seconds,
        "agenda_item_id": turn.agenda_item_id,
        "side": turn.side,
        "counted": created,
        "turns_so_far": SpeakingTurn.objects.filter(gathering=g, person_id=turn.person_id).count(),
    }
    return Status((201 if created else 200), out)


# --- contributions ----------------------------------------------------------------------------


class ContributionOut(Schema):
    id: int
    text: str
    raised_on: datetime.date
    channel: str
    anonymous: bool
    raiser_side: str = Field(description="lived, professional or empty: nobody is named.")
    gathering_id: int | None
    fate: str
    fate_reason: str
    fate_changed_on: datetime.date | None
    change_level: str
    off_public: bool
    kind: str = Field(
        description="praise (it works well and should be kept), problem, or empty when it is "
        "neither or nobody said."
    )


class FateStep(Schema):
    from_fate: str
    to_fate: str
    on: datetime.date
    reason: str
    change_level: str
    decision_id: int | None
    merged_into_id: int | None


class ContributionDetail(ContributionOut):
    tags: list[str]
    history: list[FateStep] = Field(description="Every change of fate, earliest first.")


class ContributionMade(ContributionOut):
    receipt_code: str | None = Field(
        description="An anonymous contribution's receipt code (to hear back at /receipt/), "
        "given only here, to the caller who recorded it; never by any read."
    )


@api.get(
    "/journeys/{journey_slug}/contributions",
    response={200: list[ContributionOut], **ERRORS},
    url_name="contributions",
    tags=["contributions"],
)
@paginate(Pages)
def contributions(request: HttpRequest, journey_slug: str) -> Any:
    """What people raised, in their words, and what became of it (its fate), earliest first.
    Nobody is named: who raised it is given only as their side (lived or professional)."""
    a = _gate(request, journey_slug)
    return Contribution.objects.filter(journey=a.journey).order_by("raised_on", "id")


def _contribution_detail(c: Contribution) -> dict[str, Any]:
    return {
        **{f: getattr(c, f) for f in ContributionOut.model_fields},
        "tags": sorted(t.name for t in c.tags.all()),
        "history": list(c.history.order_by("at", "id")),
    }


@api.get(
    "/journeys/{journey_slug}/contributions/{contribution_id}",
    response={200: ContributionDetail, **ERRORS},
    url_name="contribution",
    tags=["contributions"],
)
def contribution(request: HttpRequest, journey_slug: str, contribution_id: int) -> Any:
    """One contribution, its themes and the history of its fate."""
    a = _gate(request, journey_slug)
    return _contribution_detail(_one(Contribution.objects.all(), a, contribution_id))


class ContributionIn(Schema):
    text: str
    channel: str
    raised_on: datetime.date | None = None
    raised_by_id: int | None = Field(None, description="Someone in the journey's register.")
    anonymous: bool = False
    gathering_id: int | None = Field(None, description="Needed when the channel is gathering.")
    tags: list[str] = Field(default_factory=list, description="Themes, by name.")
    kind: str = Field("", description="praise, problem, or empty (the default) when it is neither.")


class FateIn(Schema):
    fate: str
    on: datetime.date | None = None
    reason: str = ""
    change_level: str = ""


@api.post(
    "/journeys/{journey_slug}/contributions",
    response={201: ContributionMade, **ERRORS},
    url_name="contribution_create",
    tags=["contributions"],
)
@_writes
def contribution_create(request: HttpRequest, journey_slug: str, body: ContributionIn) -> Any:
    """Record something someone raised, in their words (members and facilitators, with a
    read-and-write token), through the same service as the page, with its log line. An
    anonymous one's receipt code is in this answer only."""
    a = _gate(request, journey_slug, "record")
    gathering_ = None
    if body.gathering_id is not None:
        gathering_ = (
            Gathering.objects.filter(journey=a.journey, pk=body.gathering_id).first()
            if 0 < body.gathering_id <= BIGGEST_ID
            else None
        )
        if gathering_ is None:
            raise ValidationError({"gathering_id": ["Choose a gathering from this journey."]})
    made = contribution_services.contribution_create(
        actor=_token(request).user,
        journey=a.journey,
        text=body.text,
        channel=body.channel,
        raised_on=body.raised_on,
        raised_by=_person(a, body.raised_by_id, "raised_by_id"),
        anonymous=body.anonymous,
        gathering=gathering_,
        tags=body.tags,
        kind=body.kind,
    )
    return Status(
        201,
        {
            **{f: getattr(made, f) for f in ContributionOut.model_fields},
            "receipt_code": made.receipt_code,
        },
    )


@api.post(
    "/journeys/{journey_slug}/contributions/{contribution_id}/fate",
    response={200: ContributionDetail, **ERRORS},
    url_name="contribution_fate",
    tags=["contributions"],
)
@_writes
def contribution_fate(
    request: HttpRequest, journey_slug: str, contribution_id: int, body: FateIn
) -> Any:
    """Say what became of a contribution (done needs a level of change, not possible a
    reason), through the same service and rules as the page."""
    a = _gate(request, journey_slug, "record")
    c = _one(Contribution.objects.all(), a, contribution_id)
    contribution_services.contribution_set_fate(
        actor=_token(request).user,
        contribution=c,
        fate=body.fate,
        on=body.on,
        reason=body.reason,
        change_level=body.change_level,
    )
    c.refresh_from_db()
    return Status(200, _contribution_detail(c))


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


# --- reflection rounds ------------------------------------------------------------------------


class ReflectionRoundOut(Schema):
    id: int
    title: str
    stage: str
    anonymous: bool
    opens_on: datetime.date
    closes_on: datetime.date | None
    closed_on: datetime.date | None


class ReflectionRoundDetail(ReflectionRoundOut):
    answers: int | None = Field(
        description="How many answered; null while an anonymous round's results are hidden."
    )
    results_hidden: str = Field(description="Why the results are not shown yet, if they are not.")
    by_side: dict[str, int | None] = Field(description="Answers by side; null under 5.")
    statements: list[dict[str, Any]] = Field(
        description="Each rating question: everyone and each side (and role, where kept), "
        "groups under 5 suppressed. Never one person's answers."
    )
    written_answers: int = Field(
        description="How many written answers there are. Their words are on the round's page; "
        "the API never gives one anonymous answer on its own."
    )


@api.get(
    "/journeys/{journey_slug}/reflection-rounds",
    response={200: list[ReflectionRoundOut], **ERRORS},
    url_name="reflection_rounds",
    tags=["reflection"],
)
@paginate(Pages)
def reflection_rounds(request: HttpRequest, journey_slug: str) -> Any:
    """The journey's reflection rounds, newest first."""
    a = _gate(request, journey_slug)
    return Round.objects.filter(journey=a.journey).order_by("-opens_on", "-id")


@api.get(
    "/journeys/{journey_slug}/reflection-rounds/{round_id}",
    response={200: ReflectionRoundDetail, **ERRORS},
    url_name="reflection_round",
    tags=["reflection"],
)
def reflection_round(request: HttpRequest, journey_slug: str, round_id: int) -> Any:
    """A reflection round's results as its page shows them: by side (and role where kept),
    small groups suppressed; an anonymous round shows nothing until it is closed with at
    least 5 answers."""
    a = _gate(request, journey_slug)
    rnd = _one(Round.objects.select_related("bank", "journey"), a, round_id)
    res = reflection_selectors.round_results(rnd, _token(request).user)
    return {
        **{f: getattr(rnd, f) for f in ReflectionRoundOut.model_fields},
        "answers": None if res.hidden else res.sets,
        "results_hidden": res.hidden,
        "by_side": {code: n for code, _label, n in res.by_side},
        "statements": [
            {
                "question": s.question.text,
                "position": s.position,
                "everyone": s.overall.as_json(),
                "sides": [g.as_json() for g in s.sides],
                "roles": [g.as_json() for g in s.roles],
                "gap": s.gap,
            }
            for s in res.statements
        ],
        "written_answers": sum(q.total for q in res.open_questions),
    }


# --- figures ----------------------------------------------------------------------------------


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


# --- organisations: the view across their journeys -------------------------------------------


class OrganisationOut(Schema):
    slug: str
    name: str
    your_role: str = Field(description="admin or viewer.")


def _organisation(request: HttpRequest, org_slug: str) -> Any:
    """An organisation the token's owner has a role in (admin or viewer), as its page's gate
    (``organisations.access.require_organisation``). No role, no such organisation, or a token
    limited to chosen journeys: the same 404, so the API never says whether one exists."""
    token = _token(request)
    organisation = Organisation.objects.filter(slug=org_slug).first()
    if organisation is None or token.journeys.all():
        raise Http404("No such organisation")
    return require_organisation(token.user, organisation, "view")


@api.get(
    "/organisations",
    response={200: list[OrganisationOut], **ERRORS},
    url_name="organisations",
    tags=["organisations"],
)
@paginate(Pages)
def organisations(request: HttpRequest) -> list[dict[str, Any]]:
    """The organisations you have a role in, by name (none for a token limited to chosen
    journeys)."""
    token = _token(request)
    if token.journeys.all():
        return []
    roles = OrganisationRole.objects.filter(user=token.user).select_related("organisation")
    return [
        {"slug": r.organisation.slug, "name": r.organisation.name, "your_role": r.role}
        for r in roles.order_by("organisation__name", "organisation__slug")
    ]


@api.get(
    "/organisations/{org_slug}/insights",
    response={200: dict[str, Any], **ERRORS},
    url_name="organisation_insights",
    tags=["organisations"],
)
def organisation_insights(request: HttpRequest, org_slug: str) -> Any:
    """The view across the organisation's journeys, for anyone with a role in it: the document
    of `powerwith insights --organisation SLUG --json` (docs/insights.md, "The organisation's
    view"), as its page shows it to you. A journey has its own row only if you are a member of
    it; the others are added up, with counts of people and shares on fewer than 5 records
    hidden."""
    org = _organisation(request, org_slug)
    return _plain(organisation_figures(org.organisation, _token(request).user))


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
    gathering_ = vote_ = None
    if body.gathering_id is not None:
        gathering_ = (
            Gathering.objects.filter(journey=a.journey, pk=body.gathering_id).first()
            if 0 < body.gathering_id <= BIGGEST_ID
            else None
        )
        if gathering_ is None:
            raise ValidationError({"gathering_id": ["Choose a gathering from this journey."]})
    if body.vote_id is not None:
        vote_ = (
            Vote.objects.filter(journey=a.journey, pk=body.vote_id).first()
            if 0 < body.vote_id <= BIGGEST_ID
            else None
        )
        if vote_ is None:
            raise ValidationError({"vote_id": ["Choose a vote from this journey."]})
    made = decision_services.decision_create(
        actor=_token(request).user,
        journey=a.journey,
        text=body.text,
        taken_by=body.taken_by,
        rung=body.rung,
        decided_on=body.decided_on,
        gathering=gathering_,
        where_outside=body.where_outside,
        proposed_by=_person(a, body.proposed_by_id, "proposed_by_id"),
        vote=vote_,
    )
    return Status(201, made)


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
