"""The benchmark's arithmetic: percentiles, the sustained-rate decision, the schedule."""

from __future__ import annotations

import math

from bench.load import concern_body, schedule
from bench.stats import (
    Percentiles,
    RateResult,
    max_sustained,
    percentile,
    percentiles,
    thirds_p99,
)
from services.intake.service_layer.raise_concern import RaiseConcern


def _result(
    rate: float, *, completed: int = 100, first: float = 80, last: float = 90, p99: float = 90
) -> RateResult:
    return RateResult(
        offered_rate=rate,
        achieved_rate=rate,
        offered=100,
        accepted=100,
        completed=completed,
        latency_ms=Percentiles(50, 80, p99, completed),
        first_third_p99_ms=first,
        last_third_p99_ms=last,
    )


def test_percentiles_interpolate_between_ranks() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 99) == 5
    assert percentile(list(range(101)), 95) == 95
    assert math.isnan(percentile([], 50))
    summary = percentiles([3, 1, 2])
    assert (summary.p50, summary.count) == (2, 3)


def test_a_rate_is_sustained_only_if_nearly_all_complete_and_the_tail_does_not_grow() -> None:
    assert _result(10).sustained
    assert not _result(10, completed=90).sustained
    assert not _result(10, first=200, last=900).sustained
    # A doubling below 100 ms is noise, not a growing queue.
    assert _result(10, first=30, last=90).sustained


def test_a_rate_whose_every_concern_waits_in_a_queue_is_not_sustained() -> None:
    # A queue that stopped growing still makes everyone wait: the p99 must stay under 1 s.
    assert not _result(10, first=20_000, last=21_000, p99=21_000).sustained
    assert _result(10, first=600, last=900, p99=999).sustained


def test_the_highest_sustained_rate_needs_every_lower_rate_sustained() -> None:
    results = [_result(5), _result(10), _result(20, completed=50), _result(40)]
    assert max_sustained(results) == 10
    assert max_sustained([_result(5, completed=0)]) is None


def test_thirds_compare_the_start_of_the_run_with_its_end() -> None:
    first, last = thirds_p99([10.0] * 10 + [20.0] * 10 + [500.0] * 10)
    assert first == 10.0
    assert last == 500.0
    assert all(math.isnan(x) for x in thirds_p99([1.0]))


def test_the_schedule_is_evenly_spaced_and_open_loop() -> None:
    offsets = schedule(4, 2.5)
    assert offsets == [0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25]
    assert schedule(0, 10) == []


def test_every_generated_concern_is_a_valid_request() -> None:
    for index in range(20):
        RaiseConcern.model_validate(concern_body(index, f"bench.abcdef12.{index}"))
