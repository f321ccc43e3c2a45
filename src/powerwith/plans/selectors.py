"""Reads of a journey's plan: its stages in order with their gatherings, where the group is
(the current stage: the first not done), what comes next, and which stages are late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from powerwith.gatherings.models import Gathering
from powerwith.journeys.models import Journey

from .models import Plan, Stage, StageGathering


@dataclass
class StageRow:
    stage: Stage
    gatherings: list[Gathering] = field(default_factory=list)
    current: bool = False
    done: bool = False  # it has an actual end on or before the day the plan is read
    late_days: int = 0  # days since the planned end passed with no actual end (0: not late)

    @property
    def late(self) -> bool:
        return self.late_days > 0


@dataclass
class PlanView:
    plan: Plan | None
    rows: list[StageRow]
    unplaced: list[Gathering]  # the journey's gatherings in no stage
    today: datetime.date

    @property
    def current(self) -> StageRow | None:
        return next((r for r in self.rows if r.current), None)

    @property
    def following(self) -> StageRow | None:
        """The stage after the current one."""
        for i, r in enumerate(self.rows):
            if r.current:
                return self.rows[i + 1] if i + 1 < len(self.rows) else None
        return None

    @property
    def done(self) -> int:
        return sum(1 for r in self.rows if r.done)

    @property
    def late(self) -> list[StageRow]:
        return [r for r in self.rows if r.late]


def done_on(stage: Stage, today: datetime.date) -> bool:
    """Done on ``today``: it has an actual end on or before that day."""
    return stage.ended_on is not None and stage.ended_on <= today


def late_days(stage: Stage, today: datetime.date) -> int:
    """How many days before ``today`` the planned end passed while the stage was not done
    (0 when it is not late)."""
    if done_on(stage, today) or stage.planned_end is None or stage.planned_end >= today:
        return 0
    return (today - stage.planned_end).days


def plan_view(
    journey: Journey,
    *,
    today: datetime.date | None = None,
    with_gatherings: bool = True,
    with_plan: bool = True,
) -> PlanView:
    """The plan as it stands on ``today`` (default: today): three queries with gatherings, two
    without, one without the plan's own row either (the front page needs only the stages)."""
    today = today or timezone.localdate()
    plan = Plan.objects.filter(journey=journey).first() if with_plan else None
    stages = list(Stage.objects.filter(journey=journey))
    rows = [
        StageRow(stage=s, done=done_on(s, today), late_days=late_days(s, today)) for s in stages
    ]
    current = next((r for r in rows if not r.done), None)
    if current is not None:
        current.current = True
    unplaced: list[Gathering] = []
    if with_gatherings:
        by_stage = {r.stage.pk: r for r in rows}
        gatherings = list(Gathering.objects.filter(journey=journey).order_by("held_on", "pk"))
        placed = dict(
            StageGathering.objects.filter(gathering__journey=journey).values_list(
                "gathering_id", "stage_id"
            )
        )
        for g in gatherings:
            stage_id = placed.get(g.pk)
            if stage_id in by_stage:
                by_stage[stage_id].gatherings.append(g)
            else:
                unplaced.append(g)
    return PlanView(plan=plan, rows=rows, unplaced=unplaced, today=today)


def stage_of(gathering: Gathering) -> Stage | None:
    link = StageGathering.objects.filter(gathering=gathering).select_related("stage").first()
    return link.stage if link else None


def stages(journey: Journey) -> list[Stage]:
    return list(Stage.objects.filter(journey=journey))
