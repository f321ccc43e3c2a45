"""Date the log lines that the demo's extensions write, so the record of changes reads as a
timeline.

The core story dates its own lines as it runs (``builder.py``), and some extensions do too
(``decisions/demo.py``). Others call services that know nothing of the story's calendar, so
their lines carry the moment the demo was loaded, and the first pages of a demo journey's
record of changes would all say "today, 05:52". After each extension, the loader calls
:func:`date_new_lines`: each new line about a kind of record listed here is moved to the day that
record is about (the day time was given, the day an expense was claimed...), in the evening.
Lines about kinds not listed are left as the extension wrote them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.journeys.models import Journey

# The kind of record a line is about (``AuditEntry.object_type``) -> the field holding the day
# it happened; "" means the journey's start (a setting-up step with no day of its own).
DATE_OF: dict[str, str] = {
    "Profile": "consent_given_on",
    "ReferencePopulation": "",
    "RecruitmentAction": "planned_on",
    "SupportNeed": "since",
    "Gathering": "held_on",
    "CardBatch": "gathering__held_on",
    "Asset": "gained_on",
    "AssetGap": "found_on",
    "TimeGiven": "on",
    "ExpenseClaim": "claimed_on",
    "Payment": "paid_on",
    "Training": "received_on",
    "Task": "since",
    "Round": "opens_on",
    "Ending": "held_on",
    "EndingView": "ending__held_on",
    "RealistNote": "ending__held_on",
    "Story": "told_on",
    "Feeling": "marked_on",
    "HearingBack": "consent_on",
    "Stakeholder": "planned_on",
    "StakeholderStep": "on",
    "LinkedGroup": "since",
    "JointActivity": "on",
    "Trial": "starts_on",
    "SuccessMeasure": "added_on",
    "ExpectedOutcome": "set_on",
    "TrainingSession": "held_on",
    "StopAsk": "asked_on",
    "Handover": "on",
    "AssetKept": "on",
    "FollowUpReview": "done_on",
    "GroundRule": "proposed_on",
    "Word": "asked_on",
    "Wording": "proposed_on",
}
# Where the action, not the record, says which day (a claim is paid back after it is made).
DATE_OF_ACTION: dict[str, str] = {
    "expense_reimburse": "reimbursed_on",
    "recruitment_update": "outcome_on",
    "round_close": "closed_on",
    "stakeholder_join": "status_on",
    "trial_start": "started_on",
    "trial_finish": "ended_on",
    "trial_stop": "ended_on",
    "trial_result": "ended_on",
    "outcome_review": "reviewed_on",
    "ground_rule_agree": "agreed_on",
    "ground_rule_retire": "retired_on",
    "wording_agree": "agreed_on",
    "task_done": "done_on",
}
EVENING = datetime.time(18, 0)


def _models() -> dict[str, Any]:
    named: dict[str, Any] = {}
    for model in apps.get_models():
        if model.__name__ in DATE_OF:
            assert model.__name__ not in named, f"two models are called {model.__name__}"
            named[model.__name__] = model
    return named


def date_new_lines(journeys: Iterable[Journey], after_id: int, today: datetime.date) -> int:
    """Move the journeys' log lines written after ``after_id`` to the day of what they record.

    A line whose day is unknown (the field is empty) goes to the journey's start; no line is
    dated after now. Lines keep their order within a day (the log sorts by time, then by
    id). Returns how many lines were dated."""
    starts = {j.pk: j.started_on for j in journeys}
    lines = list(
        AuditEntry.objects.filter(journey_id__in=starts, id__gt=after_id).values_list(
            "id", "journey_id", "action", "object_type", "object_id"
        )
    )
    fields: dict[int, tuple[str, str]] = {}
    wanted: dict[tuple[str, str], set[int]] = defaultdict(set)
    for line_id, _journey, action, kind, object_id in lines:
        if kind not in DATE_OF:
            continue
        field = DATE_OF_ACTION.get(action, DATE_OF[kind])
        fields[line_id] = (kind, field)
        if field and object_id is not None:
            wanted[(kind, field)].add(object_id)
    models = _models()
    days: dict[tuple[str, str], dict[int, datetime.date | None]] = {
        (kind, field): dict(
            models[kind].objects.filter(pk__in=ids).values_list("pk", field).order_by()
        )
        for (kind, field), ids in wanted.items()
    }
    by_day: dict[datetime.date, list[int]] = defaultdict(list)
    for line_id, journey_id, _action, _kind, object_id in lines:
        if line_id not in fields:
            continue
        found = days.get(fields[line_id], {}).get(object_id) if object_id is not None else None
        day = found or starts[journey_id] or today
        by_day[min(day, today)].append(line_id)
    zone, now = timezone.get_current_timezone(), timezone.now()
    for day, ids in by_day.items():
        at = min(datetime.datetime.combine(day, EVENING, tzinfo=zone), now)
        AuditEntry.objects.filter(id__in=ids).update(at=at)
    return sum(len(ids) for ids in by_day.values())
