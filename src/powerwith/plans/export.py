"""The plan's part of a journey's export (see ``powerwith.exports``): the method it follows, its
stages with planned and actual dates, and which gatherings belong to each stage."""

from __future__ import annotations

from powerwith.journeys.models import Journey

from .models import Plan, Stage, StageGathering

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "plan_stages": "Each stage of the journey's plan, in order: the method the plan follows "
    "(ebcd: experience-based co-design; cycle: the co-production cycle; own: the group's own), "
    "its name and what happens in it, the planned start and end, the days it actually started "
    "and ended (a stage with an end is done), and the ids of its gatherings as in "
    "gatherings.csv.",
}


def tables(journey: Journey) -> dict[str, list[Row]]:
    plan = Plan.objects.filter(journey=journey).first()
    if plan is None:
        return {"plan_stages": []}
    gatherings: dict[int, list[int]] = {}
    for stage_id, gathering_id in StageGathering.objects.filter(stage__plan=plan).values_list(
        "stage_id", "gathering_id"
    ):
        gatherings.setdefault(stage_id, []).append(gathering_id)
    return {
        "plan_stages": [
            {
                "stage_id": s.pk,
                "position": s.position,
                "method": plan.method,
                "name": s.name,
                "what_happens": s.description,
                "planned_start": s.planned_start,
                "planned_end": s.planned_end,
                "started_on": s.started_on,
                "ended_on": s.ended_on,
                "done": s.ended_on is not None,
                "gathering_ids": "; ".join(str(pk) for pk in sorted(gatherings.get(s.pk, []))),
            }
            for s in Stage.objects.filter(plan=plan).order_by("position", "pk")
        ]
    }
