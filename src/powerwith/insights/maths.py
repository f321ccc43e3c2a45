"""Small pure functions behind the figures (tested by hand and with hypothesis)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def percent(x: float | None, unknown: str) -> str:
    """A share as a whole percentage ("42%"), or ``unknown`` when there is none."""
    return unknown if x is None else f"{round(x * 100)}%"


def share(part: float, whole: float, digits: int = 3) -> float | None:
    """``part / whole`` rounded, or None when there is nothing to divide by."""
    if not whole:
        return None
    return round(part / whole, digits)


def gini(values: Iterable[float]) -> float:
    """The Gini coefficient of ``values`` (population form, no small-sample correction).

    0 means everyone has the same; it approaches 1 when one person has everything (with n
    people the maximum is (n - 1) / n). With the values sorted ascending x_1..x_n:

        G = (2 * sum(i * x_i)) / (n * sum(x)) - (n + 1) / n

    which equals the mean absolute difference between every pair divided by twice the mean.
    An empty list, or a list of zeros, gives 0 (nobody holds more than anyone else).
    """
    xs = sorted(float(v) for v in values)
    n = len(xs)
    total = sum(xs)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum(i * x for i, x in enumerate(xs, start=1))
    return round((2 * weighted) / (n * total) - (n + 1) / n, 3)


def top_share(values: Iterable[float], k: int = 3) -> float | None:
    """The share of the total held by the ``k`` largest values (None when the total is 0)."""
    xs = sorted((float(v) for v in values), reverse=True)
    return share(sum(xs[:k]), sum(xs))


def median_of_counts(counts: Mapping[int, int]) -> float | None:
    """The median of a distribution given as ``{value: how many times}`` (None if empty).

    With an even number of values, the mean of the two middle ones.
    """
    total = sum(counts.values())
    if total == 0:
        return None
    ordered = sorted((v, c) for v, c in counts.items() if c > 0)

    def nth(k: int) -> int:  # 0-based k-th value in sorted order
        seen = 0
        for value, count in ordered:
            seen += count
            if k < seen:
                return value
        return ordered[-1][0]  # pragma: no cover - k is always < total

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2
