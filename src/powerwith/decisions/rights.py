"""What decisions, votes and co-design groups hold about a person, and erasing it (see
``powerwith.rights``).

Ballot receipts, open-vote marks, decisions they proposed and group membership stay: they are
the group's counts and point at the register entry, which erasure pseudonymises. A secret
ballot's paper is not linked to anyone and is never shown as theirs. Only free text naming
the person changes.
"""

from __future__ import annotations

import json
from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import BallotReceipt, CoDesignGroup, Decision, GroupAction, Vote, VoteOption

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    ballots: Rows = [
        {
            "Vote": r.vote.title,
            "Voted on": r.cast_on,
            "Secret vote": r.vote.secret,
            # A secret vote's marks are on a paper nothing links to the voter.
            "Their marks (open votes only)": json.dumps(r.marks) if r.marks is not None else "",
        }
        for r in BallotReceipt.objects.filter(person=person)
        .select_related("vote")
        .order_by("cast_at", "id")
    ]
    proposed: Rows = [
        {
            "Decided on": d.decided_on,
            "Decision": d.text,
            "Who decided": str(vocab.TAKERS.label(d.taken_by)),
        }
        for d in Decision.objects.filter(proposed_by=person).order_by("decided_on", "id")
    ]
    groups: Rows = [
        {"Co-design group": g.name, "Purpose": g.purpose}
        for g in CoDesignGroup.objects.filter(members=person).order_by("name", "id")
    ]
    actions: Rows = [
        {"Co-design group": a.group.name, "Action": a.what, "Due": a.due_on, "Done": a.done_on}
        for a in GroupAction.objects.filter(who=person).select_related("group").order_by("id")
    ]
    return {
        "votes cast": ballots,
        "decisions they proposed": proposed,
        "co-design groups": groups,
        "co-design actions": actions,
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    name = person.name
    return {
        "decisions naming them": scrub_rows(
            Decision.objects.filter(journey_id=journey), ["text", "where_outside"], name, label
        ),
        "co-design groups naming them": scrub_rows(
            CoDesignGroup.objects.filter(journey_id=journey), ["name", "purpose"], name, label
        ),
        "co-design actions naming them": scrub_rows(
            GroupAction.objects.filter(group__journey_id=journey), ["what"], name, label
        ),
        "votes naming them": scrub_rows(
            Vote.objects.filter(journey_id=journey), ["title", "question"], name, label
        )
        + scrub_rows(VoteOption.objects.filter(vote__journey_id=journey), ["label"], name, label),
    }
