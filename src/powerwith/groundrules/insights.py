"""The ground rules, words and framing section of the power dashboard and of
``powerwith insights --json`` (KEY ``groundrules``; docs/insights.md "## groundrules").

Everything is counted as it stood on the period's last day (today for an open period): the
ground rules in force that day, the words on the list by then, the wordings proposed and
agreed by then. Who proposed something is counted by the side they were on the day they
proposed it (the snapshot on the record). Shares are 0 to 1, 3 decimal places, null when there
is nothing to divide by. These are counts of records, not of people's characteristics, so
nothing is suppressed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.gatherings.models import Gathering
from powerwith.insights.core import Ctx
from powerwith.insights.maths import percent, share
from powerwith.insights.period import Period
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab

from . import vocab
from .models import GroundRule, Word, Wording

KEY = "groundrules"
TITLE = gettext_noop("Ground rules, words we use, and who framed the problem")
TEMPLATE = "groundrules/_dashboard.html"

LIVED, PROFESSIONAL = people_vocab.LIVED, people_vocab.PROFESSIONAL
GROUP = "group"  # proposed by the group as a whole (no person recorded)
TOOLKIT = "Whitehead / Centre for Loneliness Studies 2021"
DUROSE = "Durose, Richardson & Perry 2024"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "no_ground_rules": {"min_gatherings": 1},
    "no_words_list": {"min_gatherings": 1},
    "framing_without_lived_experience": {"min_wordings": 1},
}

EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "no_ground_rules": {
        "gatherings_held": Shown(gettext_lazy("Gatherings held")),
        "ground_rules": Shown(gettext_lazy("Ground rules in force")),
    },
    "no_words_list": {
        "gatherings_held": Shown(gettext_lazy("Gatherings held")),
        "words": Shown(gettext_lazy("Words on the list")),
    },
    "framing_without_lived_experience": {
        "agreed_wordings": Shown(gettext_lazy("Agreed wordings of the purpose and problem")),
        "by_named_person": Shown(gettext_lazy("Of which proposed by a named person")),
        "by_lived": Shown(gettext_lazy("Of which proposed by someone with lived experience")),
    },
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "no_ground_rules": {
        "min_gatherings": ThresholdInfo(
            gettext_lazy("Gatherings held before warning"),
            "count",
            gettext_lazy("Say nothing until the group has met this many times."),
            minimum=1,
        )
    },
    "no_words_list": {
        "min_gatherings": ThresholdInfo(
            gettext_lazy("Gatherings held before warning"),
            "count",
            gettext_lazy("Say nothing until the group has met this many times."),
            minimum=1,
        )
    },
    "framing_without_lived_experience": {
        "min_wordings": ThresholdInfo(
            gettext_lazy("Wordings by named people before warning"),
            "count",
            gettext_lazy("Say nothing until this many agreed wordings name who proposed them."),
            minimum=1,
        )
    },
}

WARNING_TITLES = {
    "no_ground_rules": gettext_lazy("The group meets without agreed ground rules"),
    "no_words_list": gettext_lazy("The group has no list of the words it uses"),
    "framing_without_lived_experience": gettext_lazy(
        "Nobody with lived experience proposed the purpose or problem"
    ),
}


def _side(row: dict[str, Any], person: str, side: str) -> str:
    if row[person] is None:
        return GROUP
    return row[side] if row[side] in (LIVED, PROFESSIONAL) else GROUP


def _by(rows: list[dict[str, Any]], person: str, side: str) -> dict[str, int]:
    out = {LIVED: 0, PROFESSIONAL: 0, GROUP: 0}
    for r in rows:
        out[_side(r, person, side)] += 1
    return out


def _current(rows: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    agreed = [r for r in rows if r["kind"] == kind and r["agreed_on"] is not None]
    if not agreed:
        return None
    now = max(agreed, key=lambda r: (r["agreed_on"], r["id"]))
    return {
        "agreed_on": now["agreed_on"].isoformat(),
        "proposed_by": _side(now, "proposed_by_id", "proposer_side"),
    }


def compute(journey: Journey, period: Period, *, shared: Ctx | None = None) -> dict[str, Any]:
    end: datetime.date = period.end or (shared.today if shared else timezone.localdate())
    rule_fields = (
        "id",
        "proposed_by_id",
        "proposer_side",
        "proposed_on",
        "agreed_on",
        "retired_on",
    )
    rules = list(
        GroundRule.objects.filter(journey=journey, proposed_on__lte=end).values(*rule_fields)
    )
    in_force = [
        r
        for r in rules
        if r["agreed_on"] is not None
        and r["agreed_on"] <= end
        and (r["retired_on"] is None or r["retired_on"] > end)
    ]
    in_force_by = _by(in_force, "proposed_by_id", "proposer_side")
    words: list[dict[str, Any]] = [
        dict(r)
        for r in Word.objects.filter(journey=journey, asked_on__lte=end).values(
            "asked_by_id", "asker_side", "asked_on"
        )
    ]
    words_by = _by(words, "asked_by_id", "asker_side")
    wordings: list[dict[str, Any]] = [
        dict(r)
        for r in Wording.objects.filter(journey=journey, proposed_on__lte=end).values(
            "id", "kind", "proposed_by_id", "proposer_side", "proposed_on", "agreed_on"
        )
    ]
    for w in wordings:  # agreed after the period's end: not yet agreed then
        if w["agreed_on"] is not None and w["agreed_on"] > end:
            w["agreed_on"] = None
    agreed = [w for w in wordings if w["agreed_on"] is not None]
    agreed_by = _by(agreed, "proposed_by_id", "proposer_side")
    currents = {k.code: _current(wordings, k.code) for k in vocab.FRAMING_KINDS}
    if shared is not None and period.start is None:
        # Every gathering up to the end: the dashboard's read of the period's gatherings has them.
        gatherings_held = sum(1 for g in shared.gathering_rows.values() if g["held_on"] <= end)
    else:
        gatherings_held = Gathering.objects.filter(journey=journey, held_on__lte=end).count()
    return {
        "as_of": end.isoformat(),
        "gatherings_held": gatherings_held,
        "ground_rules": {
            "in_force": len(in_force),
            "waiting": sum(
                1
                for r in rules
                if (r["agreed_on"] is None or r["agreed_on"] > end)
                and (r["retired_on"] is None or r["retired_on"] > end)
            ),
            "no_longer_in_force": sum(
                1 for r in rules if r["retired_on"] is not None and r["retired_on"] <= end
            ),
            "agreed_in_period": sum(
                1 for r in rules if r["agreed_on"] is not None and period.contains(r["agreed_on"])
            ),
            "in_force_by_proposer": in_force_by,
            "in_force_lived_share": share(
                in_force_by[LIVED], in_force_by[LIVED] + in_force_by[PROFESSIONAL]
            ),
        },
        "words": {
            "words": len(words),
            "added_in_period": sum(1 for w in words if period.contains(w["asked_on"])),
            "by_asker": words_by,
        },
        "framing": {
            "wordings": len(wordings),
            "agreed_wordings": len(agreed),
            "waiting": len(wordings) - len(agreed),
            "agreed_by_proposer": agreed_by,
            "lived_share": share(agreed_by[LIVED], agreed_by[LIVED] + agreed_by[PROFESSIONAL]),
            "current": currents,
            "current_from_lived": sum(
                1 for c in currents.values() if c is not None and c["proposed_by"] == LIVED
            ),
        },
    }


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """This section's warning signs, fired or not, against ``thresholds`` (defaults merged with
    the journey's own settings)."""

    held = data["gatherings_held"]
    rules = data["ground_rules"]["in_force"]
    n_words = data["words"]["words"]
    framing = data["framing"]
    out: list[WarningSign] = []

    th = thresholds["no_ground_rules"]
    met = ngettext("The group has met %(n)s time", "The group has met %(n)s times", held) % {
        "n": held
    }
    out.append(
        WarningSign(
            code="no_ground_rules",
            title=str(WARNING_TITLES["no_ground_rules"]),
            fired=held >= int(th["min_gatherings"]) and rules == 0,
            explanation=(
                _("%(met)s and has no agreed ground rules in force.") % {"met": met}
                if rules == 0
                else ngettext(
                    "%(n)s ground rule agreed by the group is in force.",
                    "%(n)s ground rules agreed by the group are in force.",
                    rules,
                )
                % {"n": rules}
            ),
            research=_(
                "Ground rules the group writes together (listening, one voice at a time, "
                "confidentiality, breaks) make it safer for people with less power to speak. "
                "Rules set by staff alone tend to protect the meeting, not the people in it."
            ),
            question=_(
                "What would help everyone feel able to speak here? Can we agree it together?"
            ),
            based_on=_("%(toolkit)s (ground rules)") % {"toolkit": TOOLKIT},
            evidence={"gatherings_held": held, "ground_rules": rules},
            thresholds=dict(th),
        )
    )

    th = thresholds["no_words_list"]
    out.append(
        WarningSign(
            code="no_words_list",
            title=str(WARNING_TITLES["no_words_list"]),
            fired=held >= int(th["min_gatherings"]) and n_words == 0,
            explanation=(
                _("%(met)s and has no list of the words it uses.") % {"met": met}
                if n_words == 0
                else ngettext(
                    "%(n)s word is on the group's list, with its plain meaning.",
                    "%(n)s words are on the group's list, with their plain meaning.",
                    n_words,
                )
                % {"n": n_words}
            ),
            research=_(
                "Jargon and short names keep people out: someone who does not know what an "
                "“MDT” is may not ask, and stops taking part. A list the group keeps together "
                "makes it normal to ask."
            ),
            question=_("Which words have we used that not everyone knew? Who could we ask?"),
            based_on=_("%(toolkit)s (jargon)") % {"toolkit": TOOLKIT},
            evidence={"gatherings_held": held, "words": n_words},
            thresholds=dict(th),
        )
    )

    th = thresholds["framing_without_lived_experience"]
    by = framing["agreed_by_proposer"]
    named = by[LIVED] + by[PROFESSIONAL]
    fired = named >= int(th["min_wordings"]) and by[LIVED] == 0
    if fired:
        explanation = ngettext(
            "None of the %(n)s agreed wording of the purpose and problem that name who proposed "
            "them came from someone with lived experience.",
            "None of the %(n)s agreed wordings of the purpose and problem that name who proposed "
            "them came from someone with lived experience.",
            named,
        ) % {"n": named}
    elif named == 0:
        explanation = _(
            "No agreed wording of the purpose or problem says which person proposed it, so we "
            "cannot tell who framed them."
        )
    else:
        explanation = _(
            "%(lived)s of the agreed wordings of the purpose and problem that name who proposed "
            "them came from people with lived experience (%(share)s)."
        ) % {"lived": by[LIVED], "share": percent(framing["lived_share"], _("an unknown share"))}
    out.append(
        WarningSign(
            code="framing_without_lived_experience",
            title=str(WARNING_TITLES["framing_without_lived_experience"]),
            fired=fired,
            explanation=explanation,
            research=_(
                "Whoever puts the problem into words decides what counts as a solution. When "
                "staff frame it and people with lived experience only respond, the group "
                "co-produces answers to someone else's question."
            ),
            question=_("How would the people who use the service describe the problem?"),
            based_on=_("%(durose)s (framing the problem)") % {"durose": DUROSE},
            evidence={
                "agreed_wordings": framing["agreed_wordings"],
                "by_named_person": named,
                "by_lived": by[LIVED],
            },
            thresholds=dict(th),
        )
    )
    return out
