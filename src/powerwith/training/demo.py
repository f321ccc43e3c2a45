"""Training in the two demo journeys, built through the services (see demo/context.py).

Better breast care: a session on chairing and speaking up in meetings for patients and carers,
run by the facilitator, before the joint work on priorities. Each person said what they wanted
to get out of it; most goals were revisited a fortnight later (one was not, so the dashboard's
warning sign has something to say). The same five statements were asked before and after,
anonymously, on paper and with help. Northfield together: a session on reading the council's
budget, planned for the coming weeks, with people booked and nothing else yet.

All invented; the ratings are drawn from ``ctx.rng`` around the means below, so loading twice
gives the same demo. Based on: Whitehead / Centre for Loneliness Studies 2021, activity 1.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.reflection import services as reflection_services
from powerwith.reflection.models import QuestionBank
from powerwith.reflection.selectors import bank_questions

from . import services, vocab
from .selectors import trainees_for

# Mean agreement (1-5) before and after, by statement of the training bank.
MEANS = {
    "confident_speaking": (2.6, 3.7),
    "confident_chairing": (1.9, 3.2),
    "know_coproduction": (2.8, 3.9),
    "know_decisions": (2.3, 3.0),
    "know_support": (3.1, 3.8),
}

# Each person's goals in their own words: (goal, outcome, what they said when it was revisited).
GOALS: dict[str, list[tuple[str, str, str]]] = {
    "Rosa": [
        (
            "To chair the patient panel without freezing.",
            vocab.MET,
            "I chaired the next panel. Still nervous, but I did it.",
        )
    ],
    "Lin": [
        (
            "Understand who decides what in the hospital.",
            vocab.PARTLY,
            "I know who sits on the board now. The money side is still a mystery.",
        )
    ],
    "Shazia": [("Speak up when a consultant is in the room.", vocab.MET, "")],
    "Maggie": [
        (
            "Learn how to write a short report for the trust.",
            vocab.NOT_MET,
            "We ran out of time for that part.",
        )
    ],
    "Dev": [("Feel I can speak for carers, not only for patients.", vocab.MET, "")],
    "Niamh": [
        (
            "Know where to go when I need support to keep coming.",
            vocab.PARTLY,
            "I know who to ask. Transport is still hard.",
        )
    ],
    "Amara": [
        ("Get ready to run peer support meetings.", vocab.MET, "I run the Thursday group now."),
        ("Keep a meeting to time.", vocab.PARTLY, ""),
    ],
    "Kath": [("Not to be talked over.", "", "")],
}

SESSION_DAY = 200  # days from the journey's start


def _day(dj: DemoJourney, n: int, today: datetime.date) -> datetime.date:
    return min(dj.journey.started_on + datetime.timedelta(days=n), today)


def _rate(ctx: DemoContext, mean: float) -> reflection_services.Answer | None:
    roll = ctx.rng.random()
    if roll < 0.05:
        return None
    if roll < 0.1:
        return reflection_services.Answer(dont_know=True)
    return reflection_services.Answer(rating=max(1, min(5, round(ctx.rng.gauss(mean, 0.7)))))


def _ebcd(ctx: DemoContext, dj: DemoJourney) -> None:
    held_on = _day(dj, SESSION_DAY, ctx.today)
    session = services.session_create(
        actor=ctx.facilitator,
        journey=dj.journey,
        title="Chairing and speaking up in meetings",
        held_on=held_on,
        led_by=dj.people["Sam"],
        trainer="The Willow Centre",
        hours=Decimal("3"),
        about="How a meeting is run, how to chair one, how to get your point across when "
        "senior staff are in the room, and where to get support to keep coming.",
    )
    bank = QuestionBank.objects.filter(builtin=True, key="training").order_by("-version").first()
    assert bank is not None
    session = services.questions_open(
        actor=ctx.facilitator,
        session=session,
        bank=bank,
        anonymous=True,
        opens_on=_day(dj, SESSION_DAY - 7, ctx.today),
    )
    names = [n for n in sorted(GOALS) if dj.people[n].is_active_on(held_on)]
    names += [n for n in ("Bev", "Tessa") if dj.people[n].is_active_on(held_on)]
    people = [dj.people[n] for n in names]
    questions = {q.key: q for q in bank_questions(bank)}
    assert session.before_round is not None

    def answer(round_: object, which: int, given_on: datetime.date, person: object) -> None:
        answers = {}
        for key, means in MEANS.items():
            a = _rate(ctx, means[which])
            if a is not None:
                answers[questions[key].pk] = a
        reflection_services.answers_enter(
            actor=ctx.facilitator,
            round=round_,  # type: ignore[arg-type]
            answers=answers,
            channel=ctx.rng.choice(["paper", "helped"]),
            person=person,  # type: ignore[arg-type]
            client_token=uuid.UUID(int=ctx.rng.getrandbits(128)),
            given_on=given_on,
        )

    for p in people:  # booked first: only the people on a session answer its questions
        services.trainee_add(actor=ctx.facilitator, session=session, person=p)
    for p in people:
        answer(session.before_round, 0, _day(dj, SESSION_DAY - ctx.rng.randint(0, 6), ctx.today), p)
    trainees = {t.person.name: t for t in trainees_for(session)}
    for name in names:
        for text, outcome, note in GOALS.get(name, []):
            goal = services.goal_add(
                actor=ctx.facilitator,
                trainee=trainees[name],
                text=text,
                set_on=_day(dj, SESSION_DAY - 3, ctx.today),
            )
            if outcome:
                services.goal_review(
                    actor=ctx.facilitator,
                    goal=goal,
                    outcome=outcome,
                    note=note,
                    reviewed_on=_day(dj, SESSION_DAY + 14, ctx.today),
                )
    session = services.after_open(actor=ctx.facilitator, session=session, opens_on=held_on)
    assert session.after_round is not None
    for p in people[:-1]:  # one person did not fill in the after questions
        answer(session.after_round, 1, _day(dj, SESSION_DAY + ctx.rng.randint(0, 7), ctx.today), p)
    reflection_services.round_close(
        actor=ctx.facilitator,
        round=session.after_round,
        closed_on=_day(dj, SESSION_DAY + 14, ctx.today),
    )


def _lab(ctx: DemoContext, dj: DemoJourney) -> None:
    session = services.session_create(
        actor=ctx.facilitator,
        journey=dj.journey,
        title="Reading the council's budget",
        held_on=ctx.today + datetime.timedelta(days=12),
        led_by=dj.people["Zoe"],
        hours=Decimal("2"),
        about="Where the council's money comes from, what is already spent, and what the "
        "community fund can and cannot pay for.",
    )
    for name in ("Lorraine", "Kayleigh", "Tariq", "Shirley", "Dean"):
        if dj.people[name].is_active_on(ctx.today):
            services.trainee_add(actor=ctx.facilitator, session=session, person=dj.people[name])


def extend(ctx: DemoContext) -> None:
    reflection_services.banks_sync()
    if EBCD in ctx.journeys:
        _ebcd(ctx, ctx.journeys[EBCD])
    if LAB in ctx.journeys:
        _lab(ctx, ctx.journeys[LAB])
