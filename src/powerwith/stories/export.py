"""The stories part of a journey's export (see ``powerwith.exports``).

Only stories whose teller's consent for "in public reports and exports" is in force on the day
of the export, and never a withdrawn one: the export is checked at the moment it is made, as a
player is. Files are not in the ZIP (the table says what kinds there are); people by their
export codes.
"""

from __future__ import annotations

from powerwith.exports import person_ids
from powerwith.journeys.models import Journey

from . import selectors, vocab

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "stories": "The stories whose tellers agreed to their use in public reports and exports, as "
    "that consent stands on the day of the export: who told it (their code), their side and "
    "role on that day, how it was told, when, its title and words, and the kinds of file it has "
    "(the files themselves stay in PowerWith). Withdrawn stories, and stories without that "
    "consent, are never included.",
}


def tables(journey: Journey) -> dict[str, list[Row]]:
    ids = person_ids(journey)
    shared = selectors.with_consent(selectors.standing(journey), vocab.PUBLIC).prefetch_related(
        "files"
    )
    rows: list[Row] = [
        {
            "story_id": s.pk,
            "teller": ids.get(s.teller_id, "") if s.teller_id else "",
            "teller_side": s.teller_side,
            "teller_role": s.teller_role,
            "medium": s.medium,
            "told_on": s.told_on,
            "title": s.title,
            "words": s.words,
            "files": "; ".join(sorted(f.kind for f in s.files.all())),
        }
        for s in shared.order_by("told_on", "id")
    ]
    return {"stories": rows}
