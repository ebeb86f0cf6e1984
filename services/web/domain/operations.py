"""The operations console's rules, without I/O: what a service's status says, the lag table
merged from the three services, the chart's geometry, and the dead-letter filters.

Counts and identifiers only: nothing here carries case content.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CHART_HEIGHT",
    "CHART_WIDTH",
    "Chart",
    "GroupLag",
    "Line",
    "chart_of",
    "lag_rows",
]

CHART_WIDTH, CHART_HEIGHT = 640, 220
_LEFT, _BOTTOM, _TOP = 48, 28, 12  # room for the axis labels
# Colour-blind safe (Okabe-Ito), each with its own dash too: never colour alone.
_STROKES = (
    ("#0072b2", ""), ("#d55e00", "6 3"), ("#009e73", "2 3"), ("#cc79a7", "8 3 2 3"),
    ("#000000", "1 2"), ("#e69f00", "10 4"),
)  # fmt: skip


@dataclass(frozen=True)
class GroupLag:
    group: str
    topic: str
    partition: int
    lag_messages: int
    lag_seconds: float | None  # None: behind, the oldest message's time not read


def lag_rows(statuses: Iterable[Mapping[str, Any]]) -> list[GroupLag]:
    """Each (group, topic, partition) once, the most behind first. A topic's lag is measured
    by the service that publishes it; a topic two services publish (none now) counts the
    higher reading."""
    found: dict[tuple[str, str, int], GroupLag] = {}
    for status in statuses:
        for g in status.get("consumer_groups") or []:
            row = GroupLag(
                str(g["group"]), str(g["topic"]), int(g["partition"]),
                int(g["lag_messages"]), g.get("lag_seconds"),
            )  # fmt: skip
            key = (row.group, row.topic, row.partition)
            if key not in found or row.lag_messages > found[key].lag_messages:
                found[key] = row
    return sorted(found.values(), key=lambda r: (-r.lag_messages, r.group, r.topic, r.partition))


@dataclass(frozen=True)
class Line:
    topic: str
    per_minute: tuple[int, ...]  # oldest first, the last is the minute going on
    points: str  # the SVG polyline's
    stroke: str
    dash: str

    @property
    def total(self) -> int:
        return sum(self.per_minute)


@dataclass(frozen=True)
class Chart:
    lines: tuple[Line, ...]
    peak: int  # the y axis' top
    minutes: int

    def y_of(self, value: float) -> float:
        plot = CHART_HEIGHT - _TOP - _BOTTOM
        return round(CHART_HEIGHT - _BOTTOM - (value / max(self.peak, 1)) * plot, 1)

    @property
    def left(self) -> int:
        return _LEFT

    @property
    def bottom(self) -> float:
        return self.y_of(0)

    @property
    def ticks(self) -> list[tuple[int, float]]:
        return [(v, self.y_of(v)) for v in sorted({0, self.peak // 2, self.peak})]


def chart_of(statuses: Iterable[Mapping[str, Any]]) -> Chart:
    """Messages published per topic per minute, summed over the services that publish it."""
    sums: dict[str, list[int]] = {}
    minutes = 60
    for status in statuses:
        for t in status.get("throughput") or []:
            if t.get("direction") != "published":
                continue
            values: Sequence[int] = t["per_minute"]
            minutes = len(values) or minutes
            into = sums.setdefault(str(t["topic"]), [0] * len(values))
            for i, v in enumerate(values[: len(into)]):
                into[i] += int(v)
    peak = _nice(max((max(v) for v in sums.values() if v), default=0))
    chart = Chart((), peak, minutes)
    lines = []
    for i, (topic, values) in enumerate(sorted(sums.items())):
        stroke, dash = _STROKES[i % len(_STROKES)]
        lines.append(Line(topic, tuple(values), _points(chart, values), stroke, dash))
    return Chart(tuple(lines), peak, minutes)


def _points(chart: Chart, values: Sequence[int]) -> str:
    width = CHART_WIDTH - _LEFT - 8
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{round(_LEFT + i * step, 1)},{chart.y_of(v)}" for i, v in enumerate(values))


def _nice(peak: int) -> int:
    """The axis' top: the peak rounded up to 1, 2 or 5 times a power of ten (at least 10)."""
    top = 10
    while top < peak:
        for factor in (2, 2.5, 2):
            top = int(top * factor)
            if top >= peak:
                break
    return top
