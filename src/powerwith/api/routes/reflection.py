"""The API's calls: reflection rounds: what the results page shows, suppressed; never an
answer's words. Registered on ``core.api`` when ``powerwith.api.api`` imports this module;
docs/api.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import paginate

from powerwith.api.core import (
    ERRORS,
    Pages,
    _gate,
    _one,
    _token,
    api,
)
from powerwith.reflection import selectors as reflection_selectors
from powerwith.reflection.models import Round

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
