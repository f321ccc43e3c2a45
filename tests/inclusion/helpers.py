"""Building blocks for inclusion tests: people who came to gatherings, with profiles."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.gatherings import services as gs
from powerwith.inclusion import services
from powerwith.people import services as ps
from powerwith.people.models import Person

JOINED = datetime.date(2025, 1, 6)
CONSENTED = datetime.date(2025, 1, 20)


def person(world: Any, name: str, role: str = "service_user", **kw: Any) -> Person:
    return ps.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name=name,
        role=role,
        joined_on=kw.pop("joined_on", JOINED),
        **kw,
    )


def gathering(
    world: Any, title: str, day: datetime.date, stage: str = "", journey: Any = None
) -> Any:
    return gs.gathering_create(
        actor=world.facilitator,
        journey=journey or world.journey,
        title=title,
        kind="workshop",
        held_on=day,
        venue_kind="community",
        stage=stage,
    )


def came(world: Any, g: Any, people: list[Person], status: str = "present") -> None:
    gs.attendance_set(actor=world.facilitator, gathering=g, statuses={p.pk: status for p in people})


def profile(world: Any, p: Person, **answers: str) -> Any:
    """A profile entered on the person's behalf by the facilitator (from a paper form)."""
    return services.profile_save(
        actor=world.facilitator,
        person=p,
        answers=answers,
        ethnicity_text=answers.pop("ethnicity_text", ""),
        first_language_text=answers.pop("first_language_text", ""),
        consent=True,
        consent_channel="paper",
        consent_given_on=CONSENTED,
        reason="Paper form from the café",
    )


def crowd(world: Any, n: int, prefix: str = "P", **kw: Any) -> list[Person]:
    return [person(world, f"{prefix}{i:02d}", **kw) for i in range(1, n + 1)]
