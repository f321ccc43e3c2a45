"""What the register of people holds about a person, and erasing it (see ``powerwith.rights``).

The entry itself stays, under a stable pseudonym, so that every figure that counts it (the
room, voice, role history) keeps its count; what identifies them goes.
"""

from __future__ import annotations

import uuid
from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows

from . import vocab
from .models import Organisation, Person, RoleSpell

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    entry: dict[str, object] = {
        "Name": person.name,
        "Name is a pseudonym": person.is_pseudonym,
        "Journey": person.journey.title,
        "Role now": str(vocab.ROLES.label(person.role)),
        "Side now": str(vocab.SIDES.label(person.side)),
        "Paid to be here": person.paid,
        "Organisation": person.organisation.name if person.organisation else "",
        "Joined on": person.joined_on,
        "Left on": person.left_on,
        "Why they left": person.left_reason,
        "Contact": person.contact,
        "Can take part online": person.online,
        "Has a sign-in account": person.user_id is not None,
    }
    spells: Rows = [
        {
            "Role": str(vocab.ROLES.label(s.role)),
            "Side": str(vocab.SIDES.label(s.side)),
            "Paid": s.paid,
            "From": s.started_on,
            "Until": s.ended_on,
        }
        for s in RoleSpell.objects.filter(person=person).order_by("started_on", "id")
    ]
    return {"register entry": [entry], "roles over time": spells}


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    """Pseudonymise the entry: name, contact, why they left and the account link go; role,
    side, pay, organisation and dates stay (figures count them). The link to the same
    individual's entries in other journeys is cut too (a new ``network_key``)."""
    label = pseudonym_for(person.pk)
    was_named = person.name != label or not person.is_pseudonym
    Person.objects.filter(pk=person.pk).update(
        name=label,
        is_pseudonym=True,
        contact="",
        left_reason="",
        user=None,
        network_key=uuid.uuid4(),
    )
    notes = scrub_rows(
        Organisation.objects.filter(journey_id=person.journey_id), ["notes"], person.name, label
    )
    person.refresh_from_db()
    return {"register entries pseudonymised": int(was_named), "organisation notes": notes}
