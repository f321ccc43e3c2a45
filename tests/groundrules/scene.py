"""A small worked example for the ground rules, words and framing figures (docs/insights.md,
"## groundrules"): every record through the real services, with dates chosen by hand."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from powerwith.groundrules import services as s
from powerwith.people import services as ps
from tests.conftest import World
from tests.people.builders import gathering, person

D = datetime.date


@dataclass
class Scene:
    w: World
    people: dict[str, Any]
    rules: dict[str, Any]
    words: dict[str, Any]
    wordings: dict[str, Any]


def build(w: World) -> Scene:
    f = w.facilitator
    j = w.journey
    ann = person(w, "Ann Lee")  # service user: lived experience
    sam = person(w, "Sam Ortiz", role="frontline_staff")  # professional
    cat = person(w, "Cat Jones")  # service user until 1 March 2025, then staff
    gathering(w, "First café", held_on=D(2025, 2, 4))
    gathering(w, "Second café", held_on=D(2025, 3, 4))

    def rule(text: str, by: Any, on: D, agreed: D | None = None) -> Any:
        return s.ground_rule_propose(
            actor=f, journey=j, text=text, proposed_by=by, proposed_on=on, agreed_on=agreed
        )

    r1 = rule("One voice at a time", ann, D(2025, 2, 4), D(2025, 2, 4))
    r2 = rule("Phones on silent", sam, D(2025, 2, 4))
    s.ground_rule_agree(actor=f, rule=r2, agreed_on=D(2025, 2, 11))
    s.ground_rule_retire(actor=f, rule=r2, retired_on=D(2025, 3, 10))
    r3 = rule("A break every hour", None, D(2025, 2, 4))
    s.ground_rule_agree(actor=f, rule=r3, agreed_on=D(2025, 3, 4))
    r4 = rule("No short names without saying what they mean", cat, D(2025, 2, 10))
    r5 = rule("Start on the dot", sam, D(2025, 2, 4))
    s.ground_rule_retire(actor=f, rule=r5, retired_on=D(2025, 2, 11))

    def word(term: str, by: Any, on: D) -> Any:
        return s.word_add(
            actor=f, journey=j, term=term, meaning=f"What {term} means.", asked_by=by, asked_on=on
        )

    w1 = word("MDT", ann, D(2025, 2, 4))
    w2 = word("discharge summary", cat, D(2025, 3, 5))
    w3 = word("PALS", None, D(2025, 2, 20))

    def wording(kind: str, text: str, by: Any, on: D, agreed: D | None = None) -> Any:
        wd = s.wording_propose(
            actor=f, journey=j, kind=kind, text=text, proposed_by=by, proposed_on=on
        )
        if agreed:
            s.wording_agree(actor=f, wording=wd, agreed_on=agreed)
        return wd

    q1 = wording("problem", "Appointments run late.", sam, D(2025, 2, 4), D(2025, 2, 11))
    q2 = wording(
        "problem", "Nobody tells us what happens next.", ann, D(2025, 3, 4), D(2025, 3, 11)
    )
    p1 = wording(
        "purpose", "Make every step of breast care clear.", cat, D(2025, 3, 5), D(2025, 3, 11)
    )
    q3 = wording("problem", "We are not told what happens next.", ann, D(2025, 3, 12))
    # Cat becomes staff from 1 March: what she proposed or asked on or after it counts as
    # professional (the snapshot is rewritten), what came before stays lived experience.
    ps.person_change_role(actor=f, person=cat, role="frontline_staff", from_date=D(2025, 3, 1))
    return Scene(
        w=w,
        people={"ann": ann, "sam": sam, "cat": cat},
        rules={"r1": r1, "r2": r2, "r3": r3, "r4": r4, "r5": r5},
        words={"w1": w1, "w2": w2, "w3": w3},
        wordings={"q1": q1, "q2": q2, "p1": p1, "q3": q3},
    )
