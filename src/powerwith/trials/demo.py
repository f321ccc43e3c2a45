"""The demo journeys' trials and expected outcomes, built through the services.

The breast-care journey tries a new discharge leaflet on one ward for six weeks (success
measures written before it starts, one reworded part-way with the reason, feedback from
patients, the result, and the decision to adapt it for every ward), and reviews at the end of
co-design the outcomes it expected at the start. The council lab has a trial running and
outcomes not yet reviewed. Days are counted from each journey's start.
"""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.decisions import services as decision_services
from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.reflection.models import Ending

from . import services


def _day(dj: DemoJourney, n: int, today: datetime.date) -> datetime.date:
    return min(dj.journey.started_on + datetime.timedelta(days=n), today)


def extend(ctx: DemoContext) -> None:
    if EBCD in ctx.journeys:
        _ebcd(ctx, ctx.journeys[EBCD])
    if LAB in ctx.journeys:
        _lab(ctx, ctx.journeys[LAB])


def _ebcd(ctx: DemoContext, dj: DemoJourney) -> None:
    f, j, p = ctx.facilitator, dj.journey, dj.people

    def day(n: int) -> datetime.date:
        return _day(dj, n, ctx.today)

    outcomes: list[tuple[str, str, Any, str]] = [
        (
            "Patients feel listened to at clinic appointments",
            "patients at the breast clinic",
            p.get("Rosa"),
            "achieved",
        ),
        (
            "Results given within two weeks of a biopsy",
            "patients waiting for results",
            p.get("Jo"),
            "partly",
        ),
        ("Fewer complaints about the ward", "patients on Ward 4", p.get("Anil"), "not_achieved"),
        ("Carers know who to call after discharge", "carers", p.get("Dev"), "too_early"),
        ("Patients go home knowing which medicines to take", "patients leaving the ward", None, ""),
    ]
    made = [
        services.outcome_create(
            actor=f,
            journey=j,
            what=what,
            for_whom=whom,
            by_when=day(365),
            stage="co_design",
            set_on=day(12),
            proposed_by=by,
        )
        for what, whom, by, _verdict in outcomes
    ]
    ending = Ending.objects.filter(journey=j, title="End of the co-design phase").first()
    for outcome, (_w, _f, _b, verdict) in zip(made, outcomes, strict=True):
        if verdict:
            services.outcome_review(
                actor=f,
                outcome=outcome,
                verdict=verdict,
                ending=ending,
                reviewed_on=None if ending is not None else day(330),
                evidence="Talked through at the end-of-phase review.",
            )

    trial = services.trial_create(
        actor=f,
        journey=j,
        title="A new discharge leaflet",
        description="A one-page leaflet in large print, written with patients, listing each "
        "medicine, what it is for and who to call. Given by the nurse at discharge, "
        "instead of the old booklet.",
        where="Ward 4 only",
        starts_on=day(380),
        ends_on=day(422),
        measures=[
            ("Patients say they know which medicines to take", "8 in 10 patients asked"),
            ("Calls to the ward about medicines in the first week", "Fewer than before"),
        ],
    )
    services.trial_start(actor=f, trial=trial, on=day(380))
    calls = trial.measures.order_by("id").last()
    assert calls is not None
    services.measure_change(
        actor=f,
        measure=calls,
        text="Calls to the ward about medicines in the first week",
        target="Half as many as in the six weeks before",
        reason="Gill found last year's call log, so the group could set a real target.",
        on=day(385),
    )
    said = [
        services.feedback_raise(
            actor=f,
            trial=trial,
            text=text,
            channel="paper",
            raised_on=day(n),
            raised_by=p.get(name),
            anonymous=p.get(name) is None,
            provenance=how,
        )
        for text, name, n, how in (
            (
                "The big print meant I could read it without my glasses.",
                "Deborah",
                392,
                "Told Sam on the phone after going home",
            ),
            (
                "It doesn't say what to do if I miss a dose.",
                "Lin",
                398,
                "Written on the feedback card in the leaflet",
            ),
            (
                "Giving it takes five minutes longer at discharge, but we get fewer calls.",
                "Priti",
                405,
                "Said at the ward team meeting",
            ),
        )
    ]
    services.trial_end(actor=f, trial=trial, on=day(422))
    decision = decision_services.decision_create(
        actor=f,
        journey=j,
        text="Use the new discharge leaflet on every ward, with a line added on missed doses.",
        taken_by="group_consensus",
        rung="co_designing",
        decided_on=day(430),
        where_outside="Co-design group on medicines at home",
        proposed_by=p.get("Rosa"),
        answers=said[1:2],
    )
    first, second = list(trial.measures.order_by("id"))
    services.trial_record_result(
        actor=f,
        trial=trial,
        results={
            first.pk: ("met", "33 of 38 patients asked (87%) said they knew."),
            second.pk: ("partly", "Calls fell from 41 to 27: fewer, but not half."),
        },
        learned="Large print and one page matter more than detail. Patients wanted to know "
        "what to do if they miss a dose, which neither version said.",
        follow_up="adapt",
        decision=decision,
    )
    services.outcome_review(
        actor=f,
        outcome=made[-1],
        verdict="achieved",
        reviewed_on=day(432),
        evidence="87% of patients on Ward 4 said they knew which medicines to take.",
        decisions=[decision],
        trials=[trial],
        contributions=said[:1],
    )


def _lab(ctx: DemoContext, dj: DemoJourney) -> None:
    f, j, p = ctx.facilitator, dj.journey, dj.people

    def day(n: int) -> datetime.date:
        return _day(dj, n, ctx.today)

    for what, whom, by in (
        (
            "Residents decide how the community fund is spent",
            "residents of the estate",
            p.get("Gordon"),
        ),
        (
            "Young people have somewhere to go in the evening",
            "young people on the estate",
            p.get("Fiona"),
        ),
        ("The council answers residents' questions within a month", "residents", p.get("Denise")),
    ):
        services.outcome_create(
            actor=f,
            journey=j,
            what=what,
            for_whom=whom,
            set_on=day(20),
            proposed_by=by,
        )
    trial = services.trial_create(
        actor=f,
        journey=j,
        title="Council advice at the community café",
        description="A council officer at the café every Thursday morning, instead of asking "
        "residents to come to the civic centre.",
        where="The community café, Thursdays",
        starts_on=day(380),
        ends_on=day(450),
        measures=[("Residents who had never asked the council for help come", "10 in 10 weeks")],
    )
    services.trial_start(actor=f, trial=trial, on=day(380))
    services.trial_create(
        actor=f,
        journey=j,
        title="Evening opening of the youth hub",
        where="The youth hub",
        starts_on=ctx.today + datetime.timedelta(days=10),
        ends_on=ctx.today + datetime.timedelta(days=38),
        measures=[("Young people come more than once", "")],
    )
