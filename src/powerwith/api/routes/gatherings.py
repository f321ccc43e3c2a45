"""The API's calls: gatherings: their agenda and attendance, and speaking turns (reads and the
writes the pages make). Registered on ``core.api`` when ``powerwith.api.api`` imports this
module; docs/api.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from powerwith.api import idempotency
from powerwith.api.core import (
    BIGGEST_ID,
    ERRORS,
    Pages,
    _chosen,
    _gate,
    _one,
    _token,
    _writes,
    api,
)
from powerwith.common import access
from powerwith.common.privacy import is_small
from powerwith.gatherings import services as gathering_services
from powerwith.gatherings import vocab as gathering_vocab
from powerwith.gatherings.models import AgendaItem, Gathering, SpeakingTurn
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person

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
    return _chosen(
        Person.objects.filter(journey=a.journey), pk, field, "Choose a person from this journey."
    )


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
    item = _chosen(
        AgendaItem.objects.filter(gathering=g),
        body.agenda_item_id,
        "agenda_item_id",
        "Choose an agenda item from this gathering.",
    )
    turn, created = gathering_services.turn_record(
        actor=_token(request).user,
        gathering=g,
        person=person,
        seconds=body.seconds,
        agenda_item=item,
        # Sent with an Idempotency-Key and no client_token, the key is the tap's token, so
        # the turn's own rule (one turn per token) is what keeps a repeat from counting twice.
        client_token=body.client_token or idempotency.tap_token(request, _token(request)),
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
