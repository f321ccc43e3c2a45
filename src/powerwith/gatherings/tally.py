"""The turn tally kept on each attendance row: how many times the person spoke at that
gathering, how many of those turns were timed, and for how many seconds in all.

The speaking turns stay the record; the tally is a rollup of them, recounted from the turns in
the same transaction as every change to them (see gatherings.services), so that the power
dashboard reads one row per person per gathering instead of every turn of the journey.
Written against the models it is given, so the migration that introduced the tally can use it
with its historical models.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce


def recount(attendance: Any, turn: Any, **where: Any) -> int:
    """Recount the tally of the attendance rows matching ``where`` from their turns, in one
    UPDATE. Returns how many rows were written."""
    theirs = (
        turn.objects.filter(gathering_id=OuterRef("gathering_id"), person_id=OuterRef("person_id"))
        .order_by()
        .values("gathering_id", "person_id")
    )

    def one(**agg: Any) -> Any:
        (name,) = agg
        return Coalesce(
            Subquery(theirs.annotate(**agg).values(name)[:1], output_field=IntegerField()),
            Value(0),
        )

    return int(
        attendance.objects.filter(**where).update(
            turn_count=one(n=Count("id")),
            timed_turns=one(n=Count("seconds")),
            turn_seconds=one(n=Sum("seconds")),
        )
    )


def mismatches(attendance: Any, turn: Any, **where: Any) -> list[dict[str, Any]]:
    """Attendance rows whose tally differs from their turns, and speakers with no attendance
    row (the tally's two promises). Empty when all is well."""
    counted = {
        (r["gathering_id"], r["person_id"]): (r["n"], r["timed"], r["s"] or 0)
        for r in turn.objects.filter(**where)
        .values("gathering_id", "person_id")
        .annotate(n=Count("id"), timed=Count("seconds"), s=Sum("seconds"))
        .order_by()
    }
    wrong: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for r in attendance.objects.filter(**where).values(
        "gathering_id", "person_id", "turn_count", "timed_turns", "turn_seconds"
    ):
        key = (r["gathering_id"], r["person_id"])
        seen.add(key)
        want = counted.get(key, (0, 0, 0))
        have = (r["turn_count"], r["timed_turns"], r["turn_seconds"])
        if have != want:
            wrong.append({"gathering": key[0], "person": key[1], "tally": have, "turns": want})
    for key in sorted(set(counted) - seen):
        wrong.append({"gathering": key[0], "person": key[1], "tally": None, "turns": counted[key]})
    return wrong
