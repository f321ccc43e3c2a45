"""What the care app holds about a person, and erasing it (see ``powerwith.rights``).

A person's own copy lists the flags that say THEY are in someone's care (their own data).
The member recorded as caring for them does not get those flags in their copy: the record is
about the person in care, and giving it to the carer would tell them the very thing this
flag keeps from members (data about someone else, which a copy may leave out). Erasing the
person in care deletes their flags (the suppressed counts lose them); erasing a carer keeps
the flag (it is about someone else) and takes their name out of its notes.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from .models import CareFlag

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    return {
        "in the care of a member of the group (seen only by facilitators)": [
            {
                "In the care of": f.carer.name if f.carer else "",
                "Recorded on": f.flagged_on,
                "Since": f.started_on,
                "Until": f.ended_on,
                "Independent support offered on": f.support_offered_on,
                "Told about anonymous routes on": f.routes_told_on,
                "Notes": f.notes,
            }
            for f in CareFlag.objects.filter(person=person)
            .select_related("carer")
            .order_by("flagged_on", "id")
        ]
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    deleted, _ = CareFlag.objects.filter(person=person).delete()
    return {
        "care flags": deleted,
        "care flag notes": scrub_rows(
            CareFlag.objects.filter(journey_id=person.journey_id),
            ["notes"],
            person.name,
            pseudonym_for(person.pk),
        ),
    }
