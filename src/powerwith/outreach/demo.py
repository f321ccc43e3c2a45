"""The demo journeys' stakeholder maps and linked groups, built through the services.

Each map mixes what happens in real life: people and groups who agreed (two of them joined the
register in the core story, and their map entries are linked to them), a union branch that
declined with its reason, carers who never answered, staff still waiting for an answer, and a
commissioner nobody has been named to approach, so the warning signs have something to say.
Each journey also works with a few user-led groups, campaigns and networks, with dated things
done together; the hospital journey links to the council's journey on PowerWith.
"""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney

from . import services

DAY = datetime.timedelta(days=1)

# (name, form, kind, why, approacher, how, planned day, [(status, day, reason)], joins as)
Entry = tuple[str, str, str, str, str, str, int, list[tuple[str, int, str]], str]

EBCD_MAP: list[Entry] = [
    (
        "Willow Centre breast cancer support group",
        "organisation",
        "user_led",
        "Women who finished treatment years ago and remember every step of it.",
        "Kath",
        "at_a_group",
        5,
        [("approached", 20, ""), ("agreed", 34, "")],
        "",
    ),
    (
        "Royal College of Nursing ward representatives",
        "organisation",
        "unions",
        "Ward nurses' workload is part of the discharge problem; their reps speak for the night shift.",
        "Jo",
        "email",
        30,
        [
            ("approached", 45, ""),
            ("declined", 70, "Their reps could not get time released for daytime meetings."),
        ],
        "",
    ),
    (
        "Partners and husbands of women in treatment",
        "group",
        "carers",
        "They do the driving, the waiting and the worrying, and are never asked.",
        "Dev",
        "through_someone",
        40,
        [("approached", 60, ""), ("no_answer", 95, "")],
        "",
    ),
    (
        "Yvonne",
        "person",
        "seldom_heard",
        "Not online; treated last winter and wrote a long letter of complaint about the clinic.",
        "Joan",
        "phone",
        200,
        [("approached", 225, ""), ("agreed", 240, "")],
        "Yvonne",
    ),
    (
        "Carol",
        "person",
        "seldom_heard",
        "Recently diagnosed, under 50 and working: the group has few people like her.",
        "Amara",
        "through_someone",
        250,
        [("approached", 270, ""), ("agreed", 290, "")],
        "Carol",
    ),
    (
        "Night-shift healthcare assistants on the ward",
        "group",
        "frontline_staff",
        "They are with patients the night before discharge and hear what worries them.",
        "Gill",
        "in_person",
        280,
        [("approached", 300, "")],
        "",
    ),
    (
        "The integrated care board's cancer commissioning lead",
        "person",
        "commissioners",
        "Decides what the breast unit is paid to do; a change that costs money needs them.",
        "",
        "",
        150,
        [],
        "",
    ),
]

LAB_MAP: list[Entry] = [
    (
        "Tenants' forum of the Northfield estates",
        "organisation",
        "user_led",
        "Run by tenants; knows the blocks where nobody comes to council meetings.",
        "Lorraine",
        "at_a_group",
        3,
        [("approached", 10, ""), ("agreed", 21, "")],
        "",
    ),
    (
        "Young carers at the college",
        "group",
        "carers",
        "Young people caring for a parent: family support is meant for them.",
        "Fiona",
        "through_someone",
        14,
        [("approached", 30, ""), ("agreed", 52, "")],
        "",
    ),
    (
        "Unite community branch",
        "organisation",
        "unions",
        "Members on zero-hours contracts use the food bank and the family support service.",
        "Tariq",
        "email",
        20,
        [("approached", 35, ""), ("no_answer", 80, "")],
        "",
    ),
    (
        "Head of commissioning for family support",
        "person",
        "commissioners",
        "Holds the budget the lab's ideas would need.",
        "Denise",
        "email",
        30,
        [
            ("approached", 40, ""),
            ("declined", 55, "Said spending is decided in the budget round, not by the lab."),
        ],
        "",
    ),
    (
        "Parents at the Polish Saturday school",
        "group",
        "seldom_heard",
        "Families who use the service and have never been asked about it.",
        "Agnieszka",
        "at_a_group",
        120,
        [],
        "",
    ),
    (
        "Residents of the tower blocks who never come to meetings",
        "group",
        "seldom_heard",
        "The people the lab most wants to hear from, and the hardest to reach.",
        "",
        "",
        60,
        [],
        "",
    ),
]

# (name, kind, about, since day, ended day, [(day, what)], link to the other demo journey)
Group = tuple[str, str, str, int, int | None, list[tuple[int, str]], str]

EBCD_GROUPS: list[Group] = [
    (
        "Willow Centre breast cancer support group",
        "user_led",
        "Members come to our gatherings and we visit theirs.",
        20,
        None,
        [
            (35, "Held a listening session at the support group's monthly meeting."),
            (130, "Showed the touchpoint film at their open evening and took comments."),
        ],
        "",
    ),
    (
        "Faster Diagnosis Now (local campaign)",
        "campaign",
        "A patients' campaign for quicker results; we share what we learn about waiting.",
        90,
        None,
        [(150, "Ran a joint stall at the hospital entrance about waiting for results.")],
        "",
    ),
    (
        "Regional cancer patient experience network",
        "network",
        "Other hospitals' patient groups, meeting every quarter.",
        60,
        260,
        [(120, "Presented the emotional mapping to the network's quarterly meeting.")],
        "",
    ),
    (
        "Northfield Together",
        "coproduction",
        "The council's community lab, also on PowerWith: we swapped notes on paying people.",
        180,
        None,
        [(200, "Compared how each group pays people for their time, and shared our policy.")],
        LAB,
    ),
]

LAB_GROUPS: list[Group] = [
    (
        "Northfield food bank network",
        "network",
        "Food banks and pantries across the borough; several of our residents volunteer there.",
        7,
        None,
        [
            (21, "Asked people at three food banks what family support should offer."),
            (90, "Tested the new leaflet with volunteers before printing it."),
        ],
        "",
    ),
    (
        "Northfield time bank",
        "community",
        "Residents trading hours; it grew out of the lab's second idea.",
        150,
        None,
        [(170, "Launched the time bank together at the community café.")],
        "",
    ),
    (
        "Keep Our Youth Centre campaign",
        "campaign",
        "Young people campaigning to keep the youth centre open.",
        40,
        None,
        [],
        "",
    ),
]


def _load(ctx: DemoContext, dj: DemoJourney, entries: list[Entry], groups: list[Group]) -> None:
    journey = dj.journey
    start = journey.started_on or ctx.today
    actor = ctx.facilitator

    def day(n: int) -> datetime.date:
        return min(start + n * DAY, ctx.today)

    for name, form, kind, why, who, how, planned, steps, joins in entries:
        entry = services.stakeholder_create(
            actor=actor,
            journey=journey,
            name=name,
            form=form,
            kind=kind,
            why=why,
            approacher=dj.people.get(who) if who else None,
            how=how,
            planned_on=day(planned),
        )
        for status, on, reason in steps:
            services.stakeholder_record(
                actor=actor, stakeholder=entry, status=status, on=day(on), reason=reason
            )
        if joins and joins in dj.people:
            services.stakeholder_join(actor=actor, stakeholder=entry, person=dj.people[joins])
    for name, kind, about, since, ended, activities, other in groups:
        other_journey: Any = ctx.journeys[other].journey if other in ctx.journeys else None
        group = services.linked_group_create(
            actor=actor,
            journey=journey,
            name=name,
            kind=kind,
            about=about,
            since=day(since),
            ended_on=day(ended) if ended is not None else None,
            other_journey=other_journey,
        )
        for on, what in activities:
            services.joint_activity_add(actor=actor, group=group, on=day(on), what=what)


def extend(ctx: DemoContext) -> None:
    if EBCD in ctx.journeys:
        _load(ctx, ctx.journeys[EBCD], EBCD_MAP, EBCD_GROUPS)
    if LAB in ctx.journeys:
        _load(ctx, ctx.journeys[LAB], LAB_MAP, LAB_GROUPS)
