"""Medians and shares, drawn from the tallies' histograms and the published figures.

A statistic is published only when at least 5 figures lie behind it and every table figure
it is drawn from is published itself: then its ``n`` tells nothing the tables do not (a
median's ``n`` is at most the published count it belongs to; a share's is the sum of two
published counts), and no "<5" can be worked out of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from services.communal.domain.disclosure_model import SMALL_BELOW, Figure, Status
from services.communal.domain.periods import YEAR
from services.communal.domain.publication_shapes import (
    Statistic,
    StatisticValue,
    StatisticWithheld,
)
from services.communal.domain.tallies import Measure

__all__ = ["STATISTICS", "statistics_of"]

_WITHIN, _LATE, _NO_LIMIT = ((Measure.DISCUSSIONS, k) for k in ("within_limit", "late", "no_limit"))
_CLOSED = (Measure.CASES, "closed")

# name -> (the histogram it is the median of, or None for the share; the figures behind it)
STATISTICS: dict[str, tuple[str | None, tuple[tuple[str, str], ...]]] = {
    "discussions_within_limit_share": (None, (_WITHIN, _LATE)),
    "median_school_days_to_discussion": (
        Measure.SCHOOL_DAYS_TO_DISCUSSION,
        (_WITHIN, _LATE, _NO_LIMIT),
    ),
    "median_days_case_open": (Measure.CASE_DAYS_OPEN, (_CLOSED,)),
}


def _median(histogram: Counter[int]) -> float:
    ordered = sorted(histogram.elements())
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _statistic(
    histogram: Counter[int] | None,
    behind: Sequence[Figure],
    values: Mapping[Figure, int],
    status: Mapping[Figure, Status],
) -> Statistic:
    if histogram is None:  # the share: within the limit, of those a limit ran for
        within, late = (values[f] for f in behind)
        n, value = within + late, (round(within / (within + late), 3) if within + late else 0.0)
    else:
        n = sum(histogram.values())
        value = _median(histogram) if n else 0.0
    if n < SMALL_BELOW:
        return StatisticWithheld(suppressed="too_few")
    if any(status[f] is not Status.PUBLISHED for f in behind):
        small = any(status[f] is Status.SMALL for f in behind)
        return StatisticWithheld(suppressed="too_few" if small else "complementary")
    return StatisticValue(value=value, n=n)


def statistics_of(
    unit: str,
    histograms: Mapping[str, Counter[int]],
    values: Mapping[Figure, int],
    status: Mapping[Figure, Status],
) -> dict[str, Statistic]:
    """The unit's statistics for the year; ``histograms`` by measure, of the unit's year."""
    return {
        name: _statistic(
            None if measure is None else histograms.get(measure, Counter()),
            [Figure(unit, *figure, YEAR) for figure in behind],
            values,
            status,
        )
        for name, (measure, behind) in STATISTICS.items()
    }
