"""Reflection in the two demo journeys, built through the services (see demo/context.py).

Each journey gets an anonymous power audit with honest divergence between staff and people
using the service (the Better breast care journey runs it twice, so results can be compared), a
named round on the three lenses, an end-of-phase review with realist notes linked to the record,
and a peer worker's reflections on lived experience at work over time, kept private to them and
the supporter they chose. All invented; the answers are drawn from ``ctx.rng`` around the means
below, so loading twice gives the same demo.

Based on: Farr 2018 (staff and patients see the same process differently; the EBCD and council
innovation-lab cases); Chauhan, Croft & Spyridonidis 2022 (peer workers moving between
processes over time).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from typing import Any

from powerwith.contributions.models import Contribution
from powerwith.decisions.models import Decision
from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person
from powerwith.people.services import role_on

from . import services, vocab
from .models import AnonymousAnswer, NamedAnswer, Question, QuestionBank, Round
from .selectors import bank_questions

LIVED, PROF = people_vocab.LIVED, people_vocab.PROFESSIONAL

# Mean agreement (1-5) by side for the power audit statements: (lived experience, professional).
EBCD_AUDIT = {
    "who_range": (2.6, 3.4),
    "who_missing_known": (2.8, 3.3),
    "who_paid_fairly": (2.4, 3.6),
    "who_volunteers": (3.4, 3.6),
    "who_staff_time": (3.2, 2.2),
    "who_senior": (2.9, 3.2),
    "speak_freely": (2.2, 4.5),
    "agenda_shared": (2.2, 3.9),
    "professionals_step_back": (2.5, 3.8),
    "ways_in": (3.6, 3.9),
    "plain_words": (3.0, 4.1),
    "disagreement": (2.9, 3.7),
    "trust": (3.6, 3.8),
    "rules_help": (2.9, 2.6),
    "bridges": (2.8, 3.5),
    "resources_known": (2.1, 3.4),
    "hierarchy_shares": (2.7, 3.1),
    "real_change": (3.3, 3.9),
    "real_power": (2.2, 3.6),
    "money_say": (1.8, 2.6),
    "personal_confidence": (3.9, 3.3),
    "everyday_practice": (2.8, 3.2),
}
# A year on: patients feel a little freer to speak; staff less sure real power moved.
EBCD_AUDIT_LATER = {
    **EBCD_AUDIT,
    "speak_freely": (3.0, 4.2),
    "agenda_shared": (2.9, 3.8),
    "real_change": (3.6, 3.8),
    "real_power": (2.5, 3.2),
    "everyday_practice": (3.2, 3.0),
}
LAB_AUDIT = {
    "who_range": (2.5, 3.8),
    "who_missing_known": (2.7, 3.4),
    "who_paid_fairly": (3.1, 3.5),
    "who_volunteers": (2.6, 3.7),
    "who_staff_time": (3.5, 2.8),
    "who_senior": (3.3, 3.9),
    "speak_freely": (3.4, 4.1),
    "agenda_shared": (3.5, 3.7),
    "professionals_step_back": (3.7, 3.9),
    "ways_in": (4.2, 4.3),
    "plain_words": (3.8, 3.9),
    "disagreement": (3.2, 3.6),
    "trust": (3.4, 3.9),
    "rules_help": (2.4, 2.9),
    "bridges": (3.0, 3.7),
    "resources_known": (2.3, 3.5),
    "hierarchy_shares": (2.8, 3.5),
    "real_change": (3.7, 3.9),
    "real_power": (2.6, 3.7),
    "money_say": (2.9, 3.1),
    "personal_confidence": (4.1, 3.6),
    "everyday_practice": (2.9, 3.4),
}
EBCD_LENSES = {
    "shared_definition": (3.2, 3.9),
    "distinct": (3.5, 4.2),
    "same_reading": (2.6, 3.5),
    "power_differences": (2.8, 3.9),
    "moved_things": (3.4, 3.8),
    "unexpected": (3.5, 3.1),
    "on_table": (2.4, 3.9),
    "why_off": (2.2, 3.6),
    "relationships": (3.9, 3.3),
}
LAB_LENSES = {
    "shared_definition": (3.1, 3.6),
    "distinct": (3.9, 4.1),
    "same_reading": (3.0, 3.3),
    "power_differences": (3.2, 3.8),
    "moved_things": (4.0, 3.9),
    "unexpected": (3.9, 3.4),
    "on_table": (2.9, 3.8),
    "why_off": (2.7, 3.5),
    "relationships": (4.3, 3.8),
}

# How the work is led, in the council's innovation lab: residents feel ideas are welcome and
# the vision is shared, but leading still rests with the council team.
LAB_LEADERSHIP = {
    "ideas_welcome": (4.0, 4.3),
    "try_things": (3.8, 3.6),
    "aim_at_change": (3.4, 4.0),
    "check_difference": (2.7, 3.5),
    "know_where_heading": (3.6, 4.2),
    "vision_shaped": (3.3, 3.9),
    "leading_shared": (2.4, 3.6),
    "lived_lead": (2.6, 3.7),
    "view_counts": (2.9, 4.0),
}

# What people wrote, by open question and side: (words, theme).
Written = dict[str, dict[str, list[tuple[str, str]]]]
EBCD_WRITTEN: Written = {
    "barriers_open": {
        LIVED: [
            (
                "Meetings at the hospital bring back my treatment. I dread the main entrance.",
                "venues",
            ),
            ("After chemo I am too tired for afternoon meetings.", "health and energy"),
            (
                "It is hard to say what I think with the surgeon who treats me across the table.",
                "speaking up",
            ),
            ("I don't drive and the bus takes over an hour each way.", "travel"),
            ("The papers come by email and I don't use email.", "not online"),
            ("Parking costs more than I can afford every week.", "travel"),
        ],
        PROF: [
            ("Clinic lists are full, so I come on my day off.", "staff time"),
            ("Ward rotas make it hard to get to every meeting.", "staff time"),
            ("I worry that what I say will be heard as criticism of colleagues.", "speaking up"),
        ],
    },
    "stopped_coming_open": {
        LIVED: [
            (
                "Some ward nurses stopped coming after the film. I think they felt blamed.",
                "staff stepping back",
            ),
            ("A friend from the group stopped when she could no longer get a lift.", "travel"),
        ],
        PROF: [
            (
                "After the film some ward colleagues felt criticised and did not come back.",
                "staff stepping back",
            ),
            ("People drift off when nothing seems to change on the ward.", "pace of change"),
        ],
    },
    "rhetoric_open": {
        LIVED: [
            (
                "Waiting times were on the table, then we were told the trust decides that.",
                "limits",
            ),
            ("The big decisions still go to the board without us.", "limits"),
        ],
        PROF: [
            ("We call it co-design, but the budget was fixed before we started.", "limits"),
        ],
    },
    "biggest_change_open": {
        LIVED: [
            ("The new leaflet about diagnosis day. I wish I had had it.", "information"),
            ("Being asked what I think, and seeing it written down.", "being heard"),
        ],
        PROF: [
            ("We now phone patients the day before their first appointment.", "information"),
            ("I understand much better what the waiting feels like.", "understanding"),
        ],
    },
}
LAB_WRITTEN: Written = {
    "barriers_open": {
        LIVED: [
            ("The council forms are full of words I don't understand.", "language"),
            ("Evening meetings are hard with three children at home.", "caring"),
            ("I am not online, so I hear about things late.", "not online"),
            ("The same few people do most of the talking.", "speaking up"),
        ],
        PROF: [
            ("Council meetings clash with the pizza nights.", "staff time"),
            ("I am never sure how much I am allowed to promise.", "limits"),
        ],
    },
    "who_missing_open": {
        LIVED: [
            ("Young people from the estate. Ask the youth club to bring them.", "young people"),
            ("Families who don't speak much English.", "language"),
        ],
        PROF: [
            ("Residents from the new flats by the ring road.", "reach"),
        ],
    },
    "biggest_change_open": {
        LIVED: [
            ("The time bank. I swapped gardening for help with my forms.", "time bank"),
            ("The shop is ours now, not the council's.", "ownership"),
        ],
        PROF: [
            ("A resident now holds a paid post as community connector.", "paid roles"),
        ],
    },
}
EBCD_LENSES_WRITTEN: Written = {
    "meaning_open": {
        LIVED: [
            ("Patients and staff deciding together, not staff deciding and then asking us.", ""),
            ("Being treated as partners, not patients, for two hours a month.", ""),
        ],
        PROF: [
            ("Working alongside patients as equal partners to improve the service.", ""),
        ],
    },
    "off_table_open": {
        LIVED: [
            (
                "Waiting times. We spent three meetings on them before anyone said the trust had already decided.",
                "",
            ),
        ],
        PROF: [("Ward staffing levels: that is set by the trust board.", "")],
    },
}
LAB_LEADERSHIP_WRITTEN: Written = {
    "led_open": {
        LIVED: [
            ("The council team still runs the meetings. We could take turns chairing.", ""),
            ("Jo leads it really, and she listens, but it would stop if she left.", ""),
            ("We lead the shop ourselves now. The rest is still the council's.", ""),
        ],
        PROF: [
            ("We say it is shared, but we still hold the budget and the diary.", ""),
            ("Residents lead the café sessions. We should hand over the steering group too.", ""),
        ],
    },
}
LAB_LENSES_WRITTEN: Written = {
    "stirred_open": {
        LIVED: [("People on our road talk to each other now.", "")],
        PROF: [
            (
                "The council's own ways of working are being questioned, which is uncomfortable but good.",
                "",
            )
        ],
    },
}

# A peer worker's reflections over time: (day, voice, experience, identity, moment, help).
N, X, R = vocab.NON_PROFESSIONAL, vocab.EXPERT, vocab.REJECTED
AMARA = [
    (
        280,
        N,
        R,
        R,
        "In a ward meeting a consultant said my view was too personal to count.",
        "A supervisor who has lived experience too, and being asked to the planning meetings.",
    ),
    (
        370,
        N,
        N,
        N,
        "I was asked to tell my story at the induction day, but not to help plan it.",
        "Being part of the planning, not only the storytelling.",
    ),
    (
        460,
        X,
        X,
        N,
        "The team changed the discharge phone call after I showed how it feels from the other side.",
        "Protected time each week for the peer support network.",
    ),
]
DEAN = [
    (
        270,
        N,
        X,
        N,
        "Officers listen at the café, but the decisions still happen at the town hall.",
        "To be in the room when the budget for the shop is set.",
    ),
    (
        390,
        X,
        X,
        X,
        "I chaired the residents' panel and the council changed the grant rules because of it.",
        "Training in reading council budgets.",
    ),
]


def _day(dj: DemoJourney, n: int, today: datetime.date) -> datetime.date:
    return min(dj.journey.started_on + datetime.timedelta(days=n), today)


def _latest(key: str) -> QuestionBank:
    return QuestionBank.objects.filter(builtin=True, key=key).order_by("-version").first()  # type: ignore[return-value]


def _rate(rng: random.Random, mean: float) -> services.Answer | None:
    roll = rng.random()
    if roll < 0.05:
        return None  # left blank
    if roll < 0.12:
        return services.Answer(dont_know=True)
    return services.Answer(rating=max(1, min(5, round(rng.gauss(mean, 0.8)))))


def _active(dj: DemoJourney, day: datetime.date, skip: Iterable[str] = ()) -> list[Person]:
    skipped = set(skip)
    return [
        p for name, p in sorted(dj.people.items()) if name not in skipped and p.is_active_on(day)
    ]


def _channel(p: Person, rng: random.Random) -> str:
    if not p.online:
        return rng.choice(["paper", "phone"])
    return rng.choice(["paper", "helped"])


def _answers(
    rng: random.Random,
    questions: dict[str, Question],
    means: dict[str, tuple[float, float]],
    written: Written,
    side: str,
    used: set[str],
) -> dict[int, services.Answer]:
    out: dict[int, services.Answer] = {}
    for key, (lived, prof) in means.items():
        a = _rate(rng, lived if side == LIVED else prof)
        if a is not None and key in questions:
            out[questions[key].pk] = a
    for key, by_side in written.items():
        pool = [w for w in by_side.get(side, []) if w[0] not in used]
        if pool and key in questions and rng.random() < 0.45:
            text, _theme = rng.choice(pool)
            used.add(text)
            out[questions[key].pk] = services.Answer(text=text)
    return out


def _round(
    ctx: DemoContext,
    dj: DemoJourney,
    *,
    bank: QuestionBank,
    title: str,
    anonymous: bool,
    opens: int,
    closes: int | None,
    stage: str,
    means: dict[str, tuple[float, float]],
    written: Written,
    skip: Iterable[str] = (),
    message: str = "",
) -> Round:
    opens_on = _day(dj, opens, ctx.today)
    rnd = services.round_open(
        actor=ctx.facilitator,
        journey=dj.journey,
        bank=bank,
        title=title,
        anonymous=anonymous,
        opens_on=opens_on,
        stage=stage,
        message=message,
        closes_on=_day(dj, closes, ctx.today) if closes is not None else None,
    )
    questions = {q.key: q for q in bank_questions(bank)}
    used: set[str] = set()
    for p in _active(dj, opens_on, skip=("Kit", *skip)):
        _role, side = role_on(p, opens_on)
        answers = _answers(ctx.rng, questions, means, written, side, used)
        if not answers:
            continue
        given = _day(dj, opens + ctx.rng.randint(0, 10), ctx.today)
        services.answers_enter(
            actor=ctx.facilitator,
            round=rnd,
            answers=answers,
            channel=_channel(p, ctx.rng),
            person=p,
            given_on=given,
        )
    if closes is not None:
        rnd = services.round_close(
            actor=ctx.facilitator, round=rnd, closed_on=_day(dj, closes, ctx.today)
        )
    _tag(ctx, rnd, written)
    return rnd


def _tag(ctx: DemoContext, rnd: Round, written: Written) -> None:
    themes = {
        text: theme
        for by_side in written.values()
        for pool in by_side.values()
        for text, theme in pool
        if theme
    }
    model: Any = AnonymousAnswer if rnd.anonymous else NamedAnswer
    for a in model.objects.filter(answer_set__round=rnd).exclude(text="").order_by("text"):
        if a.text in themes:
            services.answer_themes_set(
                actor=ctx.facilitator, round=rnd, answer_id=str(a.pk), names=[themes[a.text]]
            )


def _reflections(
    ctx: DemoContext, dj: DemoJourney, name: str, entries: list[tuple[Any, ...]]
) -> None:
    """A peer worker's reflections over time, private to them and their supporter (Sam)."""
    bank = _latest("lived_roles")
    questions = {q.area if q.is_role else q.key: q for q in bank_questions(bank)}
    person = dj.people[name]
    for n, (day, voice, experience, identity, moment, helps) in enumerate(entries, start=1):
        opens_on = _day(dj, day, ctx.today)
        rnd = services.round_open(
            actor=ctx.facilitator,
            journey=dj.journey,
            bank=bank,
            title=f"Peer worker check-in {n}",
            anonymous=False,
            opens_on=opens_on,
            message="A few questions for our peer workers about how your role is going. Only "
            "you and the supporter you choose will see your answers.",
        )
        services.answers_enter(
            actor=ctx.facilitator,
            round=rnd,
            answers={
                questions[vocab.VOICE].pk: services.Answer(choice=voice),
                questions[vocab.EXPERIENCE].pk: services.Answer(choice=experience),
                questions[vocab.IDENTITY].pk: services.Answer(choice=identity),
                questions["lr_moment_open"].pk: services.Answer(text=moment),
                questions["lr_help_open"].pk: services.Answer(text=helps),
            },
            channel="helped",
            person=person,
            given_on=opens_on,
            consent=vocab.PRIVATE,
            supporter=ctx.facilitator,
        )
        services.round_close(
            actor=ctx.facilitator, round=rnd, closed_on=_day(dj, day + 14, ctx.today)
        )


def _matching(qs: Any, words: Iterable[str], limit: int = 3) -> list[Any]:
    found: list[Any] = []
    for word in words:
        for obj in qs.filter(text__icontains=word).order_by("id")[:limit]:
            if obj not in found:
                found.append(obj)
    return found[:limit]


def _ebcd(ctx: DemoContext, dj: DemoJourney) -> None:
    audit, lenses = _latest("power_audit"), _latest("lenses")
    _round(
        ctx,
        dj,
        bank=audit,
        title="Power audit, during co-design",
        anonymous=True,
        opens=200,
        closes=230,
        stage="co_design",
        means=EBCD_AUDIT,
        written=EBCD_WRITTEN,
        message="Filled in on paper at the co-design groups, or by phone for those who could "
        "not come. Please be honest: nobody will know who said what.",
    )
    _round(
        ctx,
        dj,
        bank=audit,
        title="Power audit, a year on",
        anonymous=True,
        opens=420,
        closes=445,
        stage="co_evaluation",
        means=EBCD_AUDIT_LATER,
        written=EBCD_WRITTEN,
    )
    _round(
        ctx,
        dj,
        bank=lenses,
        title="Is it real co-production? Looking back with three lenses",
        anonymous=False,
        opens=465,
        closes=None,
        stage="co_evaluation",
        means=EBCD_LENSES,
        written=EBCD_LENSES_WRITTEN,
        skip=("Rosa",),  # Rosa can answer it herself when the demo is explored
    )
    ending = services.ending_create(
        actor=ctx.facilitator,
        journey=dj.journey,
        title="End of the co-design phase",
        held_on=_day(dj, 330, ctx.today),
        stage="co_design",
        summary="Four co-design groups met through the year. The group looked back together at "
        "a café session away from the hospital.",
    )
    views: list[dict[str, Any]] = [
        dict(
            perspective="Patients and carers in the co-design groups",
            side=LIVED,
            achieved="A new leaflet for diagnosis day, a phone call before first appointments, "
            "and a quiet room in clinic.",
            skills_gained="Speaking up in meetings; Amara now chairs the information group; we "
            "understand how the hospital makes decisions.",
            worked="Small groups meeting often. The film of our stories. Expenses paid on the day.",
            did_not_work="Ward care: the ward group stopped when the nurses stepped back. Waiting "
            "times were never really ours to change.",
            carry_forward="Say at the start what is on the table and what is not. Meet away from "
            "the ward.",
            still_lacking="Someone from the booking team, and links with the cancer charity's "
            "support groups.",
            channel="helped",
        ),
        dict(
            perspective="Clinic and ward staff",
            side=PROF,
            role="frontline_staff",
            achieved="Changes to how we contact patients before their first appointment.",
            skills_gained="Listening without defending ourselves; running a meeting with patients "
            "as equals.",
            worked="Hearing patients' stories in their own words.",
            did_not_work="Ward colleagues felt criticised by the film and we did not support them "
            "well enough.",
            carry_forward="Support for staff when feedback is hard to hear.",
            still_lacking="Protected time on the rota.",
            channel="paper",
        ),
        dict(
            perspective="",
            person=dj.people["Priya"],
            achieved="The money went further than planned because patients chose cheap, visible "
            "changes.",
            carry_forward="Fund the peer support role beyond the pilot.",
            channel="online",
        ),
    ]
    for v in views:
        services.ending_view_add(actor=ctx.facilitator, ending=ending, **v)
    contributions = Contribution.objects.filter(journey=dj.journey)
    decisions = Decision.objects.filter(journey=dj.journey)
    gatherings = [dj.joint_event] if dj.joint_event is not None else dj.gatherings[:1]
    services.realist_note_add(
        actor=ctx.facilitator,
        ending=ending,
        context="Patients still in treatment, sitting across the table from the clinicians who "
        "treat them.",
        mechanism="They held back criticism so as not to upset the people caring for them.",
        outcome="Problems with ward care came up late and softly, and the ward group stalled.",
        contributions=_matching(contributions, ["ward", "nurse"]),
        gatherings=gatherings,
    )
    services.realist_note_add(
        actor=ctx.facilitator,
        ending=ending,
        context="Staff and patients watching the film of patients' stories together at the "
        "joint event.",
        mechanism="Staff heard what care felt like, in patients' own words, without anyone "
        "speaking for them.",
        outcome="Staff and patients chose the same top priorities in the vote that followed.",
        gatherings=gatherings,
        decisions=list(decisions.order_by("decided_on", "id")[:2]),
    )
    _reflections(ctx, dj, "Amara", AMARA)


def _lab(ctx: DemoContext, dj: DemoJourney) -> None:
    _round(
        ctx,
        dj,
        bank=_latest("power_audit"),
        title="Power audit at the café",
        anonymous=True,
        opens=120,
        closes=140,
        stage="co_design",
        means=LAB_AUDIT,
        written=LAB_WRITTEN,
        message="On paper at the café and the pizza night. Nobody will know who said what.",
    )
    _round(
        ctx,
        dj,
        bank=_latest("lenses"),
        title="Three lenses, after the shop opened",
        anonymous=False,
        opens=300,
        closes=320,
        stage="co_delivery",
        means=LAB_LENSES,
        written=LAB_LENSES_WRITTEN,
    )
    ending = services.ending_create(
        actor=ctx.facilitator,
        journey=dj.journey,
        title="End of co-commissioning",
        held_on=_day(dj, 200, ctx.today),
        stage="co_commissioning",
        summary="Residents and the council decided together what the community fund would pay "
        "for: the shop, a time bank and a parents' group.",
    )
    lab_views: list[dict[str, Any]] = [
        dict(
            perspective="Residents at the café sessions",
            side=LIVED,
            achieved="We chose what the fund pays for: the shop, the time bank and the parents' "
            "group.",
            skills_gained="Reading a budget, running a stall, speaking at the council.",
            worked="Meeting at the café and the pizza nights, not the town hall.",
            did_not_work="Council paperwork took months. Some people gave up waiting.",
            carry_forward="Keep meeting where people already go.",
            still_lacking="Young people, and someone who knows the grant rules inside out.",
            channel="helped",
        ),
        dict(
            perspective="The council's innovation team",
            side=PROF,
            achieved="A way of commissioning with residents that the council can repeat.",
            worked="Letting residents lead the sessions.",
            did_not_work="We promised dates the council's processes could not meet.",
            carry_forward="Be honest early about what the council cannot change.",
            still_lacking="A senior sponsor who comes to the sessions.",
            channel="online",
        ),
    ]
    for v in lab_views:
        services.ending_view_add(actor=ctx.facilitator, ending=ending, **v)
    services.realist_note_add(
        actor=ctx.facilitator,
        ending=ending,
        context="Informal venues residents already use: the café and pizza nights.",
        mechanism="Residents who never come to council meetings felt at ease to speak and to lead.",
        outcome="Residents proposed the time bank and the parents' group themselves.",
        gatherings=[g for g in dj.gatherings if g.venue_kind == "community"][:3],
        decisions=list(
            Decision.objects.filter(journey=dj.journey).order_by("decided_on", "id")[:2]
        ),
    )
    _round(
        ctx,
        dj,
        bank=_latest("leadership"),
        title="How the work is led",
        anonymous=True,
        opens=330,
        closes=345,
        stage="co_delivery",
        means=LAB_LEADERSHIP,
        written=LAB_LEADERSHIP_WRITTEN,
        message="Anonymous. Tell us honestly who leads this work and how.",
    )
    _reflections(ctx, dj, "Dean", DEAN)


def extend(ctx: DemoContext) -> None:
    services.banks_sync()
    if EBCD in ctx.journeys:
        _ebcd(ctx, ctx.journeys[EBCD])
    if LAB in ctx.journeys:
        _lab(ctx, ctx.journeys[LAB])
