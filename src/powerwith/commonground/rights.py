"""What statement rounds hold about a person, and erasing it (see ``powerwith.rights``).

Only a member who took part signed in is linked to a participant. Their votes are theirs
while the link exists. Erasure cuts the link: the participant becomes as pseudonymous as
anyone who answered by a link, keeping its side and votes, so every round's groups, consensus
and side figures stay exactly as they were. Statements naming them are rewritten.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from .models import AGREE, DISAGREE, PASS, Participant, Response, Statement, Vote

Rows = list[dict[str, object]]
# A record, so in English whatever the reader's language.
VOTE_WORDS = {AGREE: "Agree", PASS: "Pass or unsure", DISAGREE: "Disagree"}


def _answers(rows: Any, when: str) -> Rows:
    """One row per answer (a latest response or a vote of the history), as the copy shows it."""
    return [
        {
            "Round": a.statement.round.question,
            "Statement": a.statement.text,
            "Response": VOTE_WORDS[a.vote],
            "When": getattr(a, when),
        }
        for a in rows.select_related("statement__round")
    ]


def held(person: Person) -> dict[str, Rows]:
    responses = _answers(
        Response.objects.filter(participant__person=person).order_by(
            "statement__round_id", "statement_id"
        ),
        "created_at",
    )
    # Every answer they gave, changes of mind included, oldest first (the history).
    history = _answers(
        Vote.objects.filter(participant__person=person).order_by("cast_at", "pk"), "cast_at"
    )
    written: Rows = [
        {"Round": s.round.question, "Statement": s.text}
        for s in Statement.objects.filter(author__person=person)
        .select_related("round")
        .order_by("pk")
    ]
    return {
        "statement responses": responses,
        "every statement answer given": history,
        "statements written": written,
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    statements = Statement.objects.filter(round__journey_id=person.journey_id)
    named = scrub_rows(statements, ["text"], person.name, label)
    unlinked = Participant.objects.filter(person=person).update(person=None)
    return {"statement rounds unlinked": unlinked, "statements naming them": named}
