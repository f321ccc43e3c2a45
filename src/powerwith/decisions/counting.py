"""Counting rules for priority votes: pure functions over ballots, no database.

A ballot is a mapping ``{option id: mark}``. What a mark means depends on the method:

- **dot** voting: the number of dots put on the option (1 or more);
- **approval**: 1 for each option the voter approves;
- **ranked**: the voter's rank for the option (1 = first choice); options left out are unranked;
- **score**: the score given to the option, from 0 to the vote's maximum; options left out
  score 0.

The rules below are also shown, in the same words, on the vote and results pages (``RULES``), so
what the code does and what people read cannot drift apart.

Ties. Options are ranked by their points, highest first, with *standard competition ranking*:
options with equal points share a place and the next place is skipped (1, 2, 2, 4). Points are
kept as exact fractions, so "equal" really means equal.

Borda count (ranked votes). With ``n`` options, a first choice earns ``n - 1`` points, a second
``n - 2``, and so on down to 0 for the last place. If a ballot ranks only ``k`` options, the
options it leaves out share equally the points of the places not used, so each gets
``(n - k - 1) / 2``. Every ballot therefore hands out exactly ``n (n - 1) / 2`` points, whether
complete or not: leaving options out neither helps nor hurts the ones you ranked.

Instant-runoff (ranked votes), round by round:

1. Each ballot counts for its highest-ranked option still in the count. A ballot ranking none of
   the remaining options is *exhausted* and takes no further part.
2. If an option has more than half of the ballots still taking part, it wins.
3. If only one option is left, it wins (it may not have a majority of all ballots, because of
   exhausted ballots). If every remaining option has the same number of votes, they tie and the
   count stops: the result says so rather than drawing lots.
4. Otherwise the option with the fewest votes is removed. If several share the fewest, the one
   with fewer votes in the most recent earlier round where they differed is removed; if they were
   level in every round, all of them are removed together. Then go back to step 1.

Comparing sides. Each side's ballots are counted on their own. To compare sides of different
sizes we use each option's *share*: its part of the side's points (for dot, ranked and score
votes) or the fraction of the side's voters who approved it (approval votes). The sides *differ
most* where the shares are furthest apart, *agree* where they are closest, and their *common
ground* is every option in both sides' top third (at most the top five), with at least some
support from each.

Based on: Farr 2018 (the experience-based co-design case, where staff and patients voted on
priorities; how conflicting priorities are managed and common ground found).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:  # the stubs' name for "a string, or a lazy one"
    from django_stubs_ext import StrOrPromise

DOT = "dot"
APPROVAL = "approval"
RANKED = "ranked"
SCORE = "score"
METHODS = (DOT, APPROVAL, RANKED, SCORE)

Ballot = Mapping[int, int]

RULES: dict[str, list[StrOrPromise]] = {
    DOT: [
        gettext_lazy(
            "Each person has the same number of dots to place on the items they most want to work on."
        ),
        gettext_lazy(
            "An item's points are the number of dots it got. The item with the most dots comes first."
        ),
    ],
    APPROVAL: [
        gettext_lazy("Each person ticks every item they would be happy to work on."),
        gettext_lazy("An item's points are the number of people who ticked it."),
    ],
    RANKED: [
        gettext_lazy(
            "Each person puts the items in order, 1 for their first choice. They can stop whenever they like."
        ),
        gettext_lazy(
            "Order of all items (Borda count): with N items, a first choice earns N−1 points, a second N−2, and so on down to 0 for last place. Items a person leaves out share equally the points of the places they did not use, so every ballot hands out the same number of points."
        ),
        gettext_lazy(
            "Single winner (instant runoff): each ballot counts for its highest choice still in the count. An item with more than half of those ballots wins. If none has, the item with the fewest votes is removed and its ballots move to their next choice. A ballot with no choices left is “exhausted” and stops counting."
        ),
        gettext_lazy(
            "Ties in the runoff: if several items share the fewest votes, the one that had fewer votes in the latest earlier round is removed; if they were level all along, they are removed together. If every remaining item has the same votes, the result is a tie and the group decides how to settle it."
        ),
    ],
    SCORE: [
        gettext_lazy(
            "Each person gives every item a score from 0 up to the maximum. An item they leave blank scores 0."
        ),
        gettext_lazy(
            "An item's points are the total of its scores; we also show the average score per ballot."
        ),
    ],
}
COMMON_RULES: list[StrOrPromise] = [
    gettext_lazy(
        "Items with the same points share a place, and the next place is skipped (1, 2, 2, 4)."
    ),
    gettext_lazy(
        "By side: each side's ballots are counted on their own. To compare sides of different sizes we use each item's share of that side's points (for approval, the share of that side's voters who ticked it)."
    ),
    gettext_lazy(
        "Common ground: items in the top third of both sides' lists (at most the top five), with some support from each side."
    ),
]


@dataclass(frozen=True)
class OptionResult:
    option: int
    points: Fraction
    voters: int  # ballots that gave the option anything (a dot, a tick, a rank, a score above 0)
    rank: int  # 1 = top; equal points share a rank
    share: Fraction  # see module docstring; 0 when there is nothing to share


@dataclass(frozen=True)
class IrvRound:
    counts: dict[int, int]  # option still in the count -> ballots counting for it
    continuing: int  # ballots still taking part
    exhausted: int  # ballots with no remaining choice (cumulative)
    eliminated: tuple[int, ...]  # removed at the end of this round


@dataclass(frozen=True)
class IrvResult:
    winners: tuple[int, ...]  # one winner, several when tied at the end, none without ballots
    rounds: list[IrvRound]
    majority: bool  # the winner had more than half of the ballots still taking part

    @property
    def tied(self) -> bool:
        return len(self.winners) > 1

    @property
    def exhausted(self) -> int:
        return self.rounds[-1].exhausted if self.rounds else 0


@dataclass(frozen=True)
class Tally:
    method: str
    ballots: int
    results: list[OptionResult]  # best first; equal points keep the options' order
    irv: IrvResult | None = None

    def by_option(self) -> dict[int, OptionResult]:
        return {r.option: r for r in self.results}

    @property
    def total_points(self) -> Fraction:
        return sum((r.points for r in self.results), Fraction(0))


@dataclass(frozen=True)
class OptionComparison:
    option: int
    shares: dict[str, Fraction]
    ranks: dict[str, int]
    difference: Fraction  # first side's share minus second side's share


@dataclass(frozen=True)
class Comparison:
    sides: tuple[str, str]
    top_size: int
    rows: list[OptionComparison]  # in the options' order
    differ_most: list[int]
    agree: list[int]
    common_ground: list[int]
    rank_agreement: float | None  # Spearman's rank correlation of the two sides' points
    extra: dict[str, object] = field(default_factory=dict)


# --- checking a ballot ------------------------------------------------------------------------


class BallotError(ValueError):
    """A ballot that breaks the method's rules. ``option`` names the option concerned, if any."""

    def __init__(self, message: str, option: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.option = option


def check_ballot(
    method: str,
    options: Sequence[int],
    marks: Mapping[int, int],
    *,
    dots: int = 3,
    stacking: bool = True,
    score_max: int = 5,
) -> dict[int, int]:
    """Return the ballot in its stored form (zero marks dropped) or raise :class:`BallotError`.

    Dot: 1 to ``dots`` dots in all; more than one on an item only when ``stacking``. Approval:
    at least one tick. Ranked: ranks 1, 2, 3... with no gaps and no repeats. Score: whole
    numbers from 0 to ``score_max``; at least one item scored.
    """
    known = set(options)
    for option in marks:
        if option not in known:
            raise BallotError(_("This ballot names an item that is not in this vote."), option)
    values = {o: int(v) for o, v in marks.items()}
    for option, value in values.items():
        if value < 0:
            raise BallotError(_("Marks cannot be negative."), option)
    if method == DOT:
        kept = {o: v for o, v in values.items() if v > 0}
        if not stacking:
            for option, value in kept.items():
                if value > 1:
                    raise BallotError(_("Put at most one dot on each item."), option)
        used = sum(kept.values())
        if used == 0:
            raise BallotError(_("Place at least one of your %(dots)s dots.") % {"dots": dots})
        if used > dots:
            raise BallotError(
                _("You placed %(used)s dots, but each person has %(dots)s. Take %(extra)s off.")
                % {"used": used, "dots": dots, "extra": used - dots}
            )
        return kept
    if method == APPROVAL:
        kept = {o: v for o, v in values.items() if v > 0}
        for option, value in kept.items():
            if value != 1:
                raise BallotError(_("Tick an item once, or leave it."), option)
        if not kept:
            raise BallotError(_("Tick at least one item you would be happy to work on."))
        return kept
    if method == RANKED:
        kept = {o: v for o, v in values.items() if v > 0}
        if not kept:
            raise BallotError(_("Give at least your first choice the number 1."))
        ranks = sorted(kept.values())
        seen: dict[int, int] = {}
        for option, value in sorted(kept.items(), key=lambda kv: (kv[1], kv[0])):
            if value in seen:
                raise BallotError(
                    _("Two items have the number %(n)s. Give each a different number.")
                    % {"n": value},
                    option,
                )
            seen[value] = option
        for expected, value in enumerate(ranks, start=1):
            if value != expected:
                missing = expected
                raise BallotError(
                    _("Number your choices 1, 2, 3 and so on without gaps: %(n)s is missing.")
                    % {"n": missing},
                    seen.get(value),
                )
        return kept
    if method == SCORE:
        for option, value in values.items():
            if value > score_max:
                raise BallotError(_("Scores go from 0 to %(n)s.") % {"n": score_max}, option)
        if not values:
            raise BallotError(_("Give at least one item a score."))
        return values
    raise BallotError(_("Unknown way of voting."))


# --- counting ---------------------------------------------------------------------------------


def _ranked(
    options: Sequence[int], points: Mapping[int, Fraction], voters: Mapping[int, int]
) -> list[tuple[int, Fraction, int, int]]:
    """(option, points, voters, competition rank), best first; equal points keep option order."""
    order = sorted(range(len(options)), key=lambda i: (-points[options[i]], i))
    out: list[tuple[int, Fraction, int, int]] = []
    rank = 0
    previous: Fraction | None = None
    for position, i in enumerate(order, start=1):
        option = options[i]
        if previous is None or points[option] != previous:
            rank = position
            previous = points[option]
        out.append((option, points[option], voters[option], rank))
    return out


def preference_order(ballot: Ballot, options: Sequence[int]) -> list[int]:
    """A ranked ballot as a list of options, first choice first (unknown options dropped)."""
    known = set(options)
    marked = [(v, o) for o, v in ballot.items() if o in known and v > 0]
    return [o for _, o in sorted(marked)]


def borda_points(ballots: Iterable[Ballot], options: Sequence[int]) -> dict[int, Fraction]:
    """Borda points per option (see the module docstring for partial ballots)."""
    n = len(options)
    points = {o: Fraction(0) for o in options}
    for ballot in ballots:
        order = preference_order(ballot, options)
        k = len(order)
        for place, option in enumerate(order, start=1):
            points[option] += n - place
        if k < n:
            share = Fraction(n - k - 1, 2)
            ranked = set(order)
            for option in options:
                if option not in ranked:
                    points[option] += share
    return points


def instant_runoff(ballots: Iterable[Ballot], options: Sequence[int]) -> IrvResult:
    """Instant-runoff count, with the tie and exhausted-ballot rules of the module docstring."""
    prefs = [preference_order(b, options) for b in ballots]
    if not prefs or not options:
        return IrvResult(winners=(), rounds=[], majority=False)
    continuing = list(options)
    rounds: list[IrvRound] = []
    while True:
        still = set(continuing)
        counts = {o: 0 for o in continuing}
        exhausted = 0
        for order in prefs:
            top = next((o for o in order if o in still), None)
            if top is None:
                exhausted += 1
            else:
                counts[top] += 1
        active = len(prefs) - exhausted
        best = max(counts.values())
        if active > 0 and 2 * best > active:
            winner = tuple(o for o in continuing if counts[o] == best)
            rounds.append(IrvRound(counts, active, exhausted, ()))
            return IrvResult(winners=winner, rounds=rounds, majority=True)
        if len(continuing) == 1 or len(set(counts.values())) == 1:
            rounds.append(IrvRound(counts, active, exhausted, ()))
            return IrvResult(winners=tuple(continuing), rounds=rounds, majority=False)
        fewest = min(counts.values())
        losers = [o for o in continuing if counts[o] == fewest]
        for earlier in reversed(rounds):
            if len(losers) == 1:
                break
            low = min(earlier.counts[o] for o in losers)
            losers = [o for o in losers if earlier.counts[o] == low]
        rounds.append(IrvRound(counts, active, exhausted, tuple(losers)))
        continuing = [o for o in continuing if o not in losers]


def count(
    method: str,
    options: Sequence[int],
    ballots: Sequence[Ballot],
) -> Tally:
    """Count ``ballots`` over ``options`` (in their display order) by ``method``."""
    options = list(options)
    known = set(options)
    voters = {o: 0 for o in options}
    for ballot in ballots:
        for option, value in ballot.items():
            if option in known and value > 0:
                voters[option] += 1
    irv: IrvResult | None = None
    if method == RANKED:
        points = borda_points(ballots, options)
        irv = instant_runoff(ballots, options)
    elif method in (DOT, APPROVAL, SCORE):
        points = {o: Fraction(0) for o in options}
        for ballot in ballots:
            for option, value in ballot.items():
                if option in known and value > 0:
                    points[option] += 1 if method == APPROVAL else value
    else:
        raise ValueError(f"unknown method {method!r}")
    total = sum(points.values(), Fraction(0))
    results = []
    for option, pts, n_voters, rank in _ranked(options, points, voters):
        if method == APPROVAL:
            share = Fraction(pts, len(ballots)) if ballots else Fraction(0)
        else:
            share = pts / total if total else Fraction(0)
        results.append(OptionResult(option, pts, n_voters, rank, share))
    return Tally(method=method, ballots=len(ballots), results=results, irv=irv)


def top_size(n_options: int) -> int:
    """How many places count as "near the top": the top third, at least 1, at most 5."""
    return max(1, min(5, math.ceil(n_options / 3)))


def _average_ranks(values: Sequence[Fraction]) -> list[Fraction]:
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks: list[Fraction] = [Fraction(0)] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        avg = Fraction(i + j + 2, 2)
        for k in range(i, j + 1):
            ranks[order[k]] = avg
        i = j + 1
    return ranks


def spearman(a: Sequence[Fraction], b: Sequence[Fraction]) -> float | None:
    """Spearman's rank correlation (ties get their average rank); None if either is flat."""
    if len(a) != len(b) or len(a) < 2:
        return None
    ra, rb = _average_ranks(a), _average_ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    if va == 0 or vb == 0:
        return None
    return float(cov) / math.sqrt(float(va) * float(vb))


def compare(
    options: Sequence[int],
    first: Tally,
    second: Tally,
    *,
    sides: tuple[str, str] = ("lived", "professional"),
    how_many: int = 3,
) -> Comparison:
    """Where two sides' results agree, differ most, and their common ground."""
    a, b = first.by_option(), second.by_option()
    k = top_size(len(options))
    rows = []
    for option in options:
        ra, rb = a[option], b[option]
        rows.append(
            OptionComparison(
                option=option,
                shares={sides[0]: ra.share, sides[1]: rb.share},
                ranks={sides[0]: ra.rank, sides[1]: rb.rank},
                difference=ra.share - rb.share,
            )
        )
    position = {o: i for i, o in enumerate(options)}
    supported = [r for r in rows if a[r.option].points > 0 or b[r.option].points > 0]
    differ = sorted(
        (r for r in supported if r.difference != 0),
        key=lambda r: (-abs(r.difference), position[r.option]),
    )
    agree = sorted(
        supported,
        key=lambda r: (
            abs(r.difference),
            -(a[r.option].share + b[r.option].share),
            position[r.option],
        ),
    )
    common = [
        o
        for o in options
        if a[o].rank <= k and b[o].rank <= k and a[o].points > 0 and b[o].points > 0
    ]
    common.sort(key=lambda o: (a[o].rank + b[o].rank, position[o]))
    return Comparison(
        sides=sides,
        top_size=k,
        rows=rows,
        differ_most=[r.option for r in differ[:how_many]],
        agree=[r.option for r in agree[:how_many]],
        common_ground=common,
        rank_agreement=spearman([a[o].points for o in options], [b[o].points for o in options]),
    )
