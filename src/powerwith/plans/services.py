"""Every write of a journey's plan: choosing a method (which makes its stages), adding,
changing, moving and removing stages, their planned and actual dates, and which gatherings
belong to each stage."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerwith.common.access import require
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.gatherings.models import Gathering
from powerwith.journeys.models import Journey

from . import vocab
from .models import Plan, Stage, StageGathering

NAME_LONGEST = 120
DESCRIPTION_LONGEST = 2000


def _name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise invalid("name", _("Name the stage, like “Gathering staff experience”."))
    if len(name) > NAME_LONGEST:
        raise invalid(
            "name", _("Keep the name to %(n)s characters or fewer.") % {"n": NAME_LONGEST}
        )
    return name


def _description(text: str) -> str:
    text = (text or "").strip()
    if len(text) > DESCRIPTION_LONGEST:
        raise invalid(
            "description",
            _("Keep what happens to %(n)s characters or fewer.") % {"n": DESCRIPTION_LONGEST},
        )
    return text


def _check_dates(
    *,
    planned_start: datetime.date | None,
    planned_end: datetime.date | None,
    started_on: datetime.date | None,
    ended_on: datetime.date | None,
) -> None:
    """Each wrong pair of dates gets its own message, on the field to put right."""
    if planned_start and planned_end and planned_end < planned_start:
        raise invalid("planned_end", _("The planned end must be on or after the planned start."))
    if ended_on and not started_on:
        raise invalid("started_on", _("Enter when the stage started, as it has ended."))
    if started_on and ended_on and ended_on < started_on:
        raise invalid("ended_on", _("The day it ended must be on or after the day it started."))
    today = timezone.localdate()
    if started_on and started_on > today:
        raise invalid(
            "started_on",
            _(
                "The day it started cannot be in the future. Put a day to come in the planned start."
            ),
        )
    if ended_on and ended_on > today:
        raise invalid(
            "ended_on",
            _("The day it ended cannot be in the future. Put a day to come in the planned end."),
        )


def _renumber(plan: Plan, order: list[Stage]) -> None:
    for n, stage in enumerate(order, start=1):
        if stage.position != n:
            Stage.objects.filter(pk=stage.pk).update(position=n)
            stage.position = n


@transaction.atomic
def plan_choose(
    *, actor: Any, journey: Journey, method: str, starts_on: datetime.date | None = None
) -> Plan:
    """Choose the method the journey's plan follows, making that method's stages (none for a
    plan of the group's own). With ``starts_on``, each stage gets planned dates one after the
    other, for the time it usually takes; facilitators change them afterwards. A plan that
    already has stages keeps them: remove them first to start from a method again."""
    require(actor, journey, "manage")
    if method not in vocab.METHODS:
        raise invalid("method", _("Choose how the journey is planned."))
    plan = Plan.objects.select_for_update().filter(journey=journey).first()
    if plan is not None and Stage.objects.filter(plan=plan).exists():
        raise invalid(
            "method",
            _("This journey already has a plan with stages. Remove its stages to start again."),
        )
    if plan is None:
        plan = Plan.objects.create(journey=journey, method=method, created_by=user_or_none(actor))
    else:
        plan.method = method
        plan.save(update_fields=["method", "updated_at"])
    day = starts_on
    for n, template in enumerate(vocab.TEMPLATES[method], start=1):
        end = day + datetime.timedelta(weeks=template.weeks, days=-1) if day else None
        Stage.objects.create(
            plan=plan,
            journey=journey,
            position=n,
            name=str(template.name),
            description=str(template.description),
            planned_start=day,
            planned_end=end,
        )
        day = end + datetime.timedelta(days=1) if end else None
    audit(
        journey=journey,
        actor=actor,
        action="plan_choose",
        obj=plan,
        summary=f"{vocab.METHODS[method].code}, {len(vocab.TEMPLATES[method])} stages"
        + (f" from {starts_on.isoformat()}" if starts_on else ""),
    )
    return plan


@transaction.atomic
def stage_add(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    description: str = "",
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
) -> Stage:
    """Add a stage at the end of the plan (a plan of the group's own is made if there is none)."""
    require(actor, journey, "manage")
    name = _name(name)
    description = _description(description)
    _check_dates(
        planned_start=planned_start, planned_end=planned_end, started_on=None, ended_on=None
    )
    plan = Plan.objects.filter(journey=journey).first() or Plan.objects.create(
        journey=journey, method=vocab.OWN, created_by=user_or_none(actor)
    )
    last = Stage.objects.filter(plan=plan).order_by("-position").first()
    stage = Stage.objects.create(
        plan=plan,
        journey=journey,
        position=(last.position + 1) if last else 1,
        name=name,
        description=description,
        planned_start=planned_start,
        planned_end=planned_end,
    )
    audit(journey=journey, actor=actor, action="stage_add", obj=stage, summary=name)
    return stage


@transaction.atomic
def stage_update(
    *,
    actor: Any,
    stage: Stage,
    name: str,
    description: str = "",
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
) -> Stage:
    """Rename a stage, say what happens in it, and set its planned and actual dates (it is done
    once it has an actual end)."""
    require(actor, stage.journey, "manage")
    name = _name(name)
    description = _description(description)
    _check_dates(
        planned_start=planned_start,
        planned_end=planned_end,
        started_on=started_on,
        ended_on=ended_on,
    )
    before = (stage.name, stage.planned_start, stage.planned_end, stage.started_on, stage.ended_on)
    stage.name, stage.description = name, description
    stage.planned_start, stage.planned_end = planned_start, planned_end
    stage.started_on, stage.ended_on = started_on, ended_on
    stage.save()
    after = (name, planned_start, planned_end, started_on, ended_on)
    changed = [
        label
        for label, b, a in zip(
            ("name", "planned start", "planned end", "started", "ended"), before, after, strict=True
        )
        if b != a
    ]
    audit(
        journey=stage.journey,
        actor=actor,
        action="stage_update",
        obj=stage,
        summary=f"{name}: " + (", ".join(changed) if changed else "what happens"),
    )
    return stage


@transaction.atomic
def stage_move(*, actor: Any, stage: Stage, direction: str) -> None:
    """Move a stage one place earlier ("up") or later ("down") in the plan."""
    require(actor, stage.journey, "manage")
    if direction not in ("up", "down"):
        raise invalid("direction", _("Choose earlier or later."))
    order = list(Stage.objects.select_for_update().filter(plan_id=stage.plan_id))
    i = next(n for n, s in enumerate(order) if s.pk == stage.pk)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(order):
        return
    order[i], order[j] = order[j], order[i]
    _renumber(stage.plan, order)
    audit(
        journey=stage.journey,
        actor=actor,
        action="stage_move",
        obj=stage,
        summary=f"{stage.name} moved {'earlier' if direction == 'up' else 'later'}",
    )


@transaction.atomic
def stage_remove(*, actor: Any, stage: Stage) -> None:
    """Take a stage out of the plan. Its gatherings stay in the record, in no stage."""
    require(actor, stage.journey, "manage")
    plan, name, pk = stage.plan, stage.name, stage.pk
    gatherings = StageGathering.objects.filter(stage=stage).count()
    stage.delete()
    _renumber(plan, list(Stage.objects.filter(plan=plan)))
    audit(
        journey=plan.journey,
        actor=actor,
        action="stage_remove",
        obj=plan,
        summary=f"{name} (stage {pk}); {gatherings} gatherings now in no stage",
    )


def _own_gatherings(journey: Journey, gatherings: Iterable[Gathering]) -> list[Gathering]:
    chosen = list(gatherings)
    if any(g.journey_id != journey.pk for g in chosen):
        raise invalid("gatherings", _("Choose gatherings of this journey."))
    return chosen


@transaction.atomic
def stage_set_gatherings(*, actor: Any, stage: Stage, gatherings: Iterable[Gathering]) -> None:
    """Make exactly ``gatherings`` the gatherings of this stage. A gathering chosen here leaves
    the stage it was in before (a gathering belongs to one stage at most)."""
    require(actor, stage.journey, "manage")
    chosen = _own_gatherings(stage.journey, gatherings)
    ids = {g.pk for g in chosen}
    before = set(StageGathering.objects.filter(stage=stage).values_list("gathering_id", flat=True))
    if ids == before:
        return
    StageGathering.objects.filter(stage=stage).exclude(gathering_id__in=ids).delete()
    for gathering_id in sorted(ids - before):
        StageGathering.objects.update_or_create(
            gathering_id=gathering_id, defaults={"stage": stage}
        )
    audit(
        journey=stage.journey,
        actor=actor,
        action="stage_set_gatherings",
        obj=stage,
        summary=f"{stage.name}: {len(ids)} gatherings (added {len(ids - before)}, "
        f"taken out {len(before - ids)})",
    )


@transaction.atomic
def gathering_set_stage(*, actor: Any, gathering: Gathering, stage: Stage | None) -> None:
    """Put a gathering in a stage of its journey's plan, or in none (``stage`` None)."""
    journey = gathering.journey
    require(actor, journey, "manage")
    if stage is not None and stage.journey_id != journey.pk:
        raise invalid("stage", _("Choose a stage of this journey's plan."))
    current = StageGathering.objects.filter(gathering=gathering).first()
    if (current.stage_id if current else None) == (stage.pk if stage else None):
        return
    if stage is None:
        StageGathering.objects.filter(gathering=gathering).delete()
    else:
        StageGathering.objects.update_or_create(gathering=gathering, defaults={"stage": stage})
    audit(
        journey=journey,
        actor=actor,
        action="gathering_set_stage",
        obj=gathering,
        summary=f"{gathering.title}: " + (stage.name if stage else "no stage"),
    )
