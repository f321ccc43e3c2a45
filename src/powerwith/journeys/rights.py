"""What a journey holds about a person beyond its register: the membership of their account
and the invitations sent for them (see ``powerwith.rights``).

Erasure cuts the link between their account and the register entry, and deletes invitations
made for them (each holds an email address). The account itself is theirs to close.

An invitation nobody used is kept a while after its link runs out, so a facilitator can see
that it ran out and make a new link; the daily run then forgets it, email address and all
(``expire``: ``UNUSED_INVITATION_DAYS`` after it ran out).
"""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import (
    UNUSED_INVITATION_DAYS,
    DefinitionVersion,
    Invitation,
    JourneyValue,
    Limit,
    Membership,
)

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    memberships: Rows = [
        {
            "Journey": m.journey.title,
            "Access": str(vocab.MEMBERSHIP_ROLES.label(m.role)),
            "Since": m.created_at,
        }
        for m in Membership.objects.filter(person=person).select_related("journey")
    ]
    invitations: Rows = [
        {
            "Sent to": i.email,
            "Access offered": str(vocab.MEMBERSHIP_ROLES.label(i.role)),
            "Sent on": i.created_at,
            "Accepted on": i.accepted_at,
        }
        for i in Invitation.objects.filter(person=person).order_by("created_at", "id")
    ]
    return {"journey access": memberships, "invitations": invitations}


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    name = person.name
    unlinked = Membership.objects.filter(person=person).update(person=None)
    invitations, _ = Invitation.objects.filter(person=person).delete()
    return {
        "accounts unlinked": unlinked,
        "invitations deleted": invitations,
        "agreement naming them": (
            scrub_rows(Limit.objects.filter(journey_id=journey), ["text", "why"], name, label)
            + scrub_rows(
                DefinitionVersion.objects.filter(journey_id=journey), ["text"], name, label
            )
            + scrub_rows(JourneyValue.objects.filter(journey_id=journey), ["meaning"], name, label)
        ),
    }


def expire(now: datetime.datetime, *, dry_run: bool = False) -> dict[str, int]:
    """Forget the invitations nobody used whose link ran out more than
    ``UNUSED_INVITATION_DAYS`` ago (each holds an email address). Used ones stay with the
    membership they made."""
    old = Invitation.objects.filter(
        accepted_at__isnull=True,
        expires_at__lt=now - datetime.timedelta(days=UNUSED_INVITATION_DAYS),
    )
    forgotten = old.count() if dry_run else old.delete()[0]
    return {
        f"invitations never used, {UNUSED_INVITATION_DAYS} days after their link ran out": forgotten
    }
