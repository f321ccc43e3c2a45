"""What leaving holds about a person, and erasing it (see ``powerwith.rights``).

Why someone stopped coming, in their words, and the handover notes written when they left or
changed role are personal data. Erasure keeps every record the figures count (when they were
asked, how, what came of it, the reasons from the list and their side; that a handover
happened) and takes out their words: the words they gave when asked why they stopped always
go (as named answers lose theirs); a handover note's text goes when the facilitator chooses to
remove their words, and otherwise loses their name. Every other text of leaving that names
them (legacy plan, reviews, other handovers, assets kept) is rewritten without the name.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import AssetKept, FollowUpReview, Handover, Legacy, LegacyPart, Reassignment, StopAsk

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    return {
        "asked why they stopped coming": [
            {
                "Asked on": a.asked_on,
                "How": vocab.ASK_WAYS.label(a.asked_how),
                "What came of it": vocab.ANSWERS.label(a.answer),
                "In their words": a.in_their_words,
                "Reasons": ", ".join(a.reason_labels),
                "Last came": a.last_came,
            }
            for a in StopAsk.objects.filter(person=person).order_by("asked_on", "id")
        ],
        "handovers": [
            {
                "On": h.on,
                "Why": vocab.OCCASIONS.label(h.occasion),
                "What they knew and did": h.knew_and_did,
                "Contacts": h.contacts,
                "What is unfinished": h.unfinished,
                "Taken on by": h.handed_to.name if h.handed_to else "",
            }
            for h in Handover.objects.filter(person=person)
            .select_related("handed_to")
            .order_by("on", "id")
        ],
        "actions handed on to them": [
            {
                "What": r.description,
                "Kind": vocab.ACTION_KINDS.label(r.kind),
                "On": r.handover.on,
            }
            for r in Reassignment.objects.filter(to_person=person)
            .select_related("handover")
            .order_by("id")
        ],
        "parts of the legacy plan they own": [
            {"What carries on": p.what} for p in LegacyPart.objects.filter(owner=person)
        ],
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    name = person.name
    words = (
        StopAsk.objects.filter(person=person).exclude(in_their_words="").update(in_their_words="")
    )
    notes = 0
    if remove_words:
        notes = Handover.objects.filter(person=person).update(
            knew_and_did="", contacts="", unfinished=""
        )
    return {
        "words on why they stopped removed": words,
        "handover notes removed": notes,
        "leaving notes naming them": (
            scrub_rows(
                Handover.objects.filter(journey_id=journey),
                ["knew_and_did", "contacts", "unfinished"],
                name,
                label,
            )
            + scrub_rows(
                StopAsk.objects.filter(journey_id=journey), ["in_their_words"], name, label
            )
            + scrub_rows(
                Reassignment.objects.filter(handover__journey_id=journey),
                ["description"],
                name,
                label,
            )
            + scrub_rows(AssetKept.objects.filter(journey_id=journey), ["how"], name, label)
            + scrub_rows(
                Legacy.objects.filter(journey_id=journey), ["record_lives", "funder"], name, label
            )
            + scrub_rows(
                LegacyPart.objects.filter(journey_id=journey), ["what", "owner_other"], name, label
            )
            + scrub_rows(FollowUpReview.objects.filter(journey_id=journey), ["found"], name, label)
        ),
    }
