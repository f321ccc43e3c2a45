"""The demo journeys' leaving records, built through the services.

Some of the people who stopped coming were asked why (one did not answer, one did not want to
say; the others' words with reasons from the list; one raised as a contribution), and at least
one was not asked yet. The first person who left each journey, and the first who changed role,
have a handover note, with open tasks handed on; one asset of a leaver was handed over. The
hospital journey's funding ends in 60 days with no legacy plan yet (a warning sign); the lab's
ended 200 days ago, with a plan and what carries on, and its 6-month review not yet recorded.

Every word here is invented for the demo.
"""

from __future__ import annotations

import datetime

from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.gatherings import vocab as g_vocab
from powerwith.gatherings.models import Attendance
from powerwith.inclusion.models import Asset
from powerwith.people.models import Person, RoleSpell

from . import selectors, services, vocab

DAY = datetime.timedelta(days=1)

# What people said, in order: (how asked, answer, words, reasons).
ANSWERS: dict[str, list[tuple[str, str, str, list[str]]]] = {
    EBCD: [
        (
            "phone",
            vocab.ANSWERED,
            "The meetings are on the days I have treatment, and the hospital car park costs "
            "more than I can spend.",
            ["times_places", "costs"],
        ),
        (
            "in_person",
            vocab.ANSWERED,
            "I said the same thing about the letters three times and nobody wrote it down.",
            ["not_heard", "nothing_changed"],
        ),
        ("text", vocab.NO_ANSWER, "", []),
        (
            "through_someone",
            vocab.ANSWERED,
            "My husband has been ill and I have been caring for him.",
            ["health_caring"],
        ),
    ],
    LAB: [
        (
            "in_person",
            vocab.ANSWERED,
            "It felt like the council had already decided. Nothing we said changed anything.",
            ["nothing_changed"],
        ),
        ("email", vocab.DECLINED, "", []),
        (
            "phone",
            vocab.ANSWERED,
            "I got a job with evening shifts, so I can't come any more.",
            ["moved_on", "times_places"],
        ),
    ],
}


def _asks(ctx: DemoContext, dj: DemoJourney) -> None:
    journey = dj.journey
    rows = sorted(selectors.stopped_coming(journey), key=lambda s: (s.last_came, s.id))
    people = Person.objects.in_bulk([s.id for s in rows])
    answers = ANSWERS[dj.key]
    # With three or more, the last to stop is left unasked: the list shows someone to ask.
    chosen = rows[:-1] if len(rows) >= 3 else rows
    for stayer, (how, answer, words, reasons) in zip(chosen, answers, strict=False):
        assert stayer.last_came is not None
        asked_on = min(stayer.last_came + 21 * DAY, ctx.today)
        ask = services.stop_ask_record(
            actor=ctx.facilitator,
            person=people[stayer.id],
            asked_on=asked_on,
            asked_how=how,
            answer=answer,
            in_their_words=words,
            reasons=reasons,
        )
        if vocab.NOT_HEARD in reasons:
            services.stop_ask_raise(actor=ctx.facilitator, ask=ask)


def _handovers(ctx: DemoContext, dj: DemoJourney) -> None:
    journey = dj.journey
    staying = [
        p
        for p in Person.objects.filter(journey=journey, left_on__isnull=True).order_by("id")
        if Attendance.objects.filter(person=p, status=g_vocab.PRESENT).exists()
    ]
    leaver = (
        Person.objects.filter(journey=journey, left_on__isnull=False)
        .order_by("left_on", "id")
        .first()
    )
    if leaver is not None and staying:
        actions = selectors.open_actions(leaver)
        services.handover_record(
            actor=ctx.facilitator,
            person=leaver,
            occasion=vocab.LEFT,
            knew_and_did=(
                f"{leaver.name} knew the people on the ward and kept the group's list of who "
                "wanted to hear back."
            ),
            contacts="The ward's patient experience lead (through the main switchboard).",
            unfinished="The list of who wants to hear back needs checking against the register.",
            handed_to=staying[0],
            reassign={a.key: staying[0] for a in actions},
        )
        asset = Asset.objects.filter(person=leaver).order_by("id").first()
        if asset is not None:
            services.asset_keep(
                actor=ctx.facilitator,
                asset=asset,
                how="Written up in the group's shared notes before they left.",
                on=leaver.left_on or ctx.today,
                handed_to=staying[0],
            )
    changed = (
        RoleSpell.objects.filter(journey=journey)
        .order_by("person_id", "started_on", "id")
        .values_list("person_id", flat=True)
    )
    seen: set[int] = set()
    for pid in changed:
        if pid in seen:
            person = Person.objects.get(pk=pid)
            services.handover_record(
                actor=ctx.facilitator,
                person=person,
                occasion=vocab.ROLE_CHANGE,
                knew_and_did=f"In their old role {person.name} spoke for people using the service.",
                unfinished="Someone else with lived experience should take on their old part.",
            )
            break
        seen.add(pid)


def _legacy(ctx: DemoContext, dj: DemoJourney) -> None:
    journey = dj.journey
    if dj.key == EBCD:
        services.funding_set(
            actor=ctx.facilitator,
            journey=journey,
            funding_ends_on=ctx.today + 60 * DAY,
            funder="The hospital charity",
        )
        return
    ended = ctx.today - 200 * DAY
    services.funding_set(
        actor=ctx.facilitator, journey=journey, funding_ends_on=ended, funder="The council"
    )
    services.legacy_plan_save(
        actor=ctx.facilitator,
        journey=journey,
        agreed_on=ended - 30 * DAY,
        record_lives="The library keeps the printed record and the export; the community "
        "centre has a copy on its shared drive.",
    )
    owners = list(Person.objects.filter(journey=journey, left_on__isnull=True).order_by("id")[:1])
    services.legacy_part_add(
        actor=ctx.facilitator,
        journey=journey,
        what="The Thursday drop-in at the community centre",
        owner=owners[0] if owners else None,
        owner_other="" if owners else "The community centre",
    )
    services.legacy_part_add(
        actor=ctx.facilitator,
        journey=journey,
        what="Checking the new bin collection leaflet each spring",
        owner_other="The council's waste team",
    )


def extend(ctx: DemoContext) -> None:
    for key in (EBCD, LAB):
        dj = ctx.journeys[key]
        _asks(ctx, dj)
        _handovers(ctx, dj)
        _legacy(ctx, dj)
