"""What a peer worker's answers on voice, experience and identity suggest may be happening.

Based on: Chauhan, Croft & Spyridonidis 2022. People employed for their lived experience find
their voice, their experience and their identity each treated as non-professional, as expert,
or rejected. Three processes follow: inverting professionalism (co-production is neutralized),
embedding expertise (enhanced) and perpetuating rejection (tokenistic). The paper describes the
patterns; it gives no formula for mixed answers, so the rule below is ours, chosen to be simple,
to put rejection first (it does the most harm and most needs a conversation), and to ask for
more than one sign before suggesting that expertise is built in.

The rule, in order:

1. **Pushed aside (tokenistic)** when two or more of the three are rejected, or when one is
   rejected and none is treated as expertise (nothing recognised to hold the rejection back).
2. **Expertise built in (enhanced)** when none is rejected and at least two are treated as
   expertise.
3. **Heard on others' terms (neutralized)** in every other case: all non-professional; one
   treated as expertise; or one rejected alongside some expertise (what they know is
   recognised, but held in check).

Of the 27 combinations, 10 suggest tokenistic, 4 enhanced and 13 neutralized (tested one by
one in tests/reflection/test_lived_roles.py). The result is shown only to the person and the
people they choose, as a prompt for a supportive conversation, with how it changed over time.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import vocab

CONSTRUCT_ORDER = (vocab.VOICE, vocab.EXPERIENCE, vocab.IDENTITY)


@dataclass(frozen=True)
class Suggestion:
    voice: str
    experience: str
    identity: str
    process: str  # vocab.PROCESSES code: neutralized / enhanced / tokenistic
    mixed: bool  # the three answers do not all point the same way

    @property
    def label(self) -> str:
        return vocab.PROCESSES.label(self.process)

    @property
    def explanation(self) -> str:
        return vocab.PROCESSES.explain(self.process)

    @property
    def prompt(self) -> str:
        return str(vocab.PROCESSES[self.process]["prompt"])

    @property
    def parts(self) -> list[tuple[str, str]]:
        """(part of the role, how it is treated), in plain words."""
        return [
            (vocab.CONSTRUCTS.label(c), vocab.EXPRESSIONS.label(v))
            for c, v in zip(
                CONSTRUCT_ORDER, (self.voice, self.experience, self.identity), strict=True
            )
        ]

    @property
    def process_name(self) -> str:
        return str(vocab.PROCESSES[self.process]["process"])


def suggest(voice: str, experience: str, identity: str) -> Suggestion:
    """The process the three answers suggest (see the module's rule)."""
    combo = (voice, experience, identity)
    for value in combo:
        if value not in vocab.EXPRESSIONS:
            raise ValueError(f"unknown expression {value!r}")
    rejected = combo.count(vocab.REJECTED)
    expert = combo.count(vocab.EXPERT)
    if rejected >= 2 or (rejected == 1 and expert == 0):
        process = vocab.TOKENISTIC
    elif rejected == 0 and expert >= 2:
        process = vocab.ENHANCED
    else:
        process = vocab.NEUTRALIZED
    return Suggestion(
        voice=voice,
        experience=experience,
        identity=identity,
        process=process,
        mixed=len(set(combo)) > 1,
    )
