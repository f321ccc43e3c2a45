"""What reflection holds about a person, and erasing it (see ``powerwith.rights``).

Named answers are theirs: ratings, choices and words. For an anonymous round only the receipt
is theirs (that they answered, so nobody answers twice); anonymous answers are never linked to
anyone, here or anywhere, so they are neither shown as theirs nor touched by erasure.

Erasure removes the words of their named answers and keeps the ratings and choices on the
pseudonymised entry, so the round's figures keep their counts.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import (
    Ending,
    EndingView,
    NamedAnswer,
    NamedAnswerSet,
    RealistNote,
    Receipt,
    Round,
)

Rows = list[dict[str, object]]

VIEW_FIELDS = [
    "perspective",
    "achieved",
    "skills_gained",
    "worked",
    "did_not_work",
    "carry_forward",
    "still_lacking",
]


def held(person: Person) -> dict[str, Rows]:
    answers: Rows = [
        {
            "Round": a.answer_set.round.title,
            "Answered on": a.answer_set.answered_on,
            "Question": a.question.text,
            "Rating (1 to 5)": a.rating,
            "Did not know": a.dont_know,
            "Choice": a.choice,
            "Their words": a.text,
            "Who may read it": vocab.CONSENT.label(a.answer_set.consent),
        }
        for a in NamedAnswer.objects.filter(answer_set__person=person)
        .select_related("answer_set__round", "question")
        .order_by("answer_set__answered_on", "answer_set_id", "id")
    ]
    # Rounds with anonymous answers: only that they answered. Their answers are not linked to
    # them, and must never be.
    receipts: Rows = [
        {"Round": r.round.title, "Answers are anonymous": r.round.anonymous, "Answered": True}
        for r in Receipt.objects.filter(person=person).select_related("round").order_by("round_id")
    ]
    views: Rows = [
        {
            "Ending": v.ending.title,
            **{f.replace("_", " ").capitalize(): getattr(v, f) for f in VIEW_FIELDS},
        }
        for v in EndingView.objects.filter(person=person).select_related("ending").order_by("id")
    ]
    return {
        "named reflection answers": answers,
        "reflection rounds answered": receipts,
        "views at an ending": views,
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    named = NamedAnswerSet.objects.filter(person=person)
    words = NamedAnswer.objects.filter(answer_set__in=named).exclude(text="").update(text="")
    name = person.name
    return {
        "named answers' words removed": words,
        "ending views naming them": scrub_rows(
            EndingView.objects.filter(ending__journey_id=journey), VIEW_FIELDS, name, label
        ),
        "endings naming them": scrub_rows(
            Ending.objects.filter(journey_id=journey), ["title", "summary"], name, label
        ),
        "realist notes naming them": scrub_rows(
            RealistNote.objects.filter(ending__journey_id=journey),
            ["context", "mechanism", "outcome"],
            name,
            label,
        ),
        "rounds naming them": scrub_rows(
            Round.objects.filter(journey_id=journey), ["title", "message"], name, label
        ),
    }
