"""Shapes shared by every indicator and warning sign, whichever app computes it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class WarningSign:
    """A rule over the figures that fired (or did not). A prompt for discussion, not a verdict.

    ``explanation`` says in plain words what the figures show; ``research`` what the research
    says about it; ``question`` is for the group to discuss; ``based_on`` names the source.
    """

    code: str
    title: str
    fired: bool
    explanation: str
    research: str
    question: str
    based_on: str
    evidence: dict[str, Any] = field(default_factory=dict)
    thresholds: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Shown:
    """How one figure of a warning sign's evidence is shown to people: a label in plain words
    and the kind of value, which picks its formatter in ``insights/labels.py`` ("count",
    "share", "days", "pence", "ratio", "scale", "date", "text", "groups", "yes_no", "small"
    (a count hidden as "fewer than 5" when None), "contribution", or "skip" for an id that only
    tools need)."""

    label: StrOrPromise  # a lazy translation where the labels are module constants
    kind: str = "count"
