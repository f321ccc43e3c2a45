"""How to make the objects behind the training app's URL arguments (for the access walker).

One session per journey, with one person on it and one goal, so that a trainee's and a goal's
URL both point into the session the walk's ``session_pk`` names."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.people import services as people_services
from powerwith.training import services
from powerwith.training.models import Trainee, TrainingGoal, TrainingSession

DAY = datetime.date(2025, 3, 3)


def _session(world: Any) -> TrainingSession:
    found = TrainingSession.objects.filter(journey=world.journey, title="Walker training").first()
    if found is not None:
        return found
    return services.session_create(
        actor=world.facilitator,
        journey=world.journey,
        title="Walker training",
        held_on=DAY,
        trainer="Carers Wales",
    )


def _trainee(world: Any) -> Trainee:
    session = _session(world)
    found = Trainee.objects.filter(session=session).first()
    if found is not None:
        return found
    walker = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Training walker",
        role="service_user",
        joined_on=datetime.date(2025, 1, 6),
    )
    return services.trainee_add(actor=world.facilitator, session=session, person=walker)


def make_session(world: Any) -> int:
    return _session(world).pk


def make_trainee(world: Any) -> int:
    return _trainee(world).pk


def make_goal(world: Any) -> int:
    trainee = _trainee(world)
    found = TrainingGoal.objects.filter(trainee=trainee).first()
    if found is not None:
        return found.pk
    return services.goal_add(
        actor=world.facilitator, trainee=trainee, text="To chair a meeting", set_on=DAY
    ).pk


OBJECTS = {"session_pk": make_session, "trainee_pk": make_trainee, "goal_pk": make_goal}
