"""Small helpers that build insights fixtures through the real services."""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.contributions import services as cs
from powerwith.gatherings import services as gs
from powerwith.people import services as ps
from tests.conftest import World

D = datetime.date
JOINED = D(2025, 1, 6)


def person(w: World, name: str, role: str, joined: datetime.date = JOINED, **kw: Any) -> Any:
    return ps.person_create(
        actor=w.facilitator, journey=w.journey, name=name, role=role, joined_on=joined, **kw
    )


def gathering(
    w: World,
    held_on: datetime.date,
    kind: str = "formal_meeting",
    venue: str = "institutional",
    title: str = "",
    group: Any = None,
) -> Any:
    return gs.gathering_create(
        actor=w.facilitator,
        journey=w.journey,
        title=title or f"Meeting {held_on:%d %b}",
        kind=kind,
        held_on=held_on,
        venue_kind=venue,
        group=group,
    )


def came(w: World, g: Any, *people: Any, status: str = "present") -> None:
    gs.attendance_set(actor=w.facilitator, gathering=g, statuses={p.pk: status for p in people})


def spoke(w: World, g: Any, counts: dict[Any, int], minutes: dict[Any, int] | None = None) -> None:
    gs.turns_enter(
        actor=w.facilitator,
        gathering=g,
        counts={p.pk: n for p, n in counts.items()},
        minutes={p.pk: m for p, m in (minutes or {}).items()},
    )


def item(w: World, g: Any, title: str, by: Any = None) -> Any:
    return gs.agenda_item_add(actor=w.facilitator, gathering=g, title=title, proposed_by=by)


def raise_(
    w: World,
    text: str,
    channel: str,
    on: datetime.date,
    by: Any = None,
    gathering: Any = None,
) -> Any:
    return cs.contribution_create(
        actor=w.facilitator,
        journey=w.journey,
        text=text,
        channel=channel,
        raised_on=on,
        raised_by=by,
        anonymous=by is None,
        gathering=gathering,
    )


def fate(w: World, c: Any, to: str, on: datetime.date, **kw: Any) -> None:
    cs.contribution_set_fate(actor=w.facilitator, contribution=c, fate=to, on=on, **kw)


def set_thresholds(w: World, **codes: dict[str, Any]) -> None:
    """Give the journey its own thresholds (stored as a facilitator would through the page)."""
    w.journey.options = {**(w.journey.options or {}), "warnings": codes}
    w.journey.save(update_fields=["options"])
