"""The demo journeys' plans, built through the services.

The breast-care journey follows experience-based co-design: each of its gatherings sits in the
stage it belongs to, the joint event came a week later than planned and the co-design groups ran
on past their planned end, and the group is now at the celebration and review. The council lab
follows the co-production cycle and is in co-delivery. Days are counted from each journey's
start, as in ``demo/ebcd.py`` and ``demo/lab.py``.
"""

from __future__ import annotations

import datetime

from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.gatherings.models import Gathering

from . import services, vocab
from .models import Stage

# Per stage, in order: planned start and end, actual start and end (None: not yet), and the
# days (from the journey's start) of the gatherings that belong to it.
Days = tuple[int, int, int | None, int | None, tuple[int, ...] | str]

EBCD_PLAN: list[Days] = [
    (-56, -1, -56, -3, ()),
    (0, 27, 0, 30, (0,)),
    (7, 41, 14, 40, (14,)),
    (35, 35, 35, 35, (35,)),
    (42, 42, 42, 42, (42,)),
    (49, 49, 56, 56, (56,)),
    (63, 420, 77, 445, "rest"),  # every gathering between the joint event and the celebration
    (455, 490, 455, None, (470,)),
]

LAB_PLAN: list[Days] = [
    (0, 55, 0, 60, (0, 14, 28, 42, 56)),
    (56, 139, 61, 150, (70, 98, 112, 140)),
    (140, 440, 151, None, "rest"),
    (441, 530, None, None, ()),
]


def extend(ctx: DemoContext) -> None:
    if EBCD in ctx.journeys:
        _build(ctx, ctx.journeys[EBCD], vocab.EBCD, EBCD_PLAN)
    if LAB in ctx.journeys:
        _build(ctx, ctx.journeys[LAB], vocab.CYCLE, LAB_PLAN)


def _build(ctx: DemoContext, dj: DemoJourney, method: str, days: list[Days]) -> None:
    journey, f = dj.journey, ctx.facilitator
    start = journey.started_on

    def on(n: int | None) -> datetime.date | None:
        # Actual days are never after today (the services refuse a day to come).
        return None if n is None else min(start + datetime.timedelta(days=n), ctx.today)

    services.plan_choose(actor=f, journey=journey, method=method)
    stages = list(Stage.objects.filter(journey=journey).order_by("position"))
    # The loader moves a meeting from its day to the next Tuesday, Wednesday or Thursday, so a
    # gathering of day n is held on one of days n to n + 6.
    held_on_day = [(g, (g.held_on - start).days) for g in dj.gatherings]
    chosen: dict[int, list[Gathering]] = {}
    rest: Stage | None = None
    for stage, (_ps, _pe, _s, _e, held) in zip(stages, days, strict=True):
        if isinstance(held, str):  # "rest"
            rest = stage
        else:
            chosen[stage.pk] = [g for g, d in held_on_day if any(n <= d <= n + 6 for n in held)]
    if rest is not None:
        # The long middle stage holds every gathering that no other stage took.
        taken = {g.pk for gs in chosen.values() for g in gs}
        chosen[rest.pk] = [g for g in dj.gatherings if g.pk not in taken]
    for stage, (ps, pe, s, e, _held) in zip(stages, days, strict=True):
        mine = [g.held_on for g in chosen.get(stage.pk, [])]
        started, ended = on(s), on(e)
        # A stage's actual dates take in the days its gatherings were held.
        if started and mine:
            started = min(started, *mine)
        if ended and mine:
            ended = max(ended, *mine)
        if s is not None and s == e and mine:  # an event: the day it was held
            started = ended = min(mine)
        services.stage_update(
            actor=f,
            stage=stage,
            name=stage.name,
            description=stage.description,
            planned_start=start + datetime.timedelta(days=ps),
            planned_end=start + datetime.timedelta(days=pe),
            started_on=started,
            ended_on=ended,
        )
        if mine:
            services.stage_set_gatherings(actor=f, stage=stage, gatherings=chosen[stage.pk])
