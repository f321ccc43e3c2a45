"""Trials in the journey's export (people as codes) and in a person's copy and erasure."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.exports import all_tables
from powerwith.insights.period import Period
from powerwith.rights import services as rights_services
from powerwith.trials import rights, services
from powerwith.trials.models import ExpectedOutcome
from powerwith.trials.selectors import outcome_figures

from .helpers import person

D = datetime.date


def _record(world: Any) -> Any:
    amara = person(world, "Amara Okafor", "service_user")
    trial = services.trial_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Leaflet Amara Okafor suggested",
        where="Ward 4",
        starts_on=D(2025, 2, 1),
        ends_on=D(2025, 3, 14),
        measures=[("Patients know their medicines", "8 in 10")],
    )
    services.trial_start(actor=world.facilitator, trial=trial, on=D(2025, 2, 1))
    services.measure_change(
        actor=world.facilitator,
        measure=trial.measures.get(),
        text="Patients know their tablets",
        target="8 in 10",
        reason="Amara Okafor asked for plainer words",
    )
    outcome = services.outcome_create(
        actor=world.facilitator,
        journey=world.journey,
        what="Patients go home knowing their tablets",
        for_whom="patients",
        set_on=D(2025, 1, 10),
        proposed_by=amara,
    )
    services.outcome_review(
        actor=world.facilitator, outcome=outcome, verdict="achieved", reviewed_on=D(2025, 6, 1)
    )
    return amara, trial, outcome


def test_the_export_has_every_table_with_people_as_codes(world: Any) -> None:
    _record(world)
    tables, descriptions = all_tables(world.journey)
    for name in (
        "trials",
        "trial_measures",
        "trial_measure_history",
        "trial_feedback",
        "expected_outcomes",
    ):
        assert name in tables and descriptions[name]
    (t,) = tables["trials"]
    assert (t["what"], t["status"], t["started_on"], t["recorded_by"]) == (
        "Leaflet Amara Okafor suggested",
        "running",
        D(2025, 2, 1),
        "A01",
    )
    assert [
        (h["change"], h["after_start"], h["reason"]) for h in tables["trial_measure_history"]
    ] == [
        ("added", False, ""),
        ("changed", True, "Amara Okafor asked for plainer words"),
    ]
    (o,) = tables["expected_outcomes"]
    assert (o["proposed_by"], o["proposer_side"], o["verdict"]) == ("P001", "lived", "achieved")
    assert "Amara" not in str(o)


def test_copy_and_erasure_keep_the_figures(world: Any) -> None:
    amara, trial, outcome = _record(world)
    assert rights.held(amara)["expected outcomes they proposed"] == [
        {
            "Agreed on": D(2025, 1, 10),
            "What was expected": "Patients go home knowing their tablets",
            "For whom": "patients",
            "By when": None,
            "Stage": "",
            "How it turned out": "Achieved",
            "Reviewed on": D(2025, 6, 1),
        }
    ]
    before = outcome_figures(world.journey, Period())
    rights_services.person_erase(actor=world.facilitator, person=amara)
    outcome = ExpectedOutcome.objects.get()
    trial.refresh_from_db()
    assert (outcome.proposed_by, outcome.proposer_side) == (None, "lived")
    assert "Amara" not in trial.title
    assert "Amara" not in trial.measures.get().history.order_by("id").last().reason
    assert outcome_figures(world.journey, Period()) == before
