"""The counting rules, on worked examples done by hand, and their properties."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powerwith.decisions import counting as c

A, B, C, D = 1, 2, 3, 4


def ranks(tally: c.Tally) -> list[tuple[int, int]]:
    return [(r.option, r.rank) for r in tally.results]


def test_dot_voting_worked_example() -> None:
    t = c.count(c.DOT, [A, B, C], [{A: 2, B: 1}, {A: 1, C: 2}, {B: 3}])
    by = t.by_option()
    assert (by[A].points, by[B].points, by[C].points) == (3, 4, 2)
    assert (by[A].voters, by[B].voters, by[C].voters) == (2, 2, 1)
    assert (by[A].share, by[B].share, by[C].share) == (F(3, 9), F(4, 9), F(2, 9))
    assert ranks(t) == [(B, 1), (A, 2), (C, 3)]
    assert t.ballots == 3 and t.total_points == 9


def test_ties_share_a_place_and_the_next_is_skipped() -> None:
    t = c.count(c.DOT, [A, B, C, D], [{A: 1}, {B: 1}, {C: 2}, {D: 1}])
    assert ranks(t) == [(C, 1), (A, 2), (B, 2), (D, 2)]
    t = c.count(c.DOT, [A, B, C, D], [{A: 2}, {B: 2}, {C: 1}])
    assert ranks(t) == [(A, 1), (B, 1), (C, 3), (D, 4)]


def test_approval_share_is_of_voters() -> None:
    t = c.count(c.APPROVAL, [A, B, C], [{A: 1, B: 1}, {A: 1}, {B: 1, C: 1}, {A: 1, C: 1}])
    by = t.by_option()
    assert (by[A].points, by[B].points, by[C].points) == (3, 2, 2)
    assert (by[A].share, by[B].share) == (F(3, 4), F(1, 2))
    assert ranks(t) == [(A, 1), (B, 2), (C, 2)]


def test_score_totals_blank_counts_zero() -> None:
    t = c.count(c.SCORE, [A, B, C], [{A: 5, B: 3}, {A: 0, B: 4, C: 1}])
    by = t.by_option()
    assert (by[A].points, by[B].points, by[C].points) == (5, 7, 1)
    assert by[A].voters == 1  # a 0 is not support
    assert ranks(t) == [(B, 1), (A, 2), (C, 3)]


def test_borda_with_partial_ballots() -> None:
    # n = 4: places earn 3, 2, 1, 0. "B, A" leaves C and D to share (4-2-1)/2 = 1/2 each;
    # "C" alone leaves A, B, D (4-1-1)/2 = 1 each.
    ballots = [{A: 1, B: 2, C: 3, D: 4}, {B: 1, A: 2}, {C: 1}]
    t = c.count(c.RANKED, [A, B, C, D], ballots)
    by = t.by_option()
    assert (by[A].points, by[B].points, by[C].points, by[D].points) == (6, 6, F(9, 2), F(3, 2))
    assert t.total_points == 3 * 6
    assert ranks(t) == [(A, 1), (B, 1), (C, 3), (D, 4)]


def test_irv_transfer_to_a_majority() -> None:
    ballots = [{A: 1, B: 2}] * 4 + [{B: 1, C: 2}] * 3 + [{C: 1, B: 2}] * 2
    irv = c.instant_runoff(ballots, [A, B, C])
    assert [r.counts for r in irv.rounds] == [{A: 4, B: 3, C: 2}, {A: 4, B: 5}]
    assert [r.eliminated for r in irv.rounds] == [(C,), ()]
    assert irv.winners == (B,) and irv.majority and not irv.tied


def test_irv_exhausted_ballots_leave_the_count() -> None:
    # The two "C only" ballots are exhausted once C goes: A's 4 is a majority of the 7 left.
    ballots = [{A: 1}] * 4 + [{B: 1}] * 3 + [{C: 1}] * 2
    irv = c.instant_runoff(ballots, [A, B, C])
    last = irv.rounds[-1]
    assert (last.counts, last.continuing, last.exhausted) == ({A: 4, B: 3}, 7, 2)
    assert irv.winners == (A,) and irv.majority and irv.exhausted == 2


def test_irv_tie_at_the_end_is_reported_not_drawn() -> None:
    irv = c.instant_runoff([{A: 1}, {A: 1}, {B: 1}, {B: 1}], [A, B])
    assert irv.winners == (A, B) and irv.tied and not irv.majority


def test_irv_bottom_tie_broken_by_earlier_round() -> None:
    ballots = [{A: 1}] * 5 + [{B: 1}] * 3 + [{C: 1, B: 2}] * 2 + [{D: 1, C: 2, B: 3}]
    irv = c.instant_runoff(ballots, [A, B, C, D])
    assert [r.counts for r in irv.rounds] == [
        {A: 5, B: 3, C: 2, D: 1},
        {A: 5, B: 3, C: 3},  # B and C level; C had fewer in round 1, so C goes
        {A: 5, B: 6},
    ]
    assert [r.eliminated for r in irv.rounds] == [(D,), (C,), ()]
    assert irv.winners == (B,) and irv.majority


def test_irv_bottom_tie_level_all_along_removes_both() -> None:
    ballots = [{A: 1}] * 3 + [{B: 1, A: 2}] * 2 + [{C: 1, B: 2}] * 2
    irv = c.instant_runoff(ballots, [A, B, C])
    assert irv.rounds[0].eliminated == (B, C)
    last = irv.rounds[-1]
    assert (last.counts, last.continuing, last.exhausted) == ({A: 5}, 5, 2)
    assert irv.winners == (A,) and irv.majority


def test_irv_no_ballots() -> None:
    irv = c.instant_runoff([], [A, B])
    assert irv.winners == () and irv.rounds == []
    t = c.count(c.RANKED, [A, B], [])
    assert [r.points for r in t.results] == [0, 0] and ranks(t) == [(A, 1), (B, 1)]


def test_compare_sides_worked_example() -> None:
    opts = [1, 2, 3, 4, 5, 6]
    lived = c.count(c.DOT, opts, [{1: 3, 2: 2}, {1: 3, 2: 2}, {4: 2}])  # 6, 4, 0, 2
    prof = c.count(c.DOT, opts, [{3: 5}, {1: 3, 4: 2}])  # 3, 0, 5, 2
    cmp = c.compare(opts, lived, prof)
    row = {r.option: r for r in cmp.rows}
    assert row[1].difference == F(1, 2) - F(3, 10)
    assert row[3].difference == -F(1, 2)
    assert cmp.top_size == 2
    assert cmp.differ_most == [3, 2, 1]
    assert cmp.agree == [4, 1, 2]
    assert cmp.common_ground == [1]
    assert cmp.rank_agreement == pytest.approx(2.5 / 15.5)


@pytest.mark.parametrize(
    ("method", "marks", "kw", "message"),
    [
        (c.DOT, {A: 2, B: 2}, {"dots": 3}, "You placed 4 dots, but each person has 3. Take 1 off."),
        (c.DOT, {A: 2}, {"dots": 3, "stacking": False}, "Put at most one dot on each item."),
        (c.DOT, {}, {"dots": 3}, "Place at least one of your 3 dots."),
        (c.DOT, {A: -1}, {}, "Marks cannot be negative."),
        (c.DOT, {99: 1}, {}, "This ballot names an item that is not in this vote."),
        (c.APPROVAL, {}, {}, "Tick at least one item you would be happy to work on."),
        (c.APPROVAL, {A: 2}, {}, "Tick an item once, or leave it."),
        (c.RANKED, {A: 1, B: 1}, {}, "Two items have the number 1. Give each a different number."),
        (
            c.RANKED,
            {A: 1, B: 3},
            {},
            "Number your choices 1, 2, 3 and so on without gaps: 2 is missing.",
        ),
        (c.RANKED, {}, {}, "Give at least your first choice the number 1."),
        (c.SCORE, {A: 6}, {"score_max": 5}, "Scores go from 0 to 5."),
        (c.SCORE, {}, {}, "Give at least one item a score."),
    ],
)
def test_check_ballot_refuses(method: str, marks: dict[int, int], kw: dict, message: str) -> None:
    with pytest.raises(c.BallotError) as exc:
        c.check_ballot(method, [A, B, C], marks, **kw)
    assert exc.value.message == message


def test_check_ballot_keeps_the_stored_form() -> None:
    assert c.check_ballot(c.DOT, [A, B], {A: 0, B: 2}) == {B: 2}
    assert c.check_ballot(c.SCORE, [A, B], {A: 0, B: 2}) == {A: 0, B: 2}
    assert c.check_ballot(c.RANKED, [A, B, C], {C: 1, A: 2, B: 0}) == {C: 1, A: 2}


# --- properties --------------------------------------------------------------------------------

OPTIONS = st.integers(min_value=2, max_value=7).map(lambda n: list(range(10, 10 + n)))


@st.composite
def ranked_ballots(draw: st.DrawFn) -> tuple[list[int], list[dict[int, int]]]:
    options = draw(OPTIONS)
    ballots = []
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        order = draw(st.permutations(options))
        k = draw(st.integers(min_value=1, max_value=len(options)))
        ballots.append({o: i + 1 for i, o in enumerate(order[:k])})
    return options, ballots


@given(ranked_ballots())
@settings(max_examples=200, deadline=None)
def test_borda_every_ballot_hands_out_the_same_points(data: tuple) -> None:
    options, ballots = data
    n = len(options)
    points = c.borda_points(ballots, options)
    assert sum(points.values()) == len(ballots) * F(n * (n - 1), 2)


@given(ranked_ballots())
@settings(max_examples=200, deadline=None)
def test_irv_winner_has_a_majority_or_is_last_standing(data: tuple) -> None:
    options, ballots = data
    irv = c.instant_runoff(ballots, options)
    if not ballots:
        assert irv.winners == ()
        return
    assert len(irv.rounds) <= len(options)
    exhausted = 0
    for r in irv.rounds:
        assert sum(r.counts.values()) + r.exhausted == len(ballots)
        assert r.continuing == len(ballots) - r.exhausted
        assert r.exhausted >= exhausted
        exhausted = r.exhausted
    last = irv.rounds[-1]
    assert set(irv.winners) <= set(last.counts)
    if len(irv.winners) == 1:
        (w,) = irv.winners
        assert 2 * last.counts[w] > last.continuing or len(last.counts) == 1
    else:
        assert len({last.counts[w] for w in irv.winners}) == 1
        assert set(irv.winners) == set(last.counts)


@st.composite
def dot_ballots(draw: st.DrawFn) -> tuple[list[int], list[dict[int, int]]]:
    options = draw(OPTIONS)
    ballots = [
        draw(st.dictionaries(st.sampled_from(options), st.integers(1, 3), min_size=1, max_size=3))
        for _ in range(draw(st.integers(min_value=0, max_value=20)))
    ]
    return options, ballots


@given(dot_ballots())
@settings(max_examples=200, deadline=None)
def test_dot_totals_and_competition_ranks(data: tuple) -> None:
    options, ballots = data
    t = c.count(c.DOT, options, ballots)
    assert t.total_points == sum(sum(b.values()) for b in ballots)
    for r in t.results:
        assert r.rank == 1 + sum(1 for o in t.results if o.points > r.points)
    assert [r.points for r in t.results] == sorted((r.points for r in t.results), reverse=True)
    again = c.count(c.DOT, options, list(reversed(ballots)))
    assert again.results == t.results


@given(dot_ballots(), dot_ballots())
@settings(max_examples=100, deadline=None)
def test_compare_is_symmetric(a: tuple, b: tuple) -> None:
    options = a[0]
    ta = c.count(c.DOT, options, a[1])
    tb = c.count(c.DOT, options, [{o: v for o, v in x.items() if o in options} for x in b[1]])
    ab, ba = c.compare(options, ta, tb), c.compare(options, tb, ta)
    assert ab.common_ground == ba.common_ground
    assert set(ab.differ_most) == set(ba.differ_most) or len(ab.differ_most) == 3
    for o in ab.common_ground:
        assert ta.by_option()[o].rank <= ab.top_size and tb.by_option()[o].rank <= ab.top_size
