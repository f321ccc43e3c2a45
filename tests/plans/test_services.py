"""The plan's services: a method's stages, adding, changing, moving and removing stages, their
dates (each wrong date with its own message), gatherings in stages, who may, and the log."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.gatherings import services as gathering_services
from powerwith.plans import selectors, services
from powerwith.plans.models import Plan, Stage, StageGathering
from tests.conftest import build_world

D = datetime.date


def _names(journey: Any) -> list[str]:
    return list(Stage.objects.filter(journey=journey).values_list("name", flat=True))


def _gathering(world: Any, title: str, day: datetime.date) -> Any:
    return gathering_services.gathering_create(
        actor=world.facilitator,
        journey=world.journey,
        title=title,
        kind="workshop",
        held_on=day,
        venue_kind="institutional",
    )


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return dict(exc.value.message_dict)


def test_choosing_ebcd_makes_its_eight_stages_dated_one_after_another(world: Any) -> None:
    plan = services.plan_choose(
        actor=world.facilitator, journey=world.journey, method="ebcd", starts_on=D(2025, 1, 6)
    )
    assert plan.method == "ebcd"
    assert _names(world.journey) == [
        "Setting up",
        "Gathering staff experience",
        "Gathering patient experience",
        "Staff event",
        "Patient event",
        "Joint event",
        "Co-design groups",
        "Celebration and review",
    ]
    stages = list(Stage.objects.filter(journey=world.journey))
    assert [s.position for s in stages] == [1, 2, 3, 4, 5, 6, 7, 8]
    # Setting up takes 6 weeks from 6 January; the next starts the day after it ends.
    assert (stages[0].planned_start, stages[0].planned_end) == (D(2025, 1, 6), D(2025, 2, 16))
    assert (stages[1].planned_start, stages[1].planned_end) == (D(2025, 2, 17), D(2025, 3, 30))
    assert (stages[3].planned_start, stages[3].planned_end) == (D(2025, 5, 26), D(2025, 6, 1))
    # 53 weeks in all.
    assert stages[-1].planned_end == D(2026, 1, 11)
    assert all(s.started_on is None and s.ended_on is None for s in stages)
    line = AuditEntry.objects.filter(action="plan_choose").get()
    assert line.summary == "ebcd, 8 stages from 2025-01-06"


def test_the_cycle_has_four_stages_and_a_plan_of_our_own_none(world: Any) -> None:
    services.plan_choose(actor=world.facilitator, journey=world.journey, method="cycle")
    assert _names(world.journey) == [
        "Co-commissioning",
        "Co-design",
        "Co-delivery",
        "Co-evaluation",
    ]
    assert Stage.objects.filter(planned_start__isnull=False).count() == 0
    other = build_world("2", "Another journey")
    services.plan_choose(actor=other.facilitator, journey=other.journey, method="own")
    assert _names(other.journey) == []
    assert Plan.objects.get(journey=other.journey).method == "own"


def test_a_plan_with_stages_is_not_replaced_and_an_unknown_method_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.plan_choose(actor=world.facilitator, journey=world.journey, method="waterfall")
    assert _errors(exc) == {"method": ["Choose how the journey is planned."]}
    services.plan_choose(actor=world.facilitator, journey=world.journey, method="cycle")
    with pytest.raises(ValidationError) as exc:
        services.plan_choose(actor=world.facilitator, journey=world.journey, method="ebcd")
    assert _errors(exc) == {
        "method": ["This journey already has a plan with stages. Remove its stages to start again."]
    }
    assert len(_names(world.journey)) == 4


def test_only_facilitators_change_the_plan(world: Any) -> None:
    for who, refused in (
        (world.member, PermissionDenied),
        (world.observer, PermissionDenied),
        (world.outsider, Http404),
    ):
        with pytest.raises(refused):
            services.plan_choose(actor=who, journey=world.journey, method="ebcd")
        with pytest.raises(refused):
            services.stage_add(actor=who, journey=world.journey, name="Our stage")
    assert Stage.objects.count() == 0


def test_add_rename_reorder_remove(world: Any) -> None:
    services.plan_choose(actor=world.facilitator, journey=world.journey, method="cycle")
    added = services.stage_add(
        actor=world.facilitator,
        journey=world.journey,
        name="  Going   round again ",
        description="We start again with what we learned.",
    )
    assert added.position == 5 and added.name == "Going round again"
    first = Stage.objects.get(journey=world.journey, position=1)
    services.stage_move(actor=world.facilitator, stage=first, direction="down")
    assert _names(world.journey)[:2] == ["Co-design", "Co-commissioning"]
    # Moving the first stage earlier changes nothing.
    top = Stage.objects.get(journey=world.journey, position=1)
    services.stage_move(actor=world.facilitator, stage=top, direction="up")
    assert _names(world.journey)[0] == "Co-design"
    services.stage_update(actor=world.facilitator, stage=top, name="Designing together")
    services.stage_remove(
        actor=world.facilitator, stage=Stage.objects.get(journey=world.journey, position=3)
    )
    assert _names(world.journey) == [
        "Designing together",
        "Co-commissioning",
        "Co-evaluation",
        "Going round again",
    ]
    assert list(Stage.objects.values_list("position", flat=True)) == [1, 2, 3, 4]
    assert list(
        AuditEntry.objects.filter(action__startswith="stage_")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["stage_add", "stage_move", "stage_update", "stage_remove"]
    with pytest.raises(ValidationError) as exc:
        services.stage_move(actor=world.facilitator, stage=top, direction="sideways")
    assert _errors(exc) == {"direction": ["Choose earlier or later."]}


def test_each_wrong_date_or_word_has_its_own_message(world: Any) -> None:
    stage = services.stage_add(actor=world.facilitator, journey=world.journey, name="Set-up")
    f = world.facilitator
    today = timezone.localdate()
    cases: list[tuple[dict[str, Any], dict[str, list[str]]]] = [
        ({"name": "   "}, {"name": ["Name the stage, like “Gathering staff experience”."]}),
        ({"name": "x" * 121}, {"name": ["Keep the name to 120 characters or fewer."]}),
        (
            {"description": "y" * 2001},
            {"description": ["Keep what happens to 2000 characters or fewer."]},
        ),
        (
            {"planned_start": D(2025, 3, 1), "planned_end": D(2025, 2, 28)},
            {"planned_end": ["The planned end must be on or after the planned start."]},
        ),
        (
            {"ended_on": D(2025, 3, 1)},
            {"started_on": ["Enter when the stage started, as it has ended."]},
        ),
        (
            {"started_on": D(2025, 3, 2), "ended_on": D(2025, 3, 1)},
            {"ended_on": ["The day it ended must be on or after the day it started."]},
        ),
        (
            {"started_on": today + datetime.timedelta(days=1)},
            {
                "started_on": [
                    "The day it started cannot be in the future. Put a day to come in the "
                    "planned start."
                ]
            },
        ),
        (
            {"started_on": today, "ended_on": today + datetime.timedelta(days=1)},
            {
                "ended_on": [
                    "The day it ended cannot be in the future. Put a day to come in the "
                    "planned end."
                ]
            },
        ),
    ]
    for change, expected in cases:
        kw: dict[str, Any] = {"name": "Set-up", **change}
        with pytest.raises(ValidationError) as exc:
            services.stage_update(actor=f, stage=stage, **kw)
        assert _errors(exc) == expected, change
    stage.refresh_from_db()
    assert (stage.name, stage.started_on, stage.ended_on) == ("Set-up", None, None)
    with pytest.raises(ValidationError) as exc:
        services.stage_add(
            actor=f,
            journey=world.journey,
            name="Later",
            planned_start=D(2025, 5, 2),
            planned_end=D(2025, 5, 1),
        )
    assert _errors(exc) == {
        "planned_end": ["The planned end must be on or after the planned start."]
    }


def test_current_stage_late_and_next(world: Any) -> None:
    services.plan_choose(
        actor=world.facilitator, journey=world.journey, method="cycle", starts_on=D(2025, 1, 6)
    )
    first, second, third, _fourth = Stage.objects.filter(journey=world.journey)
    services.stage_update(
        actor=world.facilitator,
        stage=first,
        name=first.name,
        planned_start=first.planned_start,
        planned_end=first.planned_end,
        started_on=D(2025, 1, 6),
        ended_on=D(2025, 4, 10),
    )
    # The second stage was planned to end on 22 June 2025 (12 weeks from 31 March).
    assert second.planned_end == D(2025, 6, 22)
    view = selectors.plan_view(world.journey, today=D(2025, 7, 2))
    assert [r.done for r in view.rows] == [True, False, False, False]
    assert view.current is not None and view.current.stage.pk == second.pk
    assert view.current.late_days == 10
    assert view.following is not None and view.following.stage.pk == third.pk
    assert [r.stage.pk for r in view.late] == [second.pk]
    # Read before the first stage ended (and before its planned end, 30 March), the first
    # stage is current and not late; two days after its planned end, it was late by 2.
    earlier = selectors.plan_view(world.journey, today=D(2025, 3, 20))
    assert earlier.current is not None and earlier.current.stage.pk == first.pk
    assert earlier.current.late_days == 0 and earlier.done == 0
    assert selectors.plan_view(world.journey, today=D(2025, 4, 1)).rows[0].late_days == 2


def test_gatherings_belong_to_one_stage_at_most(world: Any) -> None:
    services.plan_choose(actor=world.facilitator, journey=world.journey, method="cycle")
    first, second, *_ = Stage.objects.filter(journey=world.journey)
    g1 = _gathering(world, "Kick-off", D(2025, 1, 10))
    g2 = _gathering(world, "Workshop", D(2025, 2, 10))
    services.stage_set_gatherings(actor=world.facilitator, stage=first, gatherings=[g1, g2])
    services.stage_set_gatherings(actor=world.facilitator, stage=second, gatherings=[g2])
    assert dict(StageGathering.objects.values_list("gathering_id", "stage_id")) == {
        g1.pk: first.pk,
        g2.pk: second.pk,
    }
    services.gathering_set_stage(actor=world.facilitator, gathering=g1, stage=None)
    assert selectors.stage_of(g1) is None
    services.gathering_set_stage(actor=world.facilitator, gathering=g1, stage=second)
    view = selectors.plan_view(world.journey)
    assert [g.title for g in view.rows[1].gatherings] == ["Kick-off", "Workshop"]
    assert view.unplaced == []
    # Removing a stage leaves its gatherings in the record, in no stage.
    services.stage_remove(actor=world.facilitator, stage=second)
    assert [g.title for g in selectors.plan_view(world.journey).unplaced] == [
        "Kick-off",
        "Workshop",
    ]
    assert list(
        AuditEntry.objects.filter(action__in=["stage_set_gatherings", "gathering_set_stage"])
        .order_by("id")
        .values_list("summary", flat=True)
    ) == [
        "Co-commissioning: 2 gatherings (added 2, taken out 0)",
        "Co-design: 1 gatherings (added 1, taken out 0)",
        "Kick-off: no stage",
        "Kick-off: Co-design",
    ]


def test_another_journeys_gathering_or_stage_is_refused(world: Any) -> None:
    other = build_world("2", "Another journey")
    services.plan_choose(actor=world.facilitator, journey=world.journey, method="cycle")
    services.plan_choose(actor=other.facilitator, journey=other.journey, method="cycle")
    mine = Stage.objects.filter(journey=world.journey).first()
    theirs = Stage.objects.filter(journey=other.journey).first()
    their_gathering = _gathering(other, "Theirs", D(2025, 1, 10))
    assert mine is not None and theirs is not None
    with pytest.raises(ValidationError) as exc:
        services.stage_set_gatherings(
            actor=world.facilitator, stage=mine, gatherings=[their_gathering]
        )
    assert _errors(exc) == {"gatherings": ["Choose gatherings of this journey."]}
    with pytest.raises(ValidationError) as exc:
        services.gathering_set_stage(actor=other.facilitator, gathering=their_gathering, stage=mine)
    assert _errors(exc) == {"stage": ["Choose a stage of this journey's plan."]}
    assert StageGathering.objects.count() == 0
