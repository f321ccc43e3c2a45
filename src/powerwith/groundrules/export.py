"""The groundrules part of a journey's export (see ``powerwith.exports``): the ground rules,
the words we use and every wording of the purpose and problem statement, with who proposed
each as the export's pseudonymous code (P001...) and their side on that day."""

from __future__ import annotations

from powerwith.exports import person_ids
from powerwith.journeys.models import Journey

from .models import GroundRule, Word, Wording

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "groundrules_rules": "The group's ground rules: each one's words, who proposed it (a person's "
    "code, empty for the group as a whole) and their role and side that day, when it was "
    "proposed, when the group agreed it (empty if not yet) and when it stopped applying.",
    "groundrules_words": "The group's list of words it uses: each word or phrase, its plain "
    "meaning, who asked what it meant (a code, empty if not recorded) and their side that day, "
    "and when.",
    "groundrules_framing": "Every wording of the journey's purpose and problem statement: its kind "
    "(purpose or problem), the words, who proposed it (a code, empty for the group as a whole) "
    "and their role and side that day, when it was proposed and when the group agreed it "
    "(empty if not yet), and whether it was typed on the journey's settings page.",
}


def tables(journey: Journey) -> dict[str, list[Row]]:
    people = person_ids(journey)

    def who(pk: int | None) -> str:
        return people.get(pk, "") if pk is not None else ""

    return {
        "groundrules_rules": [
            {
                "rule_id": r.pk,
                "text": r.text,
                "proposed_by": who(r.proposed_by_id),
                "proposer_role": r.proposer_role,
                "proposer_side": r.proposer_side,
                "proposed_on": r.proposed_on,
                "agreed_on": r.agreed_on,
                "retired_on": r.retired_on,
            }
            for r in GroundRule.objects.filter(journey=journey).order_by("proposed_on", "id")
        ],
        "groundrules_words": [
            {
                "word_id": w.pk,
                "term": w.term,
                "meaning": w.meaning,
                "asked_by": who(w.asked_by_id),
                "asker_role": w.asker_role,
                "asker_side": w.asker_side,
                "asked_on": w.asked_on,
            }
            for w in Word.objects.filter(journey=journey).order_by("term", "id")
        ],
        "groundrules_framing": [
            {
                "wording_id": w.pk,
                "kind": w.kind,
                "text": w.text,
                "proposed_by": who(w.proposed_by_id),
                "proposer_role": w.proposer_role,
                "proposer_side": w.proposer_side,
                "proposed_on": w.proposed_on,
                "agreed_on": w.agreed_on,
                "from_settings": w.from_settings,
            }
            for w in Wording.objects.filter(journey=journey).order_by("kind", "proposed_on", "id")
        ],
    }
