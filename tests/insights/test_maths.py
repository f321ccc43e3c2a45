"""The small maths behind the figures: by hand, then properties with hypothesis."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from powerwith.insights.maths import gini, median_of_counts, share, top_share


def test_by_hand() -> None:
    assert gini([]) == 0.0 and gini([0, 0, 0]) == 0.0
    assert gini([3, 3, 3]) == 0.0
    # One of four holds everything: (n - 1) / n = 0.75.
    assert gini([0, 0, 0, 8]) == 0.75
    # [1, 3]: sum(i * x) = 1 + 6 = 7; 2 * 7 / (2 * 4) - 3 / 2 = 1.75 - 1.5 = 0.25.
    assert gini([3, 1]) == 0.25
    assert top_share([5, 4, 4, 1, 0]) == 0.929  # 13 / 14
    assert top_share([0, 0]) is None
    assert top_share([2, 1], k=3) == 1.0
    assert median_of_counts({}) is None
    assert median_of_counts({1: 1, 3: 1, 5: 1, 10: 1}) == 4.0
    assert median_of_counts({2: 3, 9: 1}) == 2.0
    assert median_of_counts({7: 1}) == 7.0
    assert share(1, 3) == 0.333 and share(1, 0) is None


@given(st.lists(st.integers(min_value=0, max_value=1000), max_size=60))
def test_gini_is_between_zero_and_its_maximum(xs: list[int]) -> None:
    g = gini(xs)
    n = len(xs)
    assert 0.0 <= g <= (round((n - 1) / n, 3) if n else 0.0) + 1e-9


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=40))
def test_gini_matches_the_mean_absolute_difference(xs: list[int]) -> None:
    total = sum(xs)
    n = len(xs)
    if total == 0:
        assert gini(xs) == 0.0
        return
    mad = sum(abs(a - b) for a in xs for b in xs) / (2 * n * total)
    assert abs(gini(xs) - mad) <= 0.0005 + 1e-9


@given(
    st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=40), st.integers(1, 10)
)
def test_gini_ignores_scale(xs: list[int], k: int) -> None:
    assert abs(gini(xs) - gini([x * k for x in xs])) <= 0.001


@given(st.dictionaries(st.integers(0, 400), st.integers(0, 20), max_size=30))
def test_median_matches_the_expanded_list(counts: dict[int, int]) -> None:
    values = sorted(v for v, c in counts.items() for _ in range(c))
    if not values:
        assert median_of_counts(counts) is None
        return
    n = len(values)
    want = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
    assert median_of_counts(counts) == want
