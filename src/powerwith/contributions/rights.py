"""What contributions hold about a person (what they raised, what became of it, what they
own), and erasing it (see ``powerwith.rights``).

Every contribution and its fate stay, so "you said, we did" keeps its counts. The words stay
too unless the facilitator chooses to remove the person's own words (``remove_words``); either
way their name is taken out of every text of the journey's contributions.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import REMOVED, pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import Contribution, FateChange

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    raised: Rows = [
        {
            "Raised on": c.raised_on,
            "Words": c.text,
            "Anonymous to the group": c.anonymous,
            "Channel": vocab.CHANNELS.label(c.channel),
            "How it reached the group": c.provenance,
            "Tags": "; ".join(sorted(t.name for t in c.tags.all())),
            "What became of it": vocab.FATES.label(c.fate),
            "Why": c.fate_reason,
            "Answer given": c.response,
        }
        for c in Contribution.objects.filter(raised_by=person)
        .prefetch_related("tags")
        .order_by("raised_on", "id")
    ]
    owned: Rows = [
        {"Raised on": c.raised_on, "Words": c.text, "What became of it": vocab.FATES.label(c.fate)}
        for c in Contribution.objects.filter(owner=person).order_by("raised_on", "id")
    ]
    return {"contributions raised": raised, "contributions they follow up": owned}


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    removed = 0
    if remove_words:
        removed = (
            Contribution.objects.filter(raised_by=person)
            .exclude(text=REMOVED)
            .update(text=REMOVED, provenance="")
        )
    return {
        "contributions' words removed": removed,
        "contributions naming them": scrub_rows(
            Contribution.objects.filter(journey_id=journey),
            ["text", "provenance", "fate_reason", "response"],
            person.name,
            label,
        ),
        "fate history naming them": scrub_rows(
            FateChange.objects.filter(contribution__journey_id=journey),
            ["reason"],
            person.name,
            label,
        ),
    }
