"""What outreach holds about a register entry, and erasing it (see ``powerwith.rights``).

A register entry appears on the map as the one asked to approach someone, or as the person a
map entry became when they joined (their history from before they joined is theirs too).
Erasure keeps every entry and step (the map's figures count them) and takes their name out of
the map's words: the entry's name, why they matter, how, reasons and notes, and the words of
things done with linked groups. Someone outside the register who asks to be taken off is
taken off by a facilitator (``services.stakeholder_remove``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import JointActivity, LinkedGroup, Stakeholder, StakeholderStep

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    entries = list(
        Stakeholder.objects.filter(Q(person=person) | Q(approacher=person)).order_by(
            "planned_on", "id"
        )
    )
    mine = [e for e in entries if e.person_id == person.pk]
    return {
        "who should be involved: their entry before joining": [
            {
                "Name on the map": e.name,
                "Kind": vocab.KINDS.label(e.kind),
                "Why they matter": e.why,
                "Added on": e.planned_on,
            }
            for e in mine
        ],
        "who should be involved: what happened": [
            {
                "What happened": vocab.STATUSES.label(s.status),
                "On": s.on,
                "Reason": s.reason,
                "Notes": s.notes,
            }
            for s in StakeholderStep.objects.filter(stakeholder__in=mine).order_by("on", "id")
        ],
        "who should be involved: people they were asked to approach": [
            {
                "Name on the map": e.name,
                "Kind": vocab.KINDS.label(e.kind),
                "How": vocab.HOW.label(e.how) if e.how else "",
                "What happened last": vocab.STATUSES.label(e.status),
            }
            for e in entries
            if e.approacher_id == person.pk
        ],
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    name = person.name
    return {
        "map entries naming them": scrub_rows(
            Stakeholder.objects.filter(journey_id=journey),
            ["name", "why", "how_notes"],
            name,
            label,
        )
        + scrub_rows(
            StakeholderStep.objects.filter(journey_id=journey), ["reason", "notes"], name, label
        ),
        "linked groups naming them": scrub_rows(
            LinkedGroup.objects.filter(journey_id=journey), ["about"], name, label
        )
        + scrub_rows(JointActivity.objects.filter(journey_id=journey), ["what"], name, label),
    }
