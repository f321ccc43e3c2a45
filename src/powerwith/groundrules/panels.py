"""What this app shows on pages of the apps below it (registered in ``apps.py``): the framing
and the ground rules on the agreement page, the ground rules and words on a gathering's page.
Each reads with one or two queries."""

from __future__ import annotations

from typing import Any

from powerwith.common.access import Access
from powerwith.gatherings import panels as gathering_panels
from powerwith.journeys import panels as journey_panels

from . import selectors, vocab
from .models import Wording


def framing_panel(access: Access, user: Any) -> journey_panels.Panel:
    journey = access.journey
    wordings = list(
        Wording.objects.filter(journey=journey)
        .select_related("proposed_by")
        .order_by("-agreed_on", "-id")
    )
    agreed = [w for w in wordings if w.agreed_on is not None]
    problem = next((w for w in agreed if w.kind == vocab.PROBLEM), None)
    purpose = next((w for w in agreed if w.kind == vocab.PURPOSE), None)
    return journey_panels.Panel(
        "groundrules/_framing_panel.html",
        {
            "journey": journey,
            "problem": problem,
            "purpose": purpose,
            "waiting": sum(1 for w in wordings if w.agreed_on is None),
            "versions": len(wordings),
        },
    )


def agreement_panel(access: Access, user: Any) -> journey_panels.Panel:
    journey = access.journey
    return journey_panels.Panel(
        "groundrules/_agreement_panel.html",
        {
            "journey": journey,
            "rules": list(selectors.agreed_rules(journey)),
            "n_words": selectors.words(journey).count(),
        },
    )


def gathering_panel(access: Access, user: Any, gathering: Any) -> gathering_panels.Panel:
    """The rules in force on the gathering's day, and the words, for everyone in the room."""
    journey = access.journey
    return gathering_panels.Panel(
        "groundrules/_gathering_panel.html",
        {
            "journey": journey,
            "rules": list(selectors.agreed_rules(journey, gathering.held_on)),
            "words": list(selectors.words(journey)),
        },
    )
