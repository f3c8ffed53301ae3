"""Small statistics for the analytics page: Wilson intervals, rate ratios with a log-normal interval, medians."""

from __future__ import annotations

import math
from collections.abc import Mapping

Z95 = 1.959963984540054


def rate(k: float, n: float) -> float | None:
    return k / n if n else None


def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float] | None:
    """95% Wilson score interval of a proportion k/n (good for small n and rates near 0 or 1)."""
    if n <= 0:
        return None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # Exact at the edges (rounding would leave 1.0 just outside an interval for k = n).
    lo = 0.0 if k <= 0 else max(0.0, centre - half)
    hi = 1.0 if k >= n else min(1.0, centre + half)
    return lo, hi


def rate_ratio(k1: float, n1: float, k0: float, n0: float, z: float = Z95) -> tuple[float, float, float] | None:
    """(k1/n1) / (k0/n0) with its 95% interval on the log scale (Katz); 0.5 added to every cell with a zero.

    None when either group is empty."""
    if n1 <= 0 or n0 <= 0:
        return None
    if k1 == 0 or k0 == 0 or k1 == n1 or k0 == n0:
        k1, n1, k0, n0 = k1 + 0.5, n1 + 1.0, k0 + 0.5, n0 + 1.0
    ratio = (k1 / n1) / (k0 / n0)
    se = math.sqrt(1 / k1 - 1 / n1 + 1 / k0 - 1 / n0)
    log = math.log(ratio)
    return ratio, math.exp(log - z * se), math.exp(log + z * se)


def median_from_histogram(counts: Mapping[int, float]) -> float | None:
    """The median of values given as {value: how many} (the lower middle for an even count)."""
    total = sum(counts.values())
    if total <= 0:
        return None
    seen = 0.0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= total / 2:
            return float(value)
    return None
