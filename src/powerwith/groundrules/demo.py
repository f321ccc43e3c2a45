"""The demo journeys' ground rules, words and framing history, built through the services.

Better breast care agrees its ground rules at its first patients' gatherings (one proposal by
the consultant is not taken up, one by the service manager still waits), keeps a list of the
hospital's words patients asked about, and reframed its problem: the consultant's "waiting
times" became a patient's "nobody tells us what happens next". Northfield Together agrees its
rules over food, asks what the council's words mean, and has a resident's wording of the
problem waiting to be agreed while the one in force came from the council (so the framing
warning sign shows there).
"""

from __future__ import annotations

import datetime
from typing import Any

from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney

from . import services

# (text, proposer or None for the group, proposed at gathering #, agreed at # or None,
#  retired at # or None)
Rule = tuple[str, str | None, int, int | None, int | None]

EBCD_RULES: list[Rule] = [
    ("One person speaks at a time, and we listen to the end.", "Rosa", 1, 1, None),
    ("What is said about anyone's own care stays in the room.", "Jo", 1, 1, None),
    ("Anyone can ask for a break at any time, no reason needed.", None, 1, 1, None),
    ("First names for everyone: no job titles at the table.", "Amara", 1, 2, None),
    ("Say what a short name means the first time you use it.", "Maggie", 2, 3, None),
    ("Phones off for the whole meeting.", "Anil", 1, None, 2),
    ("We start and finish on time, every time.", "Colin", -2, None, None),
]

LAB_RULES: list[Rule] = [
    ("Everyone's view counts the same, whoever they are.", "Lorraine", 1, 1, None),
    ("Speak plainly: no council jargon.", "Kayleigh", 1, 2, None),
    ("Children are welcome at every meeting.", "Joy", 2, 2, None),
    ("Food first, then talk.", None, 1, 1, None),
    ("Minutes go round within a week of each meeting.", "Gordon", -2, None, None),
]

# (term, plain meaning, asked by or None, asked at gathering #)
Words = list[tuple[str, str, str | None, int]]

EBCD_WORDS: Words = [
    (
        "MDT",
        "Multidisciplinary team: the doctors, nurses and other specialists who meet each week "
        "to agree the plan for each patient's treatment.",
        "Lin",
        1,
    ),
    (
        "Discharge summary",
        "The letter the hospital writes when you go home, saying what was done and what happens "
        "next. A copy goes to your GP, and you can ask for one too.",
        "Deborah",
        1,
    ),
    (
        "Two-week wait",
        "The promise that someone sent by their GP with a possible cancer is seen by a "
        "specialist within two weeks.",
        "Bev",
        1,
    ),
    (
        "Triple assessment",
        "The three checks at the breast clinic, often on one day: an examination, a scan or "
        "mammogram, and a biopsy.",
        "Shazia",
        2,
    ),
    (
        "PALS",
        "The Patient Advice and Liaison Service: the hospital's team for questions, concerns "
        "and complaints.",
        "Kath",
        2,
    ),
    (
        "Touchpoint",
        "A moment in someone's care that stays with them, good or bad: the diagnosis, the "
        "first chemotherapy, the last day of treatment.",
        "Joan",
        2,
    ),
    (
        "Key worker",
        "The person, usually a breast care nurse, who is your first contact and helps you "
        "through your care.",
        None,
        3,
    ),
]

LAB_WORDS: Words = [
    (
        "Co-production",
        "Residents and the council deciding and doing things together, as equals, rather than "
        "the council asking and then deciding on its own.",
        "Shirley",
        1,
    ),
    (
        "Commissioning",
        "How the council decides which services to pay for, who runs them and for how much.",
        "Tariq",
        1,
    ),
    (
        "Cabinet",
        "The group of councillors who make the council's big decisions.",
        "Dean",
        2,
    ),
    (
        "Section 106 money",
        "Money builders pay the council when they get planning permission, to be spent on the "
        "area around the new homes.",
        "Jamal",
        2,
    ),
    ("Ward", "The area a councillor is elected to represent.", "Pat", 3),
]

# (kind, text, proposer or None, proposed at #, agreed at # or None)
Framing = list[tuple[str, str, str | None, int, int | None]]

EBCD_FRAMING: Framing = [
    (
        "problem",
        "Clinic waiting times are too long and patients complain about them.",
        "Anil",
        0,
        1,
    ),
    (
        "problem",
        "From the day of diagnosis to follow-up, patients and their families often do not know "
        "what happens next or who to ask, and staff do not have the time to tell them.",
        "Rosa",
        2,
        3,
    ),
    (
        "purpose",
        "Patients, carers and staff of the breast unit working together so that nobody goes "
        "through breast cancer care without knowing what happens next.",
        "Niamh",
        -1,
        None,
    ),
]

LAB_FRAMING: Framing = [
    (
        "problem",
        "Take-up of council services on the Northfield estate is low, and residents do not "
        "come to consultations.",
        "Denise",
        0,
        1,
    ),
    (
        "problem",
        "There is nowhere on the estate for young people and families to go, and the council "
        "only ever hears from the same few people.",
        "Kayleigh",
        -1,
        None,
    ),
]


def _day(dj: DemoJourney, index: int) -> datetime.date:
    """The day of gathering ``index`` (negative counts from the last)."""
    return dj.gatherings[index].held_on


def _who(dj: DemoJourney, name: str | None) -> Any:
    return dj.people[name] if name else None


def _build(
    ctx: DemoContext, dj: DemoJourney, rules: list[Rule], words: Words, framing: Framing
) -> None:
    actor, journey = ctx.facilitator, dj.journey
    for text, by, at, agreed, retired in rules:
        rule = services.ground_rule_propose(
            actor=actor,
            journey=journey,
            text=text,
            proposed_by=_who(dj, by),
            proposed_on=_day(dj, at),
        )
        if agreed is not None:
            services.ground_rule_agree(actor=actor, rule=rule, agreed_on=_day(dj, agreed))
        if retired is not None:
            services.ground_rule_retire(actor=actor, rule=rule, retired_on=_day(dj, retired))
    for term, meaning, by, at in words:
        services.word_add(
            actor=actor,
            journey=journey,
            term=term,
            meaning=meaning,
            asked_by=_who(dj, by),
            asked_on=_day(dj, at),
        )
    for kind, text, by, at, agreed in framing:
        wording = services.wording_propose(
            actor=actor,
            journey=journey,
            kind=kind,
            text=text,
            proposed_by=_who(dj, by),
            proposed_on=_day(dj, at),
        )
        if agreed is not None:
            services.wording_agree(actor=actor, wording=wording, agreed_on=_day(dj, agreed))


def extend(ctx: DemoContext) -> None:
    if EBCD in ctx.journeys:
        _build(ctx, ctx.journeys[EBCD], EBCD_RULES, EBCD_WORDS, EBCD_FRAMING)
    if LAB in ctx.journeys:
        _build(ctx, ctx.journeys[LAB], LAB_RULES, LAB_WORDS, LAB_FRAMING)
