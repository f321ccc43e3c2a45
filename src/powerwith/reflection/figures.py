"""Plain arithmetic over answers to statements: a group's figures, and where the sides diverge.

**Agreement** is scored 1 (strongly disagree) to 5 (strongly agree); "don't know" is counted
but left out of the mean. A group with fewer than 5 answers to a statement (don't know included)
shows nothing at all; a mean needs at least 5 answers on the scale (common/privacy.py).

**Divergence** between the two sides on a statement is the difference between the mean
agreement of professionals and the mean agreement of people with lived experience, on the
1-5 scale: ``gap = mean(professional) - mean(lived)``, ``divergence = |gap|``. A divergence of 1
means the sides are a whole step apart (for example "agree" against "neither"). It is only
worked out when both sides' means can be shown. Statements are ranked by divergence, largest
first; ties keep the bank's order; statements without a divergence come last.

Based on: Farr 2018 (compare how different participants see the same process; staff and
patients often see it differently).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from powerwith.common.privacy import is_small, min_group
from powerwith.people import vocab as people_vocab

SCALE = (1, 2, 3, 4, 5)


@dataclass
class Group:
    """One group's answers to one statement (everyone, a side, or a role)."""

    code: str
    label: str
    n: int  # answers, don't know included
    suppressed: bool
    counts: list[int] | None = None  # answers at 1..5
    dont_know: int | None = None
    rated: int | None = None
    mean: float | None = None  # rounded to 2 places
    agree_share: float | None = None  # agree or strongly agree, of the answers on the scale
    raw_mean: float | None = field(default=None, repr=False)

    @property
    def scale_x(self) -> int | None:
        """Where the mean sits on a 300-wide drawing of the scale (1 at 20, 5 at 280)."""
        return None if self.raw_mean is None else round(20 + (self.raw_mean - 1) * 65)

    @property
    def agree_percent(self) -> int | None:
        return None if self.agree_share is None else round(self.agree_share * 100)

    def as_json(self) -> dict[str, Any]:
        return {
            "group": self.code,
            "answers": None if self.suppressed else self.n,
            "suppressed": self.suppressed,
            "mean_agreement": self.mean,
            "agree_share": self.agree_share,
            "dont_know": self.dont_know,
            "counts": self.counts,
        }


def group_figure(code: str, label: str, counts: Sequence[int], dont_know: int) -> Group:
    """Figures for one group from its counts at each point of the scale and its don't knows."""
    if len(counts) != 5:
        raise ValueError("counts must have five entries, for 1..5")
    rated = sum(counts)
    n = rated + dont_know
    if is_small(n):
        return Group(code=code, label=label, n=n, suppressed=True)
    raw = sum(score * c for score, c in zip(SCALE, counts, strict=True)) / rated if rated else None
    show_mean = raw is not None and rated >= min_group()
    return Group(
        code=code,
        label=label,
        n=n,
        suppressed=False,
        counts=list(counts),
        dont_know=dont_know,
        rated=rated,
        mean=round(raw, 2) if show_mean and raw is not None else None,
        agree_share=round((counts[3] + counts[4]) / rated, 3) if show_mean else None,
        raw_mean=raw if show_mean else None,
    )


def tally(rows: Iterable[tuple[int | None, bool, int]]) -> tuple[list[int], int]:
    """Counts at 1..5 and don't knows from rows of (rating, dont_know, how many)."""
    counts, dont_know = [0, 0, 0, 0, 0], 0
    for rating, dk, n in rows:
        if dk:
            dont_know += n
        elif rating in SCALE:
            counts[int(rating) - 1] += n
    return counts, dont_know


@dataclass
class Gap:
    gap: float | None  # professional minus lived, rounded to 2 places
    divergence: float | None
    higher: str  # the side that agrees more: "professional", "lived" or "" (equal / unknown)


def side_gap(lived: Group, professional: Group) -> Gap:
    if lived.raw_mean is None or professional.raw_mean is None:
        return Gap(gap=None, divergence=None, higher="")
    gap = professional.raw_mean - lived.raw_mean
    higher = people_vocab.PROFESSIONAL if gap > 0 else people_vocab.LIVED if gap < 0 else ""
    return Gap(gap=round(gap, 2), divergence=round(abs(gap), 2), higher=higher)


def rank_by_divergence(items: Sequence[Any]) -> list[Any]:
    """Items with ``.divergence`` and ``.position``: largest divergence first, then bank order."""
    return sorted(
        items,
        key=lambda s: (s.divergence is None, -(s.divergence or 0.0), s.position),
    )
