"""A statement round in each demo journey, with invented responses (see demo/context.py).

Each journey asks one question, seeded with typed statements and two of the things people
raised (linked). People in the register respond as members signed in (so their side is known),
more by the link (side unknown) and some on paper (side ticked). Two invented outlooks cut
across the sides, so the results show opinion groups that are not simply "patients versus
staff", and statements where the sides agree and where they differ. All drawn from
``ctx.rng``: loading twice gives the same responses (the round's link token and participants'
random ids are new each time, as they must be).
"""

from __future__ import annotations

from typing import Any

from powerwith.demo.context import EBCD, LAB, DemoContext
from powerwith.people import vocab as people_vocab

from . import services

LIVED, PROF = people_vocab.LIVED, people_vocab.PROFESSIONAL

# (question, statements with how likely each outlook agrees: (outlook 0, outlook 1), and how
# much more a side agrees: (lived, professional)).
ROUNDS: dict[str, tuple[str, list[tuple[str, tuple[float, float], tuple[float, float]]]]] = {
    EBCD: (
        "What would make the breast care service better?",
        [
            ("Results should be given in person, never by letter.", (0.85, 0.3), (0.1, -0.1)),
            ("Clinic appointments run too late in the day.", (0.7, 0.4), (0.15, -0.2)),
            ("Nurses have enough time to talk with patients.", (0.2, 0.6), (-0.25, 0.25)),
            ("A named contact after surgery would stop most worries.", (0.9, 0.8), (0.05, 0.0)),
            (
                "The waiting area should be away from the main outpatients.",
                (0.75, 0.35),
                (0.1, 0.0),
            ),
            ("Patients should help choose how the service is changed.", (0.9, 0.55), (0.05, -0.1)),
            ("Parking costs put people off coming to appointments.", (0.6, 0.3), (0.2, -0.15)),
            ("Written information is clear enough.", (0.25, 0.7), (-0.2, 0.2)),
            ("Staff would welcome feedback from patients more often.", (0.6, 0.85), (-0.1, 0.1)),
            ("Evening phone support would help carers.", (0.8, 0.5), (0.1, -0.05)),
        ],
    ),
    LAB: (
        "What would make the high street feel like ours again?",
        [
            ("Empty shops should be open to community groups for free.", (0.9, 0.4), (0.1, -0.1)),
            ("The council listens to young people.", (0.15, 0.6), (-0.2, 0.25)),
            ("More benches and shade would bring older people back.", (0.85, 0.7), (0.05, 0.0)),
            ("Market stalls should be cheaper for local traders.", (0.8, 0.35), (0.1, -0.1)),
            ("Street lighting makes people feel safe at night.", (0.2, 0.55), (-0.15, 0.15)),
            ("Decisions about the high street should be made locally.", (0.9, 0.6), (0.1, -0.15)),
            ("Bus times fit when people need to come into town.", (0.25, 0.5), (-0.2, 0.1)),
            (
                "A community noticeboard would help people find out what is on.",
                (0.8, 0.8),
                (0.0, 0.0),
            ),
            ("Public toilets should open every day.", (0.85, 0.45), (0.1, -0.1)),
            ("Events should be free to attend.", (0.75, 0.4), (0.1, -0.05)),
        ],
    ),
}
# Statements people added while responding, accepted by the facilitator, then answered by
# those who came back (later statements collect fewer votes, as in any round): (side of the
# writer, text, (outlook 0, outlook 1), (lived, professional)).
ADDED: dict[str, list[tuple[str, str, tuple[float, float], tuple[float, float]]]] = {
    EBCD: [
        (
            LIVED,
            "Someone should ring a few days after diagnosis to check we understood.",
            (0.85, 0.6),
            (0.1, -0.05),
        ),
        (
            LIVED,
            "Partners should always be welcome at the results appointment.",
            (0.8, 0.7),
            (0.05, 0.0),
        ),
        (
            PROF,
            "Clinic letters should be written together with patients.",
            (0.7, 0.6),
            (0.05, 0.05),
        ),
        ("", "The nurse's phone number should be on every letter.", (0.8, 0.75), (0.05, 0.0)),
    ],
    LAB: [
        (LIVED, "The library should open on Saturdays.", (0.8, 0.55), (0.1, -0.05)),
        (LIVED, "Young people should help run the market.", (0.75, 0.5), (0.1, -0.1)),
        (PROF, "Shops should be able to share empty units.", (0.6, 0.7), (-0.05, 0.1)),
        ("", "There should be a free bus into town on market day.", (0.85, 0.5), (0.1, -0.1)),
    ],
}
COME_BACK = 0.7  # share of participants who answer the added statements
LINK_PEOPLE = 30  # responding by the link, side unknown
PAPER_SHEETS = {LIVED: 8, PROF: 4}  # returned sheets, side ticked


def _vote(rng: Any, p_agree: float) -> int:
    p = min(max(p_agree, 0.02), 0.98)
    roll = rng.random()
    if roll < 0.12:
        return 0  # pass or unsure
    return 1 if rng.random() < p else -1


def _respond(
    rng: Any, participant: Any, statements: list[tuple[Any, tuple[float, float], Any]], side: str
) -> None:
    outlook = 1 if rng.random() < (0.35 if side == LIVED else 0.7 if side == PROF else 0.5) else 0
    for statement, by_outlook, by_side in statements:
        if rng.random() < 0.1:
            continue  # left out
        lean = by_side[0] if side == LIVED else by_side[1] if side == PROF else 0.0
        services.response_record(
            participant=participant,
            statement=statement,
            vote=_vote(rng, by_outlook[outlook] + lean),
        )


def extend(ctx: DemoContext) -> None:
    for key, (question, texts) in ROUNDS.items():
        dj = ctx.journeys.get(key)
        if dj is None:
            continue
        picked = dj.contributions[:2]
        rnd = services.round_create(
            actor=ctx.facilitator,
            journey=dj.journey,
            question=question,
            statements=[t for t, _, _ in texts],
            contributions=picked,
            participants_may_add=True,
        )
        rows = [
            (s, t[1], t[2])
            for s, t in zip(
                rnd.statements.filter(contribution__isnull=True).order_by("pk"), texts, strict=True
            )
        ]
        # What was raised: most people agree with it, the sides a little apart.
        rows += [
            (s, (0.75, 0.6), (0.05, -0.05))
            for s in rnd.statements.filter(contribution__isnull=False).order_by("pk")
        ]
        online: list[tuple[Any, str]] = []
        for person in sorted(dj.people.values(), key=lambda p: p.pk):
            if person.left_on is None and ctx.rng.random() < 0.85:
                joined = services.participant_join(round=rnd, person=person)
                _respond(ctx.rng, joined, rows, person.side)
                online.append((joined, person.side))
        for _ in range(LINK_PEOPLE):
            joined = services.participant_join(round=rnd)
            _respond(ctx.rng, joined, rows, "")
            online.append((joined, ""))
        for side, n in PAPER_SHEETS.items():
            for _ in range(n):
                sheet = services.participant_join(round=rnd, channel="paper", side=side)
                _respond(ctx.rng, sheet, rows, side)
        added: list[tuple[Any, tuple[float, float], tuple[float, float]]] = []
        for side, text, by_outlook, by_side in ADDED.get(key, []):
            writer = next(
                p for p, s in online if s == side and p.pk not in {a.author_id for a, _, _ in added}
            )
            statement = services.statement_propose(participant=writer, text=text)
            services.statement_moderate(
                actor=ctx.facilitator, statement=statement, moderation="accepted"
            )
            added.append((statement, by_outlook, by_side))
        for participant, side in online:
            if ctx.rng.random() < COME_BACK:
                _respond(ctx.rng, participant, added, side)
        author = services.participant_join(round=rnd)
        services.statement_propose(
            participant=author, text="Ask people who stopped coming why they stopped."
        )
