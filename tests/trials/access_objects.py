"""How to make the objects that trials URLs take (for tests/test_access_walk.py).

One trial per journey, ended, with one success measure, so every page of it can be shown;
``contribution_pk`` comes from the contributions app.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from powerwith.trials import services
from powerwith.trials.models import ExpectedOutcome, SuccessMeasure, Trial
from tests.conftest import World

DAY = datetime.date(2025, 2, 3)


def _trial(world: World) -> Trial:
    found = Trial.objects.filter(journey=world.journey, title="Walk leaflet").first()
    if found is not None:
        return found
    trial = services.trial_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Walk leaflet",
        where="Ward 4",
        starts_on=DAY,
        ends_on=DAY + datetime.timedelta(days=42),
        measures=[("Patients know their medicines", "8 in 10")],
    )
    services.trial_start(actor=world.facilitator, trial=trial, on=DAY)
    return services.trial_end(
        actor=world.facilitator, trial=trial, on=DAY + datetime.timedelta(days=42)
    )


def make_trial(world: World) -> int:
    return _trial(world).pk


def make_measure(world: World) -> int:
    measure = SuccessMeasure.objects.filter(trial=_trial(world)).first()
    assert measure is not None
    return measure.pk


def make_outcome(world: World) -> int:
    outcome: ExpectedOutcome = services.outcome_create(
        actor=world.facilitator,
        journey=world.journey,
        what="Fewer people readmitted",
        for_whom="patients going home",
        set_on=DAY,
    )
    return outcome.pk


OBJECTS: dict[str, Callable[[World], int]] = {
    "trial_pk": make_trial,
    "measure_pk": make_measure,
    "outcome_pk": make_outcome,
}
