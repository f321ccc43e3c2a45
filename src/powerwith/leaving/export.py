"""The leaving part of a journey's export (see ``powerwith.exports``).

People are codes (P001...), never names. What someone said when asked why they stopped coming
is not exported (their own words about themselves, kept for facilitators), nor a handover's
contacts (other people's details): the reasons from the list, dates and sides are. Handover
notes of what people knew and did, and what is unfinished, are the group's learning and are.
"""

from __future__ import annotations

from django.utils import timezone

from powerwith.exports import person_ids
from powerwith.inclusion import vocab as inclusion_vocab
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab

from . import selectors, vocab
from .models import FollowUpReview, Handover, LegacyPart, Reassignment, StopAsk

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "leaving_asked": "People who stopped coming and were asked why (by code): the last day "
    "they came, their role and side then, when and how they were asked, what came of it, the "
    "reasons they gave from the list (separated by semicolons), and what the group did about "
    "it (the contribution raised from it, or the decision, by id). Their own words are not "
    "exported.",
    "leaving_handovers": "Handovers when someone left or changed role: who (by code), when, "
    "their role and side before, what they knew and did, what is unfinished, and who took it "
    "on. Contact details are not exported.",
    "leaving_reassigned": "Open actions handed on in a handover: the kind, its id in its own "
    "table, what it was, and who took it on (by code).",
    "leaving_assets": "Every asset on the map with where it is today: still in the group, "
    "handed over by someone who left (when, and to whom), or gone with someone who left.",
    "leaving_legacy": "The end: when the journey and its funding end, who funds it, when the "
    "legacy plan was agreed and where the group's record will live.",
    "leaving_legacy_parts": "What carries on after the end and who owns each part (a person by "
    "code, or a team or organisation in words).",
    "leaving_reviews": "Follow-up reviews due 6 and 12 months after the end: when each is due, "
    "when it was done and what it found.",
}


def tables(journey: Journey) -> dict[str, list[Row]]:
    ids = person_ids(journey)

    def code(pk: int | None) -> str:
        return ids.get(pk, "") if pk is not None else ""

    legacy = selectors.legacy_of(journey)
    end = selectors.end_of(journey, legacy)
    reviews: list[Row] = [
        {
            "months": r.months,
            "due_on": r.due_on,
            "done_on": r.review.done_on if r.review else None,
            "found": r.review.found if r.review else "",
        }
        for r in selectors.reviews_due(journey, legacy)
    ]
    if end is None:
        # Reviews recorded before the end dates were cleared stay in the record.
        reviews += [
            {"months": r.months, "due_on": None, "done_on": r.done_on, "found": r.found}
            for r in FollowUpReview.objects.filter(journey=journey)
        ]
    return {
        "leaving_asked": [
            {
                "person": code(a.person_id),
                "last_came": a.last_came,
                "role": a.role,
                "side": a.side,
                "asked_on": a.asked_on,
                "asked_how": vocab.ASK_WAYS.label(a.asked_how),
                "answer": a.answer,
                "reasons": ";".join(a.reasons),
                "contribution_id": a.contribution_id,
                "decision_id": a.decision_id,
                "acted_on": a.acted_on,
            }
            for a in StopAsk.objects.filter(journey=journey).order_by("asked_on", "id")
        ],
        "leaving_handovers": [
            {
                "id": h.pk,
                "person": code(h.person_id),
                "occasion": h.occasion,
                "on": h.on,
                "role": h.role,
                "side": people_vocab.SIDES.label(h.side),
                "knew_and_did": h.knew_and_did,
                "unfinished": h.unfinished,
                "handed_to": code(h.handed_to_id),
            }
            for h in Handover.objects.filter(journey=journey).order_by("on", "id")
        ],
        "leaving_reassigned": [
            {
                "handover_id": r.handover_id,
                "kind": r.kind,
                "object_id": r.object_id,
                "what": r.description,
                "to": code(r.to_person_id),
            }
            for r in Reassignment.objects.filter(handover__journey=journey).order_by("id")
        ],
        "leaving_assets": [
            {
                "asset_id": r["asset"].pk,
                "kind": inclusion_vocab.ASSET_KINDS.label(r["asset"].kind),
                "person": code(r["asset"].person_id),
                "organisation": r["asset"].organisation.name if r["asset"].organisation else "",
                "where_now": r["status"],
                "handed_over_on": r["kept"].on if r["kept"] else None,
                "handed_to": code(r["kept"].handed_to_id) if r["kept"] else "",
            }
            for r in selectors.asset_rows(journey, on=timezone.localdate())
        ],
        "leaving_legacy": [
            {
                "journey_ends_on": journey.ended_on,
                "funding_ends_on": legacy.funding_ends_on if legacy else None,
                "funder": legacy.funder if legacy else "",
                "reviews_counted_from": end,
                "plan_agreed_on": legacy.plan_agreed_on if legacy else None,
                "record_lives": legacy.record_lives if legacy else "",
            }
        ],
        "leaving_legacy_parts": [
            {"what": p.what, "owner": code(p.owner_id), "owner_other": p.owner_other}
            for p in LegacyPart.objects.filter(journey=journey).order_by("id")
        ],
        "leaving_reviews": reviews,
    }
