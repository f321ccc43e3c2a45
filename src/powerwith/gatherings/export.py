"""Who chose who was in the room, in a journey's export (see ``powerwith.exports``).

People are the export's pseudonymous codes (P001...), never names; gatherings are the ids of
the ``gatherings`` table.
"""

from __future__ import annotations

from powerwith.exports import person_ids
from powerwith.journeys.models import Journey

from .models import Gathering, InvitationMaker, LeftOff

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "gathering_invitations": "How people came to be invited to each gathering: 'list' (an "
    "invitation list drawn up by the people in gathering_invitation_makers), 'open' (anyone "
    "could come) or empty (not recorded).",
    "gathering_invitation_makers": "Who drew up each gathering's invitation list (by code), "
    "with their role and side on the day of the gathering.",
    "gathering_left_off": "Who was left off a gathering's invitations, and why: a person (by "
    "code) or a described group.",
}


def tables(journey: Journey) -> dict[str, list[Row]]:
    people = person_ids(journey)
    return {
        "gathering_invitations": [
            {"gathering_id": pk, "held_on": held_on.isoformat(), "invitation": how}
            for pk, held_on, how in Gathering.objects.filter(journey=journey)
            .order_by("held_on", "id")
            .values_list("id", "held_on", "invitation")
        ],
        "gathering_invitation_makers": [
            {
                "gathering_id": m.gathering_id,
                "person": people.get(m.person_id, ""),
                "role": m.role,
                "side": m.side,
            }
            for m in InvitationMaker.objects.filter(gathering__journey=journey).order_by(
                "gathering__held_on", "gathering_id", "id"
            )
        ],
        "gathering_left_off": [
            {
                "gathering_id": r.gathering_id,
                "person": people.get(r.person_id, "") if r.person_id else "",
                "group": r.group,
                "reason": r.reason,
            }
            for r in LeftOff.objects.filter(gathering__journey=journey).order_by(
                "gathering__held_on", "gathering_id", "id"
            )
        ],
    }
