"""The built-in question banks, shipped as versioned data.

Each module here holds one bank: ``KEY``, ``KIND`` and ``VERSIONS``, a list of
:class:`BankVersion` (oldest first). A version lists its questions, each with its own key and
version. A shipped question is never changed in place: to reword it, add a new bank version that
lists the question with ``version`` raised. Questions left as they were keep their version, so
answers to them stay comparable across rounds that use different versions of the bank.
``services.banks_sync`` copies any version not yet in the database, and refuses to start if a
shipped question's words no longer match what the database holds for that version.

Every sentence is written by us in plain English; each question names the research it is based on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from types import ModuleType


@dataclass(frozen=True)
class Q:
    key: str
    kind: str  # vocab.QUESTION_KINDS
    area: str  # vocab.AREAS
    text: str
    based_on: str
    hint: str = ""
    version: int = 1
    options: tuple[tuple[str, str], ...] = ()  # for "role" questions: (expression code, words)


@dataclass(frozen=True)
class BankVersion:
    version: int
    title: str
    intro: str
    based_on: str
    questions: list[Q] = field(default_factory=list)


def modules() -> list[ModuleType]:
    from . import leadership, lenses, lived_roles, power_audit, toolkit, training

    return [power_audit, toolkit, lenses, lived_roles, leadership, training]


@cache
def builtin_words() -> frozenset[str]:
    """Every question text and hint the built-in banks ship, in English as written here. A
    question whose words are still one of these is shown in the reader's language; words a
    facilitator wrote or rewrote are shown as written."""
    found: set[str] = set()
    for module in modules():
        for version in module.VERSIONS:
            found.update((version.title, version.intro))
            for q in version.questions:
                found.update((q.text, q.hint))
                found.update(words for _code, words in q.options)
    found.discard("")
    return frozenset(found)
