"""The geometry of a stacked bar chart of published monthly figures, for inline SVG.

A bar stacks only published counts. A month with a hidden cell gets a hatched marker of
a fixed height above its bar, labelled "<5" or with the times sign: it says "something
is hidden here", never how much, so no height can be measured to recover a hidden count.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from services.web.domain.figures import MARKS, Hidden, Row

__all__ = ["CHART_HEIGHT", "CHART_WIDTH", "Bar", "Chart", "Segment", "stacked_chart"]

CHART_WIDTH, CHART_HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 30, 28
MARKER = 14  # the hidden marker's height: fixed, never a count


@dataclass(frozen=True)
class Segment:
    series: int  # its row's index: the fill class and the legend's entry
    y: float
    height: float
    value: int


@dataclass(frozen=True)
class Bar:
    month: int  # index into the year's months
    x: float
    width: float
    segments: tuple[Segment, ...]
    hidden: tuple[Hidden, ...]  # distinct reasons of the month's hidden cells
    marker_y: float  # the hidden marker's top, when there is one

    @property
    def mark(self) -> str:
        return " ".join(MARKS[h] for h in self.hidden)

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Chart:
    keys: tuple[str, ...]  # the series, in stacking order (bottom first)
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[int, float], ...]  # (value, y) of the horizontal grid lines
    left: int = LEFT
    baseline: float = CHART_HEIGHT - BOTTOM
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT

    @property
    def any_hidden(self) -> bool:
        return any(b.hidden for b in self.bars)


def _nice(peak: int) -> int:
    """A round top for the scale: 1, 2 or 5 times a power of ten, at least the peak."""
    if peak <= 5:
        return 5
    power = int(10 ** math.floor(math.log10(peak)))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= peak)


def stacked_chart(rows: Sequence[Row], months: int = 12) -> Chart:
    published = [
        [c.value or 0 for c in row.months[:months]] + [0] * (months - len(row.months))
        for row in rows
    ]
    top = _nice(max((sum(col) for col in zip(*published, strict=True)), default=0))
    plot = CHART_HEIGHT - TOP - BOTTOM - MARKER - 4  # room for a marker over the top bar
    slot = (CHART_WIDTH - LEFT - RIGHT) / months
    bars = []
    for m in range(months):
        y = float(CHART_HEIGHT - BOTTOM)
        segments = []
        for i, values in enumerate(published):
            if values[m]:
                height = values[m] / top * plot
                y -= height
                segments.append(Segment(i, round(y, 1), round(height, 1), values[m]))
        reasons = {c.hidden for row in rows if m < len(row.months) and (c := row.months[m]).hidden}
        hidden = tuple(h for h in Hidden if h in reasons)
        x = LEFT + m * slot + slot * 0.15
        bars.append(
            Bar(
                m,
                round(x, 1),
                round(slot * 0.7, 1),
                tuple(segments),
                hidden,
                round(y - MARKER - 1, 1),
            )
        )
    ticks = tuple((v, round(CHART_HEIGHT - BOTTOM - v / top * plot, 1)) for v in (0, top // 2, top))
    return Chart(tuple(r.key for r in rows), tuple(bars), ticks)
