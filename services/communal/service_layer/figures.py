"""Publishing the figures: one publication per school year for the whole provider, so
that every view of it (a school's page, the schools side by side, an export, the yearly
report) hides the same cells.

Working one out is costly (its audit solves linear programmes: seconds for a handful of
schools, a minute and more for sixty), so nobody waits for it twice: a request is answered
with the newest publication made, and one older than ``fresh_s`` is made again behind it,
in a worker process, only if the counters changed. Only a year never asked for waits.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from services.communal.domain.periods import SchoolYear, month_of
from services.communal.domain.publication_staffing import Staffing
from services.communal.domain.tallies import Tally
from shared.logging import get_logger

if TYPE_CHECKING:
    from services.communal.domain.publication_made import Publication

__all__ = ["Figures", "Publish", "Sources"]

log = get_logger(__name__)


# Works a publication out from the counters and the schools (the audit: seconds of CPU).
Publish = Callable[
    [dict[Tally, int], dict[str, Staffing], SchoolYear, datetime], Awaitable["Publication"]
]


@dataclass(frozen=True)
class Sources:
    """Where a publication's inputs come from (the read-model's repositories)."""

    counts_until: Callable[[str], Awaitable[dict[Tally, int]]]
    schools: Callable[[], Awaitable[dict[str, Staffing]]]
    now: Callable[[], datetime]


@dataclass(frozen=True)
class _Made:
    at: float  # monotonic
    inputs: tuple[dict[Tally, int], dict[str, Staffing]]
    publication: Publication


class Figures:
    def __init__(self, sources: Sources, publish: Publish, *, fresh_s: float) -> None:
        self._sources = sources
        self._publish = publish
        self._fresh_s = fresh_s
        self._made: dict[int, _Made] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._behind: set[asyncio.Task[Publication]] = set()

    async def of(self, year: SchoolYear) -> Publication:
        made = self._made.get(year.start)
        if made is None or self._fresh_s == 0:  # 0: made for every request (the tests')
            return await self._make(year)
        if time.monotonic() - made.at >= self._fresh_s and not self._locks[year.start].locked():
            task = asyncio.create_task(self._make(year))
            self._behind.add(task)
            task.add_done_callback(self._behind.discard)
        return made.publication

    async def refresh_current(self) -> bool:
        """A pump step: the current school year made again if its counters changed."""
        await self._make(SchoolYear.of_month(month_of(self._sources.now())))
        return False

    async def _make(self, year: SchoolYear) -> Publication:
        lock = self._locks.setdefault(year.start, asyncio.Lock())
        async with lock:  # one computation per year at a time; the others wait for it
            inputs = (
                await self._sources.counts_until(year.months[-1]),
                await self._sources.schools(),
            )
            made = self._made.get(year.start)
            if made is not None and made.inputs == inputs:
                self._made[year.start] = _Made(time.monotonic(), inputs, made.publication)
                return made.publication
            started = time.monotonic()
            publication = await self._publish(*inputs, year, self._sources.now())
            log.info("figures_published", school_year=year.start,
                     seconds=round(time.monotonic() - started, 2))  # fmt: skip
            self._made[year.start] = _Made(time.monotonic(), inputs, publication)
            return publication
