"""Reads for outreach: the map as it stood at a date, and the linked groups' figures.

Definitions (docs/insights.md, "## outreach"): an entry counts from its ``planned_on``; its
status at a date is its latest step dated on or before it (ties: the step recorded last); it
is "reached" once any step on or before the date is approached, agreed, declined or no answer.
"""

from __future__ import annotations

import datetime
import statistics
from typing import Any

from django.db.models import Q
from django.utils import timezone

from powerwith.insights.maths import share
from powerwith.insights.period import Period
from powerwith.journeys.models import Journey

from . import vocab
from .models import JointActivity, LinkedGroup, Stakeholder


def end_of(period: Period) -> datetime.date:
    return period.end or timezone.localdate()


def _median(values: list[int]) -> float | None:
    return round(float(statistics.median(values)), 1) if values else None


def map_state(
    journey: Journey, at: datetime.date, *, memo: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Each entry planned on or before ``at``, with its status then (one query). ``memo``: a
    dashboard call's ``Ctx.memo``, so that the sections showing the same map (outreach's own
    figures, inclusion's "who is missing") read it once; callers only read the rows."""
    if memo is None:
        return _map_state(_entries(journey, None), at)
    key = f"outreach.map_state:{at.isoformat()}"
    if key not in memo:
        memo[key] = _map_state(_entries(journey, memo), at)
    rows: list[dict[str, Any]] = memo[key]
    return rows


# An entry of the map (``id``, ``kind``, ``planned_on``, ``approacher_id``, ``person_id``) and
# its steps, ``(status, on)`` in date order (ties: the one recorded first).
_Entry = tuple[dict[str, Any], list[tuple[str, datetime.date]]]
_ENTRY_FIELDS = ("id", "kind", "planned_on", "approacher_id", "person_id")


def _entries(journey: Journey, memo: dict[str, Any] | None) -> list[_Entry]:
    """Every entry of the journey's map, in the map's order, read with its steps in one
    statement (a step's journey is always its entry's), and once per ``memo``: the map at any
    date and the steps of any period come from them (a journey has few)."""
    key = "outreach.entries"
    if memo is not None and key in memo:
        found: list[_Entry] = memo[key]
        return found
    entries: dict[int, _Entry] = {}
    for row in (
        Stakeholder.objects.filter(journey=journey)
        .order_by("kind", "name", "id", "steps__on", "steps__id")
        .values(*_ENTRY_FIELDS, "steps__status", "steps__on")
    ):
        if row["id"] not in entries:
            entries[row["id"]] = ({k: row[k] for k in _ENTRY_FIELDS}, [])
        if row["steps__on"] is not None:  # None: an entry with no step yet
            entries[row["id"]][1].append((row["steps__status"], row["steps__on"]))
    found = list(entries.values())
    if memo is not None:
        memo[key] = found
    return found


def _map_state(entries: list[_Entry], at: datetime.date) -> list[dict[str, Any]]:
    out = []
    for entry, steps in entries:
        if entry["planned_on"] > at:
            continue
        history = [(status, on) for status, on in steps if on <= at]
        reached_on = next((on for status, on in history if status in vocab.REACHED), None)
        out.append(
            {
                **entry,
                "status": history[-1][0] if history else vocab.TO_APPROACH,
                "reached_on": reached_on,
            }
        )
    return out


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    waiting = [r for r in rows if r["status"] == vocab.TO_APPROACH]
    return {
        "entries": len(rows),
        "reached": sum(1 for r in rows if r["reached_on"] is not None),
        "agreed": sum(1 for r in rows if r["status"] == vocab.AGREED),
        "declined": sum(1 for r in rows if r["status"] == vocab.DECLINED),
        "no_answer": sum(1 for r in rows if r["status"] == vocab.NO_ANSWER),
        "awaiting_answer": sum(1 for r in rows if r["status"] == vocab.APPROACHED),
        "still_to_approach": len(waiting),
        "no_one_approaching": sum(1 for r in waiting if r["approacher_id"] is None),
    }


def map_figures(
    journey: Journey, period: Period, *, memo: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The stakeholder map at the end of ``period``, and what happened during it (``memo``: see
    :func:`map_state`)."""
    at = end_of(period)
    # Without the dashboard's memo, one of its own: the map is read once for its state and
    # for the period's steps below.
    memo = memo if memo is not None else {}
    rows = map_state(journey, at, memo=memo)
    totals = _counts(rows)
    by_kind = []
    for term in vocab.KINDS:
        mine = [r for r in rows if r["kind"] == term.code]
        if mine:
            by_kind.append({"kind": term.code, "label": term.label, **_counts(mine)})
    waiting_days = [(at - r["planned_on"]).days for r in rows if r["status"] == vocab.TO_APPROACH]
    to_reach = [(r["reached_on"] - r["planned_on"]).days for r in rows if r["reached_on"]]
    in_period = {code: 0 for code in vocab.REACHED}
    for _entry, steps in _entries(journey, memo):
        for status, on in steps:
            if status != vocab.TO_APPROACH and period.contains(on):
                in_period[status] += 1
    return {
        "as_at": at.isoformat(),
        **totals,
        "reached_share": share(totals["reached"], totals["entries"]),
        "agreed_share": share(totals["agreed"], totals["entries"]),
        "joined_register": sum(1 for r in rows if r["person_id"] is not None),
        "by_kind": by_kind,
        "median_days_waiting": _median(waiting_days),
        "longest_days_waiting": max(waiting_days) if waiting_days else None,
        "median_days_to_reach": _median(to_reach),
        "steps_in_period": in_period,
    }


def map_gaps(
    journey: Journey, period: Period, *, memo: dict[str, Any] | None = None
) -> dict[str, Any]:
    """For the inclusion section's "who is missing": entries not yet reached and not yet
    agreed, by kind, at the end of ``period`` (``memo``: see :func:`map_state`)."""
    rows = map_state(journey, end_of(period), memo=memo)

    def gaps(part: list[dict[str, Any]]) -> dict[str, int]:
        return {
            "entries": len(part),
            "not_reached": sum(1 for r in part if r["reached_on"] is None),
            "not_agreed": sum(1 for r in part if r["status"] != vocab.AGREED),
        }

    by_kind = []
    for term in vocab.KINDS:
        mine = [r for r in rows if r["kind"] == term.code]
        if mine:
            by_kind.append({"kind": term.code, "label": term.label, **gaps(mine)})
    return {**gaps(rows), "by_kind": by_kind}


def link_figures(journey: Journey, period: Period) -> dict[str, Any]:
    """The groups the journey worked with during ``period`` and what they did together."""
    at = end_of(period)
    q = Q(journey=journey, since__lte=at)
    if period.start is not None:
        q &= Q(ended_on__isnull=True) | Q(ended_on__gte=period.start)
    groups = list(LinkedGroup.objects.filter(q).values("id", "kind", "other_journey_id"))
    ids = {g["id"] for g in groups}
    # The joint activities up to ``at``, read once (a journey has few): the period's, and the
    # latest of all.
    every_act = list(
        JointActivity.objects.filter(journey=journey, on__lte=at).values_list("group_id", "on")
    )
    acts = [(group_id, on) for group_id, on in every_act if period.contains(on)]
    last = max((on for _group, on in every_act), default=None)
    active = {g for g, _ in acts if g in ids}
    by_kind = {t.code: 0 for t in vocab.GROUP_KINDS}
    for g in groups:
        by_kind[g["kind"]] += 1
    return {
        "groups": len(groups),
        "by_kind": by_kind,
        "other_journeys": sum(1 for g in groups if g["other_journey_id"] is not None),
        "activities": len(acts),
        "groups_with_activity": len(active),
        "groups_with_activity_share": share(len(active), len(groups)),
        "days_since_last_activity": (at - last).days if last is not None else None,
    }


def entries_for(journey: Journey) -> list[Stakeholder]:
    return list(
        Stakeholder.objects.filter(journey=journey)
        .select_related("approacher", "person")
        .order_by("kind", "name", "id")
    )


def groups_for(journey: Journey) -> list[LinkedGroup]:
    return list(
        LinkedGroup.objects.filter(journey=journey)
        .select_related("other_journey")
        .prefetch_related("activities")
        .order_by("name", "id")
    )
