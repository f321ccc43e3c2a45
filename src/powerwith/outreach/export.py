"""The outreach part of a journey's export (see ``powerwith.exports``).

Names of people outside the register are personal data: a map entry that is one person is
exported with its code (S001...) and no name; organisations and groups of people keep their
names. Whoever approaches them, and the register entry of someone who joined, are the export's
person codes (P001...). Free text (why they matter, how, reasons, notes) goes as written: it is
the group's record, and the erasure of a register entry takes their name out of it.
"""

from __future__ import annotations

from powerwith.exports import person_ids
from powerwith.journeys.models import Journey

from . import vocab
from .models import JointActivity, LinkedGroup, Stakeholder, StakeholderStep

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "outreach_map": "Who should be involved but was not yet (the stakeholder map): each entry "
    "by code (S001...), whether it is a person, an organisation or a group of people (people "
    "are never named; organisations and groups are), the kind of stakeholder, why they matter, "
    "who will approach them (person code) and how, the date added, what happened last and "
    "when, and their person code if they joined the register.",
    "outreach_map_history": "Every step of each map entry's history, in date order: still to "
    "approach, approached, agreed, declined (with the reason given) or no answer.",
    "outreach_groups": "Other groups and networks the journey works with (user-led groups, "
    "campaigns, networks, other co-production groups): kind, how you work together, since "
    "when and until when.",
    "outreach_activities": "What the journey and each of those groups did together, by date.",
    "outreach_codes": "What the codes in the outreach tables mean (kinds, who they are, what "
    "happened, how they were approached, kinds of group).",
}

CODE_LISTS = [
    ("who they are", vocab.FORMS),
    ("kind of stakeholder", vocab.KINDS),
    ("what happened", vocab.STATUSES),
    ("how to approach them", vocab.HOW),
    ("kind of group", vocab.GROUP_KINDS),
]


def tables(journey: Journey) -> dict[str, list[Row]]:
    pids = person_ids(journey)
    entries = list(Stakeholder.objects.filter(journey=journey).order_by("planned_on", "id"))
    codes = {e.pk: f"S{i:03d}" for i, e in enumerate(entries, start=1)}
    groups = list(LinkedGroup.objects.filter(journey=journey).order_by("since", "id"))
    group_codes = {g.pk: f"G{i:02d}" for i, g in enumerate(groups, start=1)}
    return {
        "outreach_map": [
            {
                "entry": codes[e.pk],
                "who_they_are": e.form,
                "name": "" if e.form == vocab.PERSON else e.name,
                "kind": e.kind,
                "why_they_matter": e.why,
                "approached_by": pids.get(e.approacher_id, "") if e.approacher_id else "",
                "how": e.how,
                "how_notes": e.how_notes,
                "planned_on": e.planned_on,
                "status": e.status,
                "status_on": e.status_on,
                "joined_as": pids.get(e.person_id, "") if e.person_id else "",
            }
            for e in entries
        ],
        "outreach_map_history": [
            {
                "entry": codes[s.stakeholder_id],
                "status": s.status,
                "on": s.on,
                "reason": s.reason,
                "notes": s.notes,
            }
            for s in StakeholderStep.objects.filter(journey=journey).order_by(
                "stakeholder__planned_on", "stakeholder_id", "on", "id"
            )
        ],
        "outreach_groups": [
            {
                "group": group_codes[g.pk],
                "name": g.name,
                "kind": g.kind,
                "about": g.about,
                "website": g.website,
                "another_journey_on_powerwith": g.other_journey_id is not None,
                "since": g.since,
                "ended_on": g.ended_on,
            }
            for g in groups
        ],
        "outreach_activities": [
            {"group": group_codes[a.group_id], "on": a.on, "what": a.what}
            for a in JointActivity.objects.filter(journey=journey).order_by("on", "id")
        ],
        "outreach_codes": [
            {"list": name, "code": t.code, "label": t.label, "meaning": t.explanation}
            for name, v in CODE_LISTS
            for t in v
        ],
    }
