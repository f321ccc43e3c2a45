"""What stories hold about a person (the stories they told and their consent), and erasing
it (see ``powerwith.rights``).

Erasure withdraws every story they told, exactly as withdrawal does: the files are deleted from
storage and the words and titles go; the bare row (side, medium, date) stays so the figures
can still count a withdrawn story. Their name is taken out of other stories' words.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import services, vocab
from .models import Consent, Feeling, Story

Rows = list[dict[str, object]]


def held(person: Person) -> dict[str, Rows]:
    stories = list(Story.objects.filter(teller=person).prefetch_related("files"))
    told: Rows = [
        {
            "Told on": s.told_on,
            "Title": s.title,
            "Words": s.words,
            "How it was told": vocab.MEDIA.label(s.medium),
            "How it reached the group": s.provenance,
            "Files kept": len(s.files.all()),
            "Withdrawn on": s.withdrawn_on,
        }
        for s in sorted(stories, key=lambda s: (s.told_on, s.pk))
    ]
    consents: Rows = [
        {
            "Story told on": c.story.told_on,
            "Use": vocab.USES.label(c.use),
            "How it was given": vocab.CONSENT_HOW.label(c.how),
            "Given on": c.given_on,
            "Given on their behalf by": c.given_by,
            "Until": c.until,
            "Withdrawn on": c.ended_on,
        }
        for c in Consent.objects.filter(story__teller=person)
        .select_related("story")
        .order_by("story__told_on", "story_id", "use", "given_on", "id")
    ]
    felt: Rows = [
        {
            "Marked on": f.marked_on,
            "Moment": f.touchpoint.name,
            "How it felt": vocab.DIRECTIONS.label(f.direction),
            "Feelings": ", ".join(vocab.FEELINGS.label(c) for c in f.feelings.split(",") if c),
            "How strongly": vocab.STRENGTHS.label(str(f.strength)),
            "How it reached the group": f.provenance,
        }
        for f in Feeling.objects.filter(person=person).select_related("touchpoint")
    ]
    return {
        "stories they told": told,
        "their consent for each use": consents,
        "how moments felt to them": felt,
    }


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    files_deleted = 0
    withdrawn = 0
    for story in Story.objects.filter(teller=person, withdrawn_on__isnull=True):
        files_deleted += services.withdraw_now(story)
        withdrawn += 1
    return {
        "stories withdrawn": withdrawn,
        "story files deleted": files_deleted,
        "stories naming them": scrub_rows(
            Story.objects.filter(journey_id=person.journey_id, withdrawn_on__isnull=True),
            ["title", "words", "provenance"],
            person.name,
            pseudonym_for(person.pk),
        ),
        # Feelings stay in the emotional map by side; only who marked them goes.
        "feelings no longer linked to them": Feeling.objects.filter(person=person).update(
            person=None, provenance=""
        ),
        "consents naming them": scrub_rows(
            Consent.objects.filter(story__journey_id=person.journey_id),
            ["given_by"],
            person.name,
            pseudonym_for(person.pk),
        ),
    }
