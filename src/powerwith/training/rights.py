"""What training holds about a person (the sessions they were on or ran, their goals in their
own words), and erasing it (see ``powerwith.rights``).

Erasure keeps each goal's outcome (met, partly, not met), so the share of goals met still adds
up, and takes the person's name out of every session's and goal's words; with ``remove_words``
the goal and what they said when it was revisited go too. Anonymous before and after answers
are nobody's and are never touched (they live in reflection's tables).
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from .models import Trainee, TrainingGoal, TrainingSession

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    return {
        "training sessions": [
            {"Session": t.session.title, "Day": t.session.held_on, "Came": t.came}
            for t in Trainee.objects.filter(person=person)
            .select_related("session")
            .order_by("session__held_on", "id")
        ],
        "training goals": [
            {
                "Session": g.trainee.session.title,
                "Goal": g.text,
                "Set on": g.set_on,
                "Met?": g.outcome_label,
                "In their words": g.outcome_note,
                "Revisited on": g.reviewed_on,
            }
            for g in TrainingGoal.objects.filter(trainee__person=person)
            .select_related("trainee__session")
            .order_by("set_on", "id")
        ],
        "training sessions they ran": [
            {"Session": s.title, "Day": s.held_on}
            for s in TrainingSession.objects.filter(led_by=person).order_by("held_on", "id")
        ],
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    name = person.name
    words = 0
    if remove_words:
        words = TrainingGoal.objects.filter(trainee__person=person).update(text="", outcome_note="")
    return {
        "training goals' words removed": words,
        "training words naming them": (
            scrub_rows(
                TrainingSession.objects.filter(journey_id=person.journey_id),
                ["title", "about", "trainer"],
                name,
                label,
            )
            + scrub_rows(
                TrainingGoal.objects.filter(trainee__session__journey_id=person.journey_id),
                ["text", "outcome_note"],
                name,
                label,
            )
        ),
    }
