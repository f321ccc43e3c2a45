"""What trying things out holds about a person (the expected outcomes they proposed), and
erasing it (see ``powerwith.rights``).

An expected outcome stays with its proposer's side and role on the day, so the "proposed by"
figures keep their counts; only the link to the register entry goes. The person's name is
taken out of every text of the journey's trials and outcomes.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.journeys import vocab as journey_vocab
from powerwith.people.models import Person

from . import vocab
from .models import ExpectedOutcome, MeasureChange, SuccessMeasure, Trial

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    proposed: Rows = [
        {
            "Agreed on": o.set_on,
            "What was expected": o.what,
            "For whom": o.for_whom,
            "By when": o.by_when,
            "Stage": journey_vocab.STAGES.label(o.stage) if o.stage else "",
            "How it turned out": vocab.VERDICTS.label(o.verdict) if o.verdict else "",
            "Reviewed on": o.reviewed_on,
        }
        for o in ExpectedOutcome.objects.filter(proposed_by=person).order_by("set_on", "id")
    ]
    return {"expected outcomes they proposed": proposed}


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    unlinked = ExpectedOutcome.objects.filter(proposed_by=person).update(proposed_by=None)
    return {
        "expected outcomes no longer linked to them": unlinked,
        "trials naming them": scrub_rows(
            Trial.objects.filter(journey_id=journey),
            ["title", "description", "where", "stop_reason", "learned"],
            person.name,
            label,
        ),
        "success measures naming them": scrub_rows(
            SuccessMeasure.objects.filter(trial__journey_id=journey),
            ["text", "target", "seen"],
            person.name,
            label,
        ),
        "changes to success measures naming them": scrub_rows(
            MeasureChange.objects.filter(measure__trial__journey_id=journey),
            ["text_before", "target_before", "text_after", "target_after", "reason"],
            person.name,
            label,
        ),
        "expected outcomes naming them": scrub_rows(
            ExpectedOutcome.objects.filter(journey_id=journey),
            ["what", "for_whom", "evidence"],
            person.name,
            label,
        ),
    }
