"""Trials pages: a member plans, starts and ends a trial, links and raises feedback, records the
result; bad input comes back on the form; observers read; query counts stay flat."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from powerwith.contributions.models import Contribution
from powerwith.trials import services
from powerwith.trials.models import ExpectedOutcome, Trial
from tests.conftest import client_for

from .helpers import person


def _u(world: Any, name: str, **kw: Any) -> str:
    return reverse(f"trials:{name}", kwargs={"slug": world.journey.slug, **kw})


def test_a_member_runs_a_trial_through_the_pages(world: Any) -> None:
    c = client_for(world.member)
    r = c.post(
        _u(world, "create"),
        {
            "title": "A new discharge leaflet",
            "where": "Ward 4",
            "starts_on": "2025-02-01",
            "ends_on": "2025-03-14",
            "measure_1": "Patients know their medicines",
            "target_1": "8 in 10",
        },
    )
    trial = Trial.objects.get()
    assert r.status_code == 302 and r["Location"] == trial.get_absolute_url()
    page = c.get(trial.get_absolute_url()).content.decode()
    assert "Patients know their medicines" in page and "Target: 8 in 10" in page
    assert c.post(_u(world, "start", trial_pk=trial.pk), {"on": "2025-02-03"}).status_code == 302
    m = trial.measures.get()
    # A change after the start with no reason comes back with the message on the field.
    r = c.post(
        _u(world, "measure_edit", trial_pk=trial.pk, measure_pk=m.pk),
        {"text": "Patients know their tablets", "target": "8 in 10"},
    )
    assert r.status_code == 400
    assert "say why this success measure is changing" in r.content.decode()
    r = c.post(
        _u(world, "measure_edit", trial_pk=trial.pk, measure_pk=m.pk),
        {"text": "Patients know their tablets", "target": "8 in 10", "reason": "Plainer words"},
    )
    assert r.status_code == 302
    page = c.get(trial.get_absolute_url()).content.decode()
    assert "Its success measures changed once after the trial started" in page
    assert "Why: Plainer words" in page
    amara = person(world, "Amara", "service_user")
    r = c.post(
        _u(world, "feedback_raise", trial_pk=trial.pk),
        {
            "text": "Big print helps",
            "raised_by": str(amara.pk),
            "channel": "paper",
            "raised_on": "2025-02-20",
            "provenance": "A card on the ward",
        },
    )
    assert r.status_code == 302
    said = Contribution.objects.get()
    assert (said.provenance, list(said.trials.all())) == ("A card on the ward", [trial])
    r = c.post(
        _u(world, "end", trial_pk=trial.pk), {"how": "stopped", "on": "2025-03-01", "reason": ""}
    )
    assert r.status_code == 400 and "Say why the trial stopped early." in r.content.decode()
    r = c.post(
        _u(world, "end", trial_pk=trial.pk),
        {"how": "finished", "on": "2025-03-14"},
    )
    assert r["Location"] == _u(world, "result", trial_pk=trial.pk)
    r = c.post(
        _u(world, "result", trial_pk=trial.pk),
        {
            f"result_{m.pk}": "met",
            f"seen_{m.pk}": "9 of 10",
            "learned": "Print matters",
            "follow_up": "adopt",
        },
    )
    assert r.status_code == 302
    trial.refresh_from_db()
    assert (trial.status, trial.follow_up, trial.learned) == ("finished", "adopt", "Print matters")
    listing = c.get(_u(world, "list")).content.decode()
    assert "A new discharge leaflet" in listing and "Adopt it" in listing


def test_outcomes_recorded_and_reviewed(world: Any) -> None:
    c = client_for(world.member)
    sam = person(world, "Sam", "frontline_staff")
    r = c.post(
        _u(world, "outcome_create"),
        {"what": "", "for_whom": "patients", "set_on": "2025-01-10", "proposed_by": str(sam.pk)},
    )
    assert r.status_code == 400 and "Say what you expect to change." in r.content.decode()
    r = c.post(
        _u(world, "outcome_create"),
        {
            "what": "Fewer readmissions",
            "for_whom": "patients",
            "set_on": "2025-01-10",
            "proposed_by": str(sam.pk),
        },
    )
    assert r.status_code == 302
    outcome = ExpectedOutcome.objects.get()
    assert outcome.proposer_side == "professional"
    r = c.post(
        _u(world, "outcome_review", outcome_pk=outcome.pk),
        {"verdict": "partly", "reviewed_on": "2025-06-30", "evidence": "Down a little"},
    )
    assert r.status_code == 302
    page = c.get(_u(world, "outcomes")).content.decode()
    assert "Partly achieved" in page and "Down a little" in page
    assert "1 of 1 expected outcome reviewed." in page


def test_an_observer_reads_but_sees_no_buttons(world: Any) -> None:
    services.trial_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Quiet hour",
        where="Ward 2",
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 4, 1),
    )
    c = client_for(world.observer)
    page = c.get(_u(world, "list")).content.decode()
    assert "Quiet hour" in page and "Plan a trial" not in page
    assert c.get(_u(world, "create")).status_code == 403


def test_the_list_reads_a_fixed_number_of_queries(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(6):
        services.trial_create(
            actor=world.facilitator,
            journey=world.journey,
            title=f"Trial {i}",
            where="Ward",
            starts_on=datetime.date(2025, 3, 1),
            ends_on=datetime.date(2025, 4, 1),
            measures=[("Works", "")],
        )
    c = client_for(world.member)
    with django_assert_max_num_queries(14):
        assert c.get(_u(world, "list")).status_code == 200
