"""The arithmetic of the report, pure so that it can be tested: percentiles, the summary of
one rate, and the decision whether a rate was sustained."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

__all__ = [
    "MAX_P99_MS",
    "Percentiles",
    "RateResult",
    "max_sustained",
    "percentile",
    "percentiles",
    "sustained",
    "thirds_p99",
]

# A rate is sustained when nearly every concern completed, the latency did not keep
# growing during the run (the last third's p99 at most twice the first third's: a queue
# that grows without bound shows as a p99 that climbs from the first third to the last),
# and the p99 stayed under a second. Without that bound a rate whose every concern waited a
# minute in a queue that grew no further would count as sustained.
MIN_COMPLETED_SHARE = 0.95
MAX_P99_MS = 1000.0
MAX_P99_GROWTH = 2.0
# Below this, a doubling is noise (a GC pause, a fetch wait), not a growing queue.
P99_GROWTH_FLOOR_MS = 100.0


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation between ranks; NaN if empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Percentiles:
    p50: float
    p95: float
    p99: float
    count: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentiles(values: Sequence[float]) -> Percentiles:
    return Percentiles(
        percentile(values, 50), percentile(values, 95), percentile(values, 99), len(values)
    )


@dataclass(frozen=True)
class RateResult:
    """One rate's run: what was offered, what came back, and how long it took (ms)."""

    offered_rate: float
    achieved_rate: float  # requests actually sent per second
    offered: int
    accepted: int  # 201 answers
    completed: int  # notifications stored
    latency_ms: Percentiles
    first_third_p99_ms: float
    last_third_p99_ms: float

    @property
    def completed_share(self) -> float:
        return self.completed / self.offered if self.offered else 0.0

    @property
    def sustained(self) -> bool:
        return sustained(self)


def sustained(result: RateResult) -> bool:
    """Nearly every concern completed, the p99 stayed under a second and did not keep
    growing through the run."""
    if result.completed_share < MIN_COMPLETED_SHARE:
        return False
    if not result.latency_ms.p99 < MAX_P99_MS:
        return False
    first, last = result.first_third_p99_ms, result.last_third_p99_ms
    if math.isnan(first) or math.isnan(last):
        return False
    return last <= max(MAX_P99_GROWTH * first, P99_GROWTH_FLOOR_MS)


def max_sustained(results: Sequence[RateResult]) -> float | None:
    """The highest offered rate that was sustained, with every lower rate sustained too."""
    best = None
    for result in sorted(results, key=lambda r: r.offered_rate):
        if not result.sustained:
            break
        best = result.offered_rate
    return best


def thirds_p99(latencies_in_due_order: Sequence[float]) -> tuple[float, float]:
    """The p99 of the first and of the last third of the run (by due time)."""
    third = len(latencies_in_due_order) // 3
    if third == 0:
        return math.nan, math.nan
    first = latencies_in_due_order[:third]
    last = latencies_in_due_order[-third:]
    return percentile(first, 99), percentile(last, 99)
