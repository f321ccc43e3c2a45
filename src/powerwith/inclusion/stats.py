"""Honest uncertainty for small numbers: the Wilson score interval.

When 3 of 12 people in a group are carers, "25%" sounds precise, but with 12 people the true
share among people like them could easily be anywhere from about 9% to 53%. The Wilson score
interval says how wide that range is. We use it (rather than the textbook "p ± 1.96·SE") because
it behaves well for small groups and for shares near 0% or 100%: it never goes below 0 or above
100, and 0 out of 10 still gives a range (0% to 27.75%) instead of a misleading "0% ± 0".

For ``k`` people in a category out of ``n`` who answered, p = k/n and z = 1.96 (95%):

    centre     = (p + z²/(2n)) / (1 + z²/n)
    half-width = z / (1 + z²/n) · √( p(1−p)/n + z²/(4n²) )
    interval   = centre ± half-width

Worked example (tested in tests/inclusion/test_stats.py): k = 5, n = 10, so p = 0.5.
z² = 3.8416; z²/n = 0.38416; z²/(2n) = 0.19208; z²/(4n²) = 0.009604.
centre = (0.5 + 0.19208) / 1.38416 = 0.5.
half-width = (1.96 / 1.38416) · √(0.025 + 0.009604) = 1.416021 · 0.186022 = 0.263410.
Interval: 23.66% to 76.34%.

A reference group is **under-represented** when its share in the reference population is above
the top of the interval: even allowing for chance with so few people, fewer people like them
take part than you would expect. It is **over-represented** when its share is below the bottom.
When nobody from a group took part, it is **missing** only when its reference share is above the
top of the interval (for 0 of n that top is z²/(n + z²): 27.8% for 0 of 10); otherwise there are
**too few to tell** (inclusion/selectors.py, ``_status``).

Statistics here are floats on purpose; money never is (see the ledger, in whole pence).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.96


@dataclass(frozen=True)
class Interval:
    low: float  # proportion, 0..1
    high: float  # proportion, 0..1

    def as_percent(self, places: int = 1) -> tuple[float, float]:
        return (round(self.low * 100, places), round(self.high * 100, places))


def wilson(k: int, n: int, z: float = Z95) -> Interval:
    """The Wilson score interval for ``k`` successes out of ``n`` (proportions, 0..1)."""
    if n <= 0:
        raise ValueError("n must be positive")
    if k < 0 or k > n:
        raise ValueError("k must be between 0 and n")
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = (z / denominator) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    # Clamp the tiny floating-point overshoots at the ends (k = 0 or k = n).
    return Interval(low=max(0.0, centre - half), high=min(1.0, centre + half))


UNDER = "under"
OVER = "over"
IN_LINE = "in_line"


def compare(reference_share: float, k: int, n: int) -> str:
    """``under`` if the reference share (a proportion, 0..1) is above the interval, ``over`` if
    below it, else ``in_line``."""
    interval = wilson(k, n)
    ref = reference_share
    if ref > interval.high:
        return UNDER
    if ref < interval.low:
        return OVER
    return IN_LINE
