"""What the group's ground rules, words and framing hold about a person (what they proposed
and asked), and erasing it (see ``powerwith.rights``).

The records stay, with the side the person was on, so the figures keep their counts: a ground
rule or wording is the group's once agreed, and a word's meaning is the group's. Their name is
taken out of every text of these records; with ``remove_words``, the words of rules and
wordings they proposed that the group never agreed are removed.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import REMOVED, pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import GroundRule, Word, Wording

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    return {
        "ground rules they proposed": [
            {
                "Ground rule": r.text,
                "Proposed on": r.proposed_on,
                "Agreed by the group on": r.agreed_on,
                "No longer applies from": r.retired_on,
            }
            for r in GroundRule.objects.filter(proposed_by=person).order_by("proposed_on", "id")
        ],
        "words they asked about": [
            {"Word": w.term, "Meaning": w.meaning, "Asked on": w.asked_on}
            for w in Word.objects.filter(asked_by=person).order_by("asked_on", "id")
        ],
        "wordings of the purpose or problem they proposed": [
            {
                "Of": vocab.FRAMING_KINDS.label(w.kind),
                "Wording": w.text,
                "Proposed on": w.proposed_on,
                "Agreed by the group on": w.agreed_on,
            }
            for w in Wording.objects.filter(proposed_by=person).order_by("proposed_on", "id")
        ],
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    journey = person.journey_id
    removed = 0
    if remove_words:
        removed += (
            GroundRule.objects.filter(proposed_by=person, agreed_on__isnull=True)
            .exclude(text=REMOVED)
            .update(text=REMOVED)
        )
        removed += (
            Wording.objects.filter(proposed_by=person, agreed_on__isnull=True)
            .exclude(text=REMOVED)
            .update(text=REMOVED)
        )
    name, label = person.name, pseudonym_for(person.pk)
    named = scrub_rows(GroundRule.objects.filter(journey_id=journey), ["text"], name, label)
    named += scrub_rows(Word.objects.filter(journey_id=journey), ["term", "meaning"], name, label)
    named += scrub_rows(Wording.objects.filter(journey_id=journey), ["text"], name, label)
    return {
        "proposals' words removed (never agreed)": removed,
        "ground rules, words and wordings naming them": named,
    }
