"""The demo's third, small journey: the same hospital trust as "Better breast care" runs a short
piece of work on its clinic letters, so the trust hosts two journeys and its organisation page
shows a view across them (issue 18).

Built straight through the services (no story, no extensions): a handful of people, three
gatherings, turns, agenda items, contributions with fates and two decisions. Its organisation
viewer, Jo, is an observer of this journey only: on the trust's page she opens this journey and
sees "Better breast care" only added up, small numbers hidden.
"""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.contributions import services as contribution_services
from powerwith.decisions import services as decision_services
from powerwith.gatherings import services as gathering_services
from powerwith.journeys import services as journey_services
from powerwith.journeys import vocab as journey_vocab
from powerwith.people import services as people_services

SLUG = "clearer-clinic-letters"
TITLE = "Clearer clinic letters"
LENGTH = 120  # days from the start to today
PURPOSE = (
    "Rewrite the letters the trust sends before a first clinic appointment, with the people who "
    "receive them, so that everyone knows where to go, what will happen and who to call."
)

# name, role
PEOPLE = [
    ("Sam", "facilitator"),
    ("Jo", "manager"),
    ("Dev", "frontline_staff"),
    ("Amira", "service_user"),
    ("Tom", "service_user"),
    ("Grace", "carer"),
    ("Luis", "service_user"),
    ("Nia", "frontline_staff"),
]

# day after the start, title, kind, venue, who came, turns by name
GATHERINGS = [
    (
        7,
        "First look at the letters",
        "workshop",
        "community",
        ["Sam", "Jo", "Dev", "Amira", "Tom", "Grace", "Luis"],
        {"Sam": 6, "Jo": 4, "Dev": 3, "Amira": 5, "Tom": 3, "Grace": 4, "Luis": 2},
    ),
    (
        35,
        "Rewriting together",
        "workshop",
        "community",
        ["Sam", "Dev", "Amira", "Grace", "Luis", "Nia"],
        {"Sam": 4, "Dev": 2, "Amira": 6, "Grace": 5, "Luis": 3, "Nia": 2},
    ),
    (
        70,
        "Checking the new letter",
        "formal_meeting",
        "institutional",
        ["Sam", "Jo", "Dev", "Amira", "Tom", "Nia"],
        {"Sam": 5, "Jo": 6, "Dev": 3, "Amira": 3, "Tom": 1, "Nia": 3},
    ),
]

# day, text, channel, raised by (None: anonymous), fate steps [(day, fate, extra)]
CONTRIBUTIONS: list[tuple[int, str, str, str | None, list[tuple[int, str, dict[str, Any]]]]] = [
    (
        7,
        "Put the clinic's floor and a map on the first page.",
        "gathering",
        "Amira",
        [(20, "considering", {}), (60, "done", {"change_level": "individual"})],
    ),
    (
        7,
        "Say who to ring if the date is wrong, with a number that is answered.",
        "gathering",
        "Grace",
        [(40, "done", {"change_level": "organisational_service"})],
    ),
    (
        12,
        "The letter arrived after my appointment.",
        "comment_box",
        None,
        [(45, "considering", {})],
    ),
    (
        35,
        "Send the letter by text as well as by post.",
        "gathering",
        "Luis",
        [
            (
                80,
                "not_possible",
                {"reason": "The trust's text service cannot send letters until next year."},
            )
        ],
    ),
    (
        90,
        "Large print on request, said in the letter itself.",
        "paper",
        "Tom",
        [],
    ),
]


def build(
    *,
    facilitator: Any,
    host: Any,
    today: datetime.date,
    members: list[tuple[Any, str]],
) -> Any:
    """Create the journey, hosted by ``host``, with ``members`` ((user, role) pairs) besides its
    facilitator. Returns the journey."""
    start = today - datetime.timedelta(days=LENGTH)

    def on(day: int) -> datetime.date:
        return start + datetime.timedelta(days=day)

    journey = journey_services.journey_create(
        actor=facilitator,
        title=TITLE,
        purpose=PURPOSE,
        host=host,
        stages=["co_design"],
        level="service",
        started_on=start,
        slug=SLUG,
    )
    people = {
        name: people_services.person_create(
            actor=facilitator, journey=journey, name=name, role=role, joined_on=start
        )
        for name, role in PEOPLE
    }
    for user, role in members:
        journey_services.membership_add(actor=facilitator, journey=journey, user=user, role=role)
    journey_services.membership_add(
        actor=facilitator,
        journey=journey,
        user=facilitator,
        role=journey_vocab.FACILITATOR,
        person=people["Sam"],
    )
    gatherings = []
    for day, title, kind, venue, came, turns in GATHERINGS:
        g = gathering_services.gathering_create(
            actor=facilitator,
            journey=journey,
            title=title,
            kind=kind,
            held_on=on(day),
            venue_kind=venue,
        )
        gathering_services.attendance_set(
            actor=facilitator,
            gathering=g,
            statuses={people[n].pk: "present" for n in came},
        )
        gathering_services.turns_enter(
            actor=facilitator,
            gathering=g,
            counts={people[n].pk: k for n, k in turns.items()},
            minutes={},
        )
        gatherings.append(g)
    for g, (title, proposer) in zip(
        gatherings,
        [("What the letter must say", "Amira"), ("A draft", "Sam"), ("Sign-off", "Jo")],
        strict=True,
    ):
        gathering_services.agenda_item_add(
            actor=facilitator, gathering=g, title=title, proposed_by=people[proposer]
        )
    for day, text, channel, by, steps in CONTRIBUTIONS:
        at = next(
            (g for g, plan in zip(gatherings, GATHERINGS, strict=True) if plan[0] == day), None
        )
        c = contribution_services.contribution_create(
            actor=facilitator,
            journey=journey,
            text=text,
            channel=channel,
            raised_on=on(day),
            raised_by=people[by] if by else None,
            anonymous=by is None,
            gathering=at if channel == "gathering" else None,
        )
        for step_day, fate, extra in steps:
            contribution_services.contribution_set_fate(
                actor=facilitator, contribution=c, fate=fate, on=on(step_day), **extra
            )
    decision_services.decision_create(
        actor=facilitator,
        journey=journey,
        text="The new letter is written with the group and checked by two patients before use",
        taken_by="group_consensus",
        rung="co_designing",
        decided_on=on(36),
        gathering=gatherings[1],
    )
    decision_services.decision_create(
        actor=facilitator,
        journey=journey,
        text="Letters go out three weeks before the appointment",
        taken_by="organisation",
        rung="consulting",
        decided_on=on(72),
        where_outside="The trust's outpatients board",
    )
    return journey
