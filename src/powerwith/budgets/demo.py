"""The demo journeys' budgets, spending and staff's unpaid time (``extend(ctx)``), built through
the services after the decisions extension, so spending can point at the decisions that chose it.
Deterministic: no randomness, dates from the journey's start and ``ctx.today``.

The story: the breast unit's charity grant is the funder's to direct (the group advises), while a
small improvements fund from the trust is the group's own; in Northfield the community fund is
shared between residents and the council, and the innovation team's running costs are the
council's alone. In the breast unit two staff members give more and more evenings unpaid, so
the "staff are giving more of their own unpaid time" warning sign has something to show.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from powerwith.decisions.models import Decision
from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.inclusion import services as ledger
from powerwith.people.models import Organisation

from . import services, vocab

DAY = datetime.timedelta(days=1)


def _org(dj: DemoJourney, name: str) -> Organisation | None:
    return Organisation.objects.filter(journey=dj.journey, name=name).first()


def _decision(dj: DemoJourney, starts: str) -> Decision | None:
    return (
        Decision.objects.filter(journey=dj.journey, text__startswith=starts)
        .order_by("decided_on", "id")
        .first()
    )


def _budget(ctx: DemoContext, dj: DemoJourney, *, org: str, **kw: Any) -> Any:
    found = _org(dj, org)
    return services.budget_create(
        actor=ctx.facilitator,
        journey=dj.journey,
        starts_on=dj.journey.started_on or ctx.today,
        source="" if found is not None else org,
        source_organisation=found,
        **kw,
    )


def _spend(
    ctx: DemoContext,
    budget: Any,
    what: str,
    pence: int,
    *,
    after: int = 7,
    decision: Decision | None = None,
    start: datetime.date | None = None,
) -> None:
    """Spend ``after`` days after the decision (or after ``start``), never in the future."""
    base = decision.decided_on if decision is not None else (start or budget.starts_on)
    day = min(max(base + after * DAY, budget.starts_on), ctx.today)
    services.spending_add(
        actor=ctx.facilitator,
        budget=budget,
        what=what,
        amount_pence=pence,
        spent_on=day,
        decision=decision,
    )


def _staff_evenings(ctx: DemoContext, dj: DemoJourney, names: list[str]) -> None:
    """Unpaid evenings staff gave, more of them lately: once a month six months ago, rising to
    three a month in the last three months."""
    for name in names:
        person = dj.people.get(name)
        if person is None:
            continue
        for months_ago, evenings in ((6, 1), (5, 1), (4, 1), (3, 3), (2, 3), (1, 3)):
            for k in range(evenings):
                day = ctx.today - datetime.timedelta(days=30 * months_ago - 7 * k)
                if day < person.joined_on:
                    continue
                ledger.time_record(
                    actor=ctx.facilitator,
                    person=person,
                    on=day,
                    hours=Decimal("2.5"),
                    paid=False,
                    description="An evening of their own time: notes and follow-up calls",
                )


def _ebcd(ctx: DemoContext, dj: DemoJourney) -> None:
    grant = _budget(
        ctx,
        dj,
        org="Harbour Health Charity",
        name="Charity grant: patients' expenses and vouchers",
        amount_pence=500_000,
        final_say=vocab.ADVISES,
        notes="The grants panel decides what the grant may pay for; the group says what it needs.",
    )
    funder = _decision(dj, "The grant pays for the facilitator")
    _spend(ctx, grant, "Film editing, two days", 90_000, decision=funder, after=30)
    _spend(
        ctx, grant, "Taxis for patients to the feedback event", 21_500, decision=funder, after=60
    )
    fund = _budget(
        ctx,
        dj,
        org="Riverside Hospital NHS Trust",
        name="Small improvements fund",
        amount_pence=150_000,
        final_say=vocab.GROUP,
        notes="The trust set this aside for whatever the group chooses to change first.",
    )
    film = _decision(dj, "Patients choose which parts of the film")
    _spend(ctx, fund, "Captions and a large-print transcript of the film", 18_000, decision=film)
    priorities = _decision(dj, "Work first on the")
    _spend(
        ctx, fund, "Furniture for a private room for giving results", 64_000, decision=priorities
    )
    _spend(
        ctx,
        fund,
        "Printing the “what happens next” sheet",
        12_500,
        decision=priorities,
        after=21,
    )
    _spend(ctx, fund, "Refreshments at gatherings", 8_400, start=fund.starts_on, after=20)
    _staff_evenings(ctx, dj, ["Jo", "Gill"])


def _lab(ctx: DemoContext, dj: DemoJourney) -> None:
    community = _budget(
        ctx,
        dj,
        org="Northfield Community Fund",
        name="Community fund: residents' ideas",
        amount_pence=300_000,
        final_say=vocab.SHARED,
        notes="Residents and the council decide together; either can ask for a second look.",
    )
    venues = _decision(dj, "Meet in the café")
    _spend(ctx, community, "Café hire for morning meetings", 24_000, decision=venues)
    priorities = _decision(dj, "Work first on the")
    _spend(
        ctx, community, "Projector and film licence for the film night", 8_500, decision=priorities
    )
    running = _budget(
        ctx,
        dj,
        org="Northfield Borough Council",
        name="Innovation team running costs",
        amount_pence=800_000,
        final_say=vocab.STAFF,
    )
    start = _decision(dj, "Start Northfield Together")
    _spend(ctx, running, "Facilitator's time, first quarter", 240_000, decision=start, after=90)
    _spend(ctx, running, "Printing flyers for the estate", 15_500, decision=start, after=14)
    _staff_evenings(ctx, dj, ["Zoe"])


def extend(ctx: DemoContext) -> None:
    if EBCD in ctx.journeys:
        _ebcd(ctx, ctx.journeys[EBCD])
    if LAB in ctx.journeys:
        _lab(ctx, ctx.journeys[LAB])
