"""The demo's decisions, priority votes and co-design groups (``extend(ctx)``, called by the
demo loader after the core record is built). Everything goes through the services; the random
choices come from ``ctx.rng``, so loading twice gives the same demo.

The story, after Farr 2018: at the breast unit's joint event staff and patients vote with dots on
the shortlisted issues. Patients put waiting for surgery near the top; staff hardly vote for it,
knowing it is off the table (national targets), and it stays out of the priorities: an honest
difference by side, recorded as the trust's cancer board's decision. Co-design groups form around
the top items, meet and agree actions; the ward group closes when the nurses step back. Some
decisions are taken by the trust's board or the funder outside the group, some by the group.
In Northfield the residents' film night ends with a secret vote ("tick all you support").
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from powerwith.common.models import AuditEntry
from powerwith.contributions import vocab as cvocab
from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.gatherings import vocab as gvocab
from powerwith.people import vocab as pvocab

from . import services
from .models import BallotReceipt, Vote

DAY = datetime.timedelta(days=1)

# Actions a co-design group might agree, by the words of its name.
ACTIONS = {
    "Diagnosis day": [
        "Find a private room for giving test results",
        "Write a one-page “what happens next” sheet with patients",
        "Try the new sheet in clinic for a month and ask patients about it",
    ],
    "Ward stay and going home": [
        "Count how long the night bell takes to be answered",
        "Agree a going-home checklist with ward nurses",
    ],
    "After surgery and follow-up": [
        "Set up a monthly peer support group at the Willow Centre",
        "Print one phone number to call after surgery",
        "Ask patients what they want from follow-up clinics",
    ],
    "Community shop": [
        "Find a shop unit on the estate",
        "Ask the housing association for a peppercorn rent",
        "Draw up a rota of volunteers",
    ],
    "Time bank": [
        "Visit the time bank in the next town",
        "Make a list of the skills people offered at the film night",
    ],
}
DEFAULT_ACTIONS = ["Agree what to try first", "Report back to the whole group"]


def extend(ctx: DemoContext) -> None:
    for key, dj in ctx.journeys.items():
        vote = _priority_vote(ctx, dj, secret=(key == LAB))
        groups = _groups(ctx, dj)
        _decisions(ctx, dj, key, vote, groups)


# --- the priority vote -------------------------------------------------------------------------


def _voters(dj: DemoJourney) -> list[Any]:
    event = dj.priority_event
    people = [
        a.person
        for a in event.attendances.filter(status=gvocab.PRESENT).select_related("person")
        if a.person.role not in ("facilitator", "funder")
    ]
    return sorted(people, key=lambda p: (p.side, p.name))


def _weights(
    dj: DemoJourney, shortlist: Sequence[Any], off: set[int]
) -> dict[str, dict[int, float]]:
    """How much each side cares about each item. Both sides lean to the same priorities, with
    honest differences: patients want the off-the-table items (waiting times) that staff know
    cannot change; some items matter more to one side than the other."""
    priorities = [c.pk for c in dj.priorities]
    lived: dict[int, float] = {}
    prof: dict[int, float] = {}
    for i, pk in enumerate(priorities):
        base = 10.0 - 0.8 * i
        lived[pk], prof[pk] = base, base
    if len(priorities) >= 6:
        lived[priorities[1]] += 4  # e.g. peer support: what patients asked for most
        prof[priorities[1]] -= 4
        prof[priorities[4]] += 4  # e.g. going home: what ward staff see every day
        lived[priorities[4]] -= 2
        prof[priorities[5]] += 3
        lived[priorities[5]] -= 3
    for c in shortlist:
        if c.pk in lived:
            continue
        if c.pk in off:
            lived[c.pk], prof[c.pk] = 12.0, 0.3
        else:
            lived[c.pk], prof[c.pk] = 1.5, 1.5
    return {pvocab.LIVED: lived, pvocab.PROFESSIONAL: prof}


def _dots(rng: Any, weights: dict[int, float], dots: int) -> dict[int, int]:
    keys = list(weights)
    marks: dict[int, int] = {}
    for pk in rng.choices(keys, weights=[max(weights[k], 0.1) for k in keys], k=dots):
        marks[pk] = marks.get(pk, 0) + 1
    return marks


def _ticks(rng: Any, weights: dict[int, float]) -> dict[int, int]:
    top = max(weights.values())
    marks = {pk: 1 for pk, w in weights.items() if rng.random() < 0.85 * w / top}
    if not marks:
        marks = {max(weights, key=lambda k: weights[k]): 1}
    return marks


def _settle(
    rng: Any,
    ballots: list[tuple[Any, dict[int, int]]],
    must_win: list[int],
    others: list[int],
    *,
    ticks: bool,
) -> None:
    """Move a few marks so that the story's priorities all finish above the other items (the
    off-the-table ones excepted), changing as little as possible."""
    for _ in range(500):
        totals = {pk: 0 for pk in must_win + others}
        for _, marks in ballots:
            for pk, v in marks.items():
                totals[pk] = totals.get(pk, 0) + v
        weakest = min(must_win, key=lambda pk: (totals[pk], pk))
        strongest = max(others, key=lambda pk: (totals[pk], -pk)) if others else None
        if strongest is None or totals[weakest] > totals[strongest]:
            return
        if ticks:
            # Approval: untick the other item, tick the priority (never twice on one ballot).
            donors = [m for _, m in ballots if m.get(strongest) and not m.get(weakest)]
            takers = [m for _, m in ballots if not m.get(weakest)]
            if donors:
                marks = donors[rng.randrange(len(donors))]
                del marks[strongest]
                marks[weakest] = 1
            elif takers:
                takers[rng.randrange(len(takers))][weakest] = 1
            else:
                return
        else:
            donors = [m for _, m in ballots if m.get(strongest)]
            marks = donors[rng.randrange(len(donors))]
            marks[strongest] -= 1
            if not marks[strongest]:
                del marks[strongest]
            marks[weakest] = marks.get(weakest, 0) + 1


def _priority_vote(ctx: DemoContext, dj: DemoJourney, *, secret: bool) -> Vote | None:
    event = dj.priority_event
    if event is None or len(dj.shortlist) < 2:
        return None
    f, rng = ctx.facilitator, ctx.rng
    shortlist = list(dj.shortlist)
    off = {c.pk for c in shortlist if c not in dj.priorities and c.fate == cvocab.NOT_POSSIBLE}
    method = "approval" if secret else "dot"
    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    vote = services.vote_create(
        actor=f,
        journey=dj.journey,
        title="Which issues should we work on first?"
        if not secret
        else "What should Northfield Together do next?",
        question=(
            "Everyone has three dots. Put them on the issues from the film that matter most to you."
            if not secret
            else "Tick every idea you would back. Nobody will see how you voted."
        ),
        method=method,
        dots=3,
        stacking=True,
        secret=secret,
        hide_results=True,
        gathering=event,
        contributions=shortlist,
    )
    services.vote_open(actor=f, vote=vote)
    weights = _weights(dj, shortlist, off)
    option_of = {o.contribution_id: o.pk for o in vote.options.all()}
    ballots: list[tuple[Any, dict[int, int]]] = []
    for person in _voters(dj):
        w = weights.get(person.side, weights[pvocab.LIVED])
        marks = _dots(rng, w, 3) if method == "dot" else _ticks(rng, w)
        ballots.append((person, marks))
    must_win = [c.pk for c in dj.priorities if c.pk in option_of]
    others = [c.pk for c in shortlist if c.pk not in must_win and c.pk not in off]
    _settle(rng, ballots, must_win, others, ticks=method == "approval")
    for person, marks in ballots:
        services.ballot_cast(
            actor=f,
            vote=vote,
            person=person,
            marks={option_of[pk]: v for pk, v in marks.items()},
            channel="paper",
            cast_on=event.held_on,
        )
    services.vote_close(actor=f, vote=vote)
    # The demo is loaded today; date the vote and its trail to the evening of the event.
    start = _at(event.held_on, 14, 0)
    end = _at(event.held_on, 15, 30)
    Vote.objects.filter(pk=vote.pk).update(opened_at=start, closed_at=end, created_at=start)
    BallotReceipt.objects.filter(vote=vote).update(cast_at=end)
    AuditEntry.objects.filter(journey=dj.journey, id__gt=mark).update(at=end)
    vote.refresh_from_db()
    return vote


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


# --- co-design groups --------------------------------------------------------------------------


def _groups(ctx: DemoContext, dj: DemoJourney) -> list[Any]:
    f, rng, made = ctx.facilitator, ctx.rng, []
    today = ctx.today
    for wg in dj.working_groups:
        mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        group = services.group_create(
            actor=f,
            journey=dj.journey,
            name=wg.name,
            purpose=wg.purpose,
            item=wg.item,
            members=wg.members,
            formed_on=wg.formed_on,
        )
        if wg.gatherings:
            services.group_gatherings_add(actor=f, group=group, gatherings=wg.gatherings)
        end = wg.closed_on or today
        for i, what in enumerate(ACTIONS.get(wg.name, DEFAULT_ACTIONS)):
            due = min(wg.formed_on + datetime.timedelta(days=21 * (i + 1)), end + 30 * DAY)
            done_by = due - rng.randrange(0, 7) * DAY
            done = done_by <= end and (wg.closed_on is None or i == 0) and done_by <= today
            who = wg.members[rng.randrange(len(wg.members))] if wg.members else None
            services.group_action_add(
                actor=f,
                group=group,
                what=what,
                who=who,
                due_on=due,
                done_on=max(done_by, wg.formed_on) if done else None,
            )
        if wg.closed_on is not None:
            services.group_close(actor=f, group=group, closed_on=max(wg.closed_on, wg.formed_on))
        AuditEntry.objects.filter(journey=dj.journey, id__gt=mark).update(
            at=_at(wg.formed_on, 17, 0)
        )
        made.append(group)
    return made


# --- decisions ---------------------------------------------------------------------------------


def _gathering(dj: DemoJourney, words: str) -> Any:
    for g in dj.gatherings:
        if words.lower() in g.title.lower():
            return g
    return None


def _limit(dj: DemoJourney, words: str) -> list[Any]:
    return list(dj.journey.limits.filter(text__icontains=words)[:1]) if words else []


def _decide(
    ctx: DemoContext,
    dj: DemoJourney,
    *,
    text: str,
    taken_by: str,
    rung: str,
    day: datetime.date | None = None,
    at: str = "",
    where: str = "",
    by: str = "",
    limit: str = "",
    answers: Sequence[Any] = (),
    vote: Vote | None = None,
) -> None:
    gathering = _gathering(dj, at) if at else None
    if gathering is None and not where:
        return  # the story's gathering is not there (a shortened demo): leave this one out
    decided_on = gathering.held_on if gathering is not None else day
    if decided_on is None:
        return
    decided_on = min(decided_on, ctx.today)
    answers = [c for c in answers if c.raised_on <= decided_on and c.fate != cvocab.MERGED]
    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    services.decision_create(
        actor=ctx.facilitator,
        journey=dj.journey,
        text=text,
        taken_by=taken_by,
        rung=rung,
        decided_on=decided_on,
        gathering=gathering,
        where_outside="" if gathering is not None else where,
        proposed_by=dj.people.get(by),
        limits=_limit(dj, limit),
        answers=answers,
        vote=vote,
    )
    AuditEntry.objects.filter(journey=dj.journey, id__gt=mark).update(at=_at(decided_on, 18, 0))


def _decisions(
    ctx: DemoContext, dj: DemoJourney, key: str, vote: Vote | None, groups: list[Any]
) -> None:
    start = dj.journey.started_on or ctx.today
    event = dj.priority_event
    off = [c for c in dj.shortlist if c not in dj.priorities and c.fate == cvocab.NOT_POSSIBLE]
    if key == EBCD:
        _decide(
            ctx,
            dj,
            text="Run experience-based co-design in the breast unit for 18 months, paid for by a charity grant.",
            taken_by="organisation",
            rung="informing",
            day=start + 2 * DAY,
            where="Riverside Hospital NHS Trust board",
            by="Colin",
            limit="Money for the facilitator",
        )
        _decide(
            ctx,
            dj,
            text="The grant pays for the facilitator, the film and patients' expenses, and nothing else.",
            taken_by="funder",
            rung="informing",
            day=start + 4 * DAY,
            where="Harbour Health Charity grants panel",
            by="Priya",
            limit="Money for the facilitator",
        )
        _decide(
            ctx,
            dj,
            text="Explain to unit staff why patients' stories will be filmed and shown to them.",
            taken_by="professional",
            rung="educating",
            day=start + 9 * DAY,
            where="Breast unit staff meeting",
            by="Anil",
        )
        _decide(
            ctx,
            dj,
            text="Patients choose which parts of the film staff will see, and in what order.",
            taken_by="group_consensus",
            rung="co_producing",
            at="Patient and carer feedback event",
            by="Rosa",
        )
    elif key == LAB:
        _decide(
            ctx,
            dj,
            text="Start Northfield Together with the council's innovation team and the community fund.",
            taken_by="organisation",
            rung="informing",
            day=start,
            where="Northfield Borough Council cabinet",
            by="Ray",
            limit="budget",
        )
        _decide(
            ctx,
            dj,
            text="Meet in the café and the community centre, not at the civic centre.",
            taken_by="group_consensus",
            rung="co_producing",
            at="Café morning",
            by="Lorraine",
        )
        _decide(
            ctx,
            dj,
            text="The council cannot change bus routes: the bus company runs them.",
            taken_by="organisation",
            rung="informing",
            day=start + 30 * DAY,
            where="Council transport team",
            by="Denise",
            limit="Bus routes",
        )
    if vote is not None and event is not None:
        n = len(dj.priorities)
        _decide(
            ctx,
            dj,
            text=f"Work first on the {n} issues that came out on top of the vote, each with a co-design group or an owner.",
            taken_by="group_vote",
            rung="co_designing",
            at=event.title,
            by="Sam",
            answers=dj.priorities,
            vote=vote,
        )
        if off:
            _decide(
                ctx,
                dj,
                text="Waiting for surgery stays with the trust's cancer board: national targets and theatre lists apply. The group will work on what people are told while they wait.",
                taken_by="organisation",
                rung="informing",
                day=event.held_on + 14 * DAY,
                where="Trust cancer board",
                by="Anil",
                limit="waiting-time",
                answers=off,
            )
    for group in groups:
        meetings = list(group.gatherings.order_by("held_on", "id"))
        lived = [p.name for p in group.members.all() if p.side == pvocab.LIVED]
        if meetings:
            _decide(
                ctx,
                dj,
                text=f"The {group.name.lower()} group agreed what to try first and who does what.",
                taken_by="group_consensus",
                rung="co_designing",
                at=meetings[0].title,
                by=lived[0] if lived else "",
                answers=[group.item] if group.item else [],
            )
        if group.closed_on is not None:
            _decide(
                ctx,
                dj,
                text=(
                    f"Pause the {group.name.lower()} group after ward nurses stepped back from it."
                    if key == EBCD
                    else f"Pause the {group.name.lower()} group until more people can take part."
                ),
                taken_by="organisation",
                rung="informing",
                day=group.closed_on,
                where="Ward managers' meeting" if key == EBCD else "Council managers' meeting",
                by="Gill" if key == EBCD else "Denise",
                answers=[group.item] if group.item else [],
            )
    if key == EBCD and event is not None:
        _decide(
            ctx,
            dj,
            text="New visiting hours on the ward, set after asking the group for its views.",
            taken_by="professional",
            rung="consulting",
            day=event.held_on + 35 * DAY,
            where="Ward managers' meeting",
            by="Gill",
        )
        _decide(
            ctx,
            dj,
            text="Follow-up clinic times chosen by the service manager from the options the group drew up.",
            taken_by="professional",
            rung="engaging",
            day=event.held_on + 120 * DAY,
            where="Service management meeting",
            by="Colin",
        )
    if key == LAB:
        _decide(
            ctx,
            dj,
            text="Fund a paid community shop worker for two years, as residents proposed.",
            taken_by="organisation",
            rung="engaging",
            at="Council budget meeting",
            by="Lorraine",
        )
