"""Who chose who was in the room, in the demo journeys (see ``powerwith.demo.context``).

The breast-care journey starts the way many do: staff draw up the invitation lists for the
formal meetings, until patients join them in choosing; its café sessions are open to anyone.
The council lab's sessions are mostly open; its workshops' lists are drawn up by community
members with the team. The most recent gathering of each has nothing recorded yet.
"""

from __future__ import annotations

from typing import Any

from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.people import vocab as p_vocab

from . import services, vocab

LEFT_OFF = {
    EBCD: [
        (
            "Patients treated more than five years ago",
            "The list was drawn up from this year's clinic lists, so nobody thought of them.",
        ),
        ("Night-shift nurses", "Held at two in the afternoon on a weekday."),
    ],
    LAB: [
        (
            "Young carers",
            "The workshop was in school hours; we said we would hold the next one after four.",
        ),
    ],
}


def _journey(ctx: DemoContext, dj: DemoJourney) -> None:
    people = sorted(dj.people.values(), key=lambda p: (p.name, p.pk))
    staff = [p for p in people if p.side == p_vocab.PROFESSIONAL and p.left_on is None]
    lived = [p for p in people if p.side == p_vocab.LIVED and p.left_on is None]
    gatherings = sorted(dj.gatherings, key=lambda g: (g.held_on, g.pk))
    if not gatherings or not staff or not lived:
        return
    actor: Any = ctx.facilitator
    half = len(gatherings) // 2
    formal = [g for g in gatherings[:-1] if g.format == vocab.FORMAL]
    for n, g in enumerate(gatherings[:-1]):
        if g.format == vocab.INFORMAL:
            services.invitation_set(actor=actor, gathering=g, how=vocab.INVITE_OPEN)
        elif dj.key == EBCD and n < half:
            makers = staff[: 1 + n % 2]
            services.invitation_set(
                actor=actor, gathering=g, how=vocab.INVITE_LIST, drawn_up_by=makers
            )
        else:
            makers = [lived[n % len(lived)], staff[n % len(staff)]]
            services.invitation_set(
                actor=actor, gathering=g, how=vocab.INVITE_LIST, drawn_up_by=makers
            )
    for (group, reason), g in zip(LEFT_OFF.get(dj.key, []), formal, strict=False):
        services.left_off_add(actor=actor, gathering=g, group=group, reason=reason)


def extend(ctx: DemoContext) -> None:
    for key in (EBCD, LAB):
        if key in ctx.journeys:
            _journey(ctx, ctx.journeys[key])
