"""What gatherings hold about a person (attendance, speaking turns, agenda items they
proposed), and erasing it (see ``powerwith.rights``).

Attendance and turns are counts the group's figures rest on, and they point at the register
entry, which erasure pseudonymises: they stay. Only free text naming the person changes.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import AgendaItem, Attendance, Gathering, InvitationMaker, LeftOff, SpeakingTurn

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    attendance: Rows = [
        {
            "Gathering": a.gathering.title,
            "Held on": a.gathering.held_on,
            "Came": str(vocab.ATTENDANCE.label(a.status)),
            "Speaking turns": a.turn_count,
            "Seconds speaking (timed turns)": a.turn_seconds,
        }
        for a in Attendance.objects.filter(person=person)
        .select_related("gathering")
        .order_by("gathering__held_on", "gathering_id")
    ]
    turns: Rows = [
        {
            "Gathering": t.gathering.title,
            "Held on": t.gathering.held_on,
            "Started at": t.started_at,
            "Seconds": t.seconds,
        }
        for t in SpeakingTurn.objects.filter(person=person)
        .select_related("gathering")
        .order_by("started_at", "id")
    ]
    agenda: Rows = [
        {"Gathering": a.gathering.title, "Agenda item": a.title, "Notes": a.notes}
        for a in AgendaItem.objects.filter(proposed_by=person)
        .select_related("gathering")
        .order_by("gathering__held_on", "position", "id")
    ]
    lists: Rows = [
        {
            "Gathering": m.gathering.title,
            "Held on": m.gathering.held_on,
            "Side on the day": str(m.get_side_display()),
        }
        for m in InvitationMaker.objects.filter(person=person)
        .select_related("gathering")
        .order_by("gathering__held_on", "id")
    ]
    left_off: Rows = [
        {"Gathering": r.gathering.title, "Held on": r.gathering.held_on, "Why": r.reason}
        for r in LeftOff.objects.filter(person=person)
        .select_related("gathering")
        .order_by("gathering__held_on", "id")
    ]
    return {
        "gatherings attended": attendance,
        "speaking turns": turns,
        "agenda items proposed": agenda,
        "invitation lists drawn up": lists,
        "left off a gathering's invitations": left_off,
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    return {
        "gathering notes": scrub_rows(
            Gathering.objects.filter(journey_id=journey),
            ["title", "notes", "venue_name", "accessibility"],
            person.name,
            label,
        ),
        "agenda items": scrub_rows(
            AgendaItem.objects.filter(gathering__journey_id=journey),
            ["title", "notes"],
            person.name,
            label,
        ),
        # Who drew up a list stays (the figure counts it, by the pseudonymised entry); the
        # words of why someone was left off lose the name.
        "left off": scrub_rows(
            LeftOff.objects.filter(gathering__journey_id=journey),
            ["group", "reason"],
            person.name,
            label,
        ),
    }
