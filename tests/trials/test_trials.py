"""Trials: planning, success measures whose every change is kept, feedback, the result and the
decision that followed; expected outcomes and their review. Through the real services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from powerwith.contributions import services as contribution_services
from powerwith.decisions import services as decision_services
from powerwith.people import services as people_services
from powerwith.reflection import services as reflection_services
from powerwith.trials import services
from powerwith.trials.models import MeasureChange, Trial
from tests.conftest import build_world

from .helpers import person

D = datetime.date


def _trial(world: Any, **kw: Any) -> Trial:
    args: dict[str, Any] = {
        "actor": world.member,
        "journey": world.journey,
        "title": " A new discharge leaflet ",
        "where": "Ward 4",
        "starts_on": D(2025, 2, 1),
        "ends_on": D(2025, 3, 14),
        "measures": [("Patients know which medicines to take", "8 in 10 asked")],
    }
    args.update(kw)
    return services.trial_create(**args)


def test_a_trial_from_plan_to_decision(world: Any) -> None:
    trial = _trial(world)
    assert (trial.title, trial.status, trial.created_by) == (
        "A new discharge leaflet",
        "planned",
        world.member,
    )
    (m,) = trial.measures.all()
    assert (m.text, m.target, m.added_after_start) == (
        "Patients know which medicines to take",
        "8 in 10 asked",
        False,
    )
    # Before the start a measure may change with no reason; the change is still kept.
    services.measure_change(actor=world.member, measure=m, text=m.text, target="9 in 10 asked")
    services.trial_start(actor=world.member, trial=trial, on=D(2025, 2, 3))
    trial.refresh_from_db()
    assert (trial.status, trial.started_on) == ("running", D(2025, 2, 3))
    # After the start: no silent change.
    with pytest.raises(ValidationError) as exc:
        services.measure_change(actor=world.member, measure=m, text=m.text, target="5 in 10")
    assert "say why this success measure is changing" in exc.value.message_dict["reason"][0]
    services.measure_change(
        actor=world.member,
        measure=m,
        text=m.text,
        target="7 in 10 asked",
        reason="Fewer patients than planned could be asked.",
    )
    late = services.measure_add(
        actor=world.member,
        trial=trial,
        text="Nurses spend less time explaining",
        reason="Nurses asked for it.",
    )
    assert late.added_after_start is True
    history = [
        (h.kind, h.text_before != "", h.target_before, h.target_after, h.after_start, h.reason)
        for h in MeasureChange.objects.filter(measure__trial=trial).order_by("id")
    ]
    assert history == [
        ("added", False, "", "8 in 10 asked", False, ""),
        ("changed", True, "8 in 10 asked", "9 in 10 asked", False, ""),
        (
            "changed",
            True,
            "9 in 10 asked",
            "7 in 10 asked",
            True,
            "Fewer patients than planned could be asked.",
        ),
        ("added", False, "", "", True, "Nurses asked for it."),
    ]
    # A result only once it has ended.
    with pytest.raises(ValidationError):
        services.trial_record_result(actor=world.member, trial=trial, results={}, learned="x")
    services.trial_end(actor=world.member, trial=trial, on=D(2025, 3, 14))
    amara = person(world, "Amara", "service_user")
    decision = decision_services.decision_create(
        actor=world.member,
        journey=world.journey,
        text="Use the new leaflet on every ward",
        taken_by="group_consensus",
        rung="co_designing",
        decided_on=D(2025, 3, 20),
        where_outside="Steering group",
        proposed_by=amara,
    )
    services.trial_record_result(
        actor=world.member,
        trial=trial,
        results={m.pk: ("met", "8 of 10 said yes"), late.pk: ("cant_tell", "")},
        learned="Large print matters.",
        follow_up="adapt",
        decision=decision,
    )
    trial.refresh_from_db()
    m.refresh_from_db()
    assert (trial.status, trial.follow_up, trial.decision, trial.learned) == (
        "finished",
        "adapt",
        decision,
        "Large print matters.",
    )
    assert (m.result, m.seen) == ("met", "8 of 10 said yes")
    # Ended: measures are fixed for good.
    with pytest.raises(ValidationError):
        services.measure_add(actor=world.member, trial=trial, text="More", reason="x")


def test_bad_input_is_refused_field_by_field(world: Any) -> None:
    cases = [
        ({"title": "  "}, "title"),
        ({"where": ""}, "where"),
        ({"starts_on": D(2024, 12, 1)}, "starts_on"),  # before the journey started
        ({"ends_on": D(2025, 1, 31)}, "ends_on"),  # before the planned start
        ({"title": "x" * 201}, "title"),
    ]
    for kw, field in cases:
        with pytest.raises(ValidationError) as exc:
            _trial(world, **kw)
        assert list(exc.value.message_dict) == [field], kw
    trial = _trial(world)
    with pytest.raises(ValidationError) as exc:
        services.trial_end(actor=world.member, trial=trial)
    services.trial_start(actor=world.member, trial=trial, on=D(2025, 2, 3))
    with pytest.raises(ValidationError) as exc:
        services.trial_end(actor=world.member, trial=trial, on=D(2025, 2, 2))
    assert list(exc.value.message_dict) == ["on"]
    with pytest.raises(ValidationError) as exc:
        services.trial_end(actor=world.member, trial=trial, on=D(2025, 2, 10), stopped_early=True)
    assert exc.value.message_dict["reason"] == ["Say why the trial stopped early."]
    services.trial_end(
        actor=world.member, trial=trial, on=D(2025, 2, 10), stopped_early=True, reason="Ward closed"
    )
    trial.refresh_from_db()
    assert (trial.status, trial.stop_reason) == ("stopped", "Ward closed")
    other = build_world("2", "Another journey")
    foreign = decision_services.decision_create(
        actor=other.facilitator,
        journey=other.journey,
        text="Theirs",
        taken_by="group_consensus",
        rung="co_designing",
        decided_on=D(2025, 3, 1),
        where_outside="Board",
    )
    with pytest.raises(ValidationError) as exc:
        services.trial_record_result(
            actor=world.member,
            trial=trial,
            results={},
            learned="",
            follow_up="drop",
            decision=foreign,
        )
    assert list(exc.value.message_dict) == ["decision"]


def test_an_observer_cannot_change_anything(world: Any) -> None:
    from powerwith.common.access import NotAllowed

    with pytest.raises(NotAllowed):
        _trial(world, actor=world.observer)
    trial = _trial(world)
    with pytest.raises(NotAllowed):
        services.trial_start(actor=world.observer, trial=trial)
    with pytest.raises(NotAllowed):
        services.outcome_create(actor=world.observer, journey=world.journey, what="x", for_whom="y")


def test_the_database_refuses_a_stop_without_reason(world: Any) -> None:
    trial = _trial(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Trial.objects.filter(pk=trial.pk).update(
            status="stopped", started_on=D(2025, 2, 1), ended_on=D(2025, 2, 2)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        MeasureChange.objects.create(
            measure=trial.measures.get(), kind="changed", after_start=True, on=D(2025, 2, 2)
        )


def test_feedback_linked_and_raised_keeps_provenance(world: Any) -> None:
    trial = _trial(world)
    amara = person(world, "Amara", "service_user")
    old = contribution_services.contribution_create(
        actor=world.member,
        journey=world.journey,
        text="The leaflet is too small to read",
        channel="paper",
        raised_on=D(2025, 2, 10),
        raised_by=amara,
    )
    services.feedback_link(actor=world.member, trial=trial, contributions=[old])
    services.feedback_link(actor=world.member, trial=trial, contributions=[old])  # once only
    new = services.feedback_raise(
        actor=world.member,
        trial=trial,
        text="I finally knew which tablets to take",
        channel="phone",
        raised_on=D(2025, 2, 12),
        raised_by=amara,
        provenance="Told the ward clerk on the phone",
    )
    assert (new.entered_by, new.provenance, new.raiser_side) == (
        world.member,
        "Told the ward clerk on the phone",
        "lived",
    )
    assert list(trial.feedback.order_by("id")) == [old, new]
    services.feedback_unlink(actor=world.member, trial=trial, contribution=old)
    assert list(trial.feedback.all()) == [new]
    other = build_world("2", "Another journey")
    theirs = contribution_services.contribution_create(
        actor=other.facilitator, journey=other.journey, text="x", channel="paper", anonymous=True
    )
    with pytest.raises(ValidationError):
        services.feedback_link(actor=world.member, trial=trial, contributions=[theirs])


def test_expected_outcome_keeps_the_role_at_the_time(world: Any) -> None:
    sam = person(world, "Sam", "frontline_staff")
    outcome = services.outcome_create(
        actor=world.member,
        journey=world.journey,
        what="Patients go home knowing their medicines",
        for_whom="patients going home",
        by_when=D(2025, 12, 1),
        stage="co_design",
        set_on=D(2025, 1, 20),
        proposed_by=sam,
    )
    assert (outcome.proposer_role, outcome.proposer_side) == ("frontline_staff", "professional")
    # Sam had been a carer from before that day: the snapshot follows the role history.
    people_services.person_change_role(
        actor=world.facilitator, person=sam, role="carer", from_date=D(2025, 1, 10)
    )
    outcome.refresh_from_db()
    assert (outcome.proposer_role, outcome.proposer_side) == ("carer", "lived")
    with pytest.raises(ValidationError) as exc:
        services.outcome_create(
            actor=world.member,
            journey=world.journey,
            what="x",
            for_whom="y",
            set_on=D(2025, 2, 1),
            by_when=D(2025, 1, 1),
        )
    assert list(exc.value.message_dict) == ["by_when"]
    ending = reflection_services.ending_create(
        actor=world.member, journey=world.journey, title="End of co-design", held_on=D(2025, 6, 30)
    )
    with pytest.raises(ValidationError) as exc:
        services.outcome_review(actor=world.member, outcome=outcome, verdict="maybe")
    assert list(exc.value.message_dict) == ["verdict"]
    services.outcome_review(
        actor=world.member, outcome=outcome, verdict="achieved", ending=ending, evidence="Audit"
    )
    outcome.refresh_from_db()
    assert (outcome.verdict, outcome.reviewed_on, outcome.ending) == (
        "achieved",
        D(2025, 6, 30),
        ending,
    )
    with pytest.raises(ValidationError) as exc:
        services.outcome_review(
            actor=world.member, outcome=outcome, verdict="achieved", reviewed_on=D(2025, 1, 1)
        )
    assert list(exc.value.message_dict) == ["reviewed_on"]
