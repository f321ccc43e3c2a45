"""Care flags in the demo (see ``powerwith.demo.context``): in the breast-care journey, two
patients are in the care of nurses who sit in the group. One was offered independent support
and told about anonymous routes soon after; the other was recorded three weeks ago and has
not been offered support yet, so the facilitators' warning sign shows. Two people are fewer
than 5: the dashboard's counts stay hidden, as they would in a real group."""

from __future__ import annotations

import datetime

from powerwith.demo.context import EBCD, DemoContext

from . import services


def extend(ctx: DemoContext) -> None:
    if EBCD not in ctx.journeys:
        return
    dj = ctx.journeys[EBCD]
    people = sorted(dj.people.values(), key=lambda p: (p.name, p.pk))
    patients = [p for p in people if p.role == "service_user" and p.left_on is None]
    nurses = [p for p in people if p.role == "frontline_staff" and p.left_on is None]
    if len(patients) < 2 or not nurses:
        return
    day = datetime.timedelta(days=1)
    services.care_flag_create(
        actor=ctx.facilitator,
        journey=dj.journey,
        person=patients[0],
        carer=nurses[0],
        flagged_on=ctx.today - 60 * day,
        started_on=ctx.today - 200 * day,
        support_offered_on=ctx.today - 55 * day,
        routes_told_on=ctx.today - 55 * day,
        notes="Offered a peer supporter from the cancer charity; prefers feedback cards.",
    )
    services.care_flag_create(
        actor=ctx.facilitator,
        journey=dj.journey,
        person=patients[1],
        carer=nurses[-1],
        flagged_on=ctx.today - 21 * day,
    )
