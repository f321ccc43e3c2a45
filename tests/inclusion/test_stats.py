"""The Wilson score interval, checked against arithmetic done by hand.

z = 1.96, z² = 3.8416. For k of n: p = k/n,
centre = (p + z²/2n) / (1 + z²/n), half = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerwith.inclusion import stats


def test_five_of_ten() -> None:
    # p = .5; 1 + z²/n = 1.38416; centre = (.5 + .19208)/1.38416 = .5
    # half = (1.96/1.38416)·√(.025 + .009604) = 1.416021 · .186022 = .263410
    i = stats.wilson(5, 10)
    assert i.low == pytest.approx(0.236590, abs=1e-6)
    assert i.high == pytest.approx(0.763410, abs=1e-6)
    assert i.as_percent(2) == (23.66, 76.34)


def test_none_of_ten_still_has_a_range() -> None:
    # p = 0: centre = .19208/1.38416 = .138770; half = 1.416021 · √.009604 = .138770
    i = stats.wilson(0, 10)
    assert i.low == 0.0
    assert i.high == pytest.approx(0.277540, abs=1e-6)


def test_all_of_ten() -> None:
    # the mirror image of 0 of 10
    i = stats.wilson(10, 10)
    assert i.low == pytest.approx(1 - 0.277540, abs=1e-6)
    assert i.high == 1.0


def test_three_of_twelve() -> None:
    # p = .25; z²/n = .320133; denominator 1.320133; z²/2n = .160067
    # centre = (.25 + .160067)/1.320133 = .310625
    # half = (1.96/1.320133)·√(.25·.75/12 + 3.8416/576) = 1.484699 · √(.015625 + .006669)
    #      = 1.484699 · .149312 = .221684  →  .088941 to .532309
    i = stats.wilson(3, 12)
    assert i.low == pytest.approx(0.088940, abs=1e-5)
    assert i.high == pytest.approx(0.532310, abs=1e-5)


def test_compare() -> None:
    # 5 of 10 gives 23.66% to 76.34%
    assert stats.compare(0.80, 5, 10) == stats.UNDER
    assert stats.compare(0.20, 5, 10) == stats.OVER
    assert stats.compare(0.50, 5, 10) == stats.IN_LINE
    # 0 of 10: up to 27.75%; a group of 30% is under-represented, one of 25% may be chance
    assert stats.compare(0.30, 0, 10) == stats.UNDER
    assert stats.compare(0.25, 0, 10) == stats.IN_LINE


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        stats.wilson(1, 0)
    with pytest.raises(ValueError):
        stats.wilson(11, 10)


@given(
    st.integers(min_value=1, max_value=500).flatmap(
        lambda n: st.tuples(st.integers(0, n), st.just(n))
    )
)
def test_interval_holds_the_share_and_stays_in_bounds(kn: tuple[int, int]) -> None:
    k, n = kn
    i = stats.wilson(k, n)
    assert 0.0 <= i.low <= k / n + 1e-12 <= i.high + 2e-12 <= 1.0 + 2e-12
    assert not math.isnan(i.low)


def test_upper_bound_grows_with_k() -> None:
    # Used to say "under-represented" about a hidden group of 1 to 4 without revealing it.
    highs = [stats.wilson(k, 20).high for k in range(0, 6)]
    assert highs == sorted(highs)
