"""The API's calls: what people raised and its fate (reads, recording, moving its fate).
Registered on ``core.api`` when ``powerwith.api.api`` imports this module; docs/api.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from powerwith.api.core import (
    ERRORS,
    Pages,
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
from powerwith.contributions import services as contribution_services
from powerwith.contributions import vocab as contribution_vocab
from powerwith.contributions.models import Contribution
from powerwith.gatherings.models import Gathering

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
def contributions(
    request: HttpRequest,
    journey_slug: str,
    kind: str = Query(
        "",
        description="Only praise (praise) or only problems (problem), as the contributions "
        "page's filter; empty for all.",
    ),
) -> Any:
    """What people raised, in their words, and what became of it (its fate), earliest first.
    Nobody is named: who raised it is given only as their side (lived or professional)."""
    a = _gate(request, journey_slug)
    rows = Contribution.objects.filter(journey=a.journey)
    if kind:
        if kind not in contribution_vocab.KINDS:
            raise ValidationError({"kind": [str(_("Choose praise or problem, or leave it out."))]})
        rows = rows.filter(kind=kind)
    return rows.order_by("raised_on", "id")


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
    gathering_ = _chosen(
        Gathering.objects.filter(journey=a.journey),
        body.gathering_id,
        "gathering_id",
        "Choose a gathering from this journey.",
    )
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
