"""Publishing the figures: one publication per school year for the whole provider, so
that every view of it (a school's page, the schools side by side, an export, the yearly
report) hides the same cells. Worked out off the event loop and served for a while."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from services.communal.domain.periods import SchoolYear
from services.communal.domain.publication import Publication, publish
from services.communal.domain.publication_staffing import Staffing
from services.communal.domain.tallies import Tally

__all__ = ["Figures", "Sources"]


@dataclass(frozen=True)
class Sources:
    """Where a publication's inputs come from (the read-model's repositories)."""

    counts_until: Callable[[str], Awaitable[dict[Tally, int]]]
    schools: Callable[[], Awaitable[dict[str, Staffing]]]
    now: Callable[[], datetime]


class Figures:
    def __init__(self, sources: Sources, *, cache_s: float) -> None:
        self._sources = sources
        self._cache_s = cache_s
        self._made: dict[int, tuple[float, Publication]] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    async def of(self, year: SchoolYear) -> Publication:
        lock = self._locks.setdefault(year.start, asyncio.Lock())
        async with lock:  # one computation per year at a time; the others wait for it
            made = self._made.get(year.start)
            if made is not None and time.monotonic() - made[0] < self._cache_s:
                return made[1]
            counts = await self._sources.counts_until(year.months[-1])
            schools = await self._sources.schools()
            as_of = self._sources.now()
            # CPU-bound (the audit solves linear programmes): a thread keeps requests moving.
            publication = await asyncio.to_thread(publish, counts, schools, year, as_of)
            self._made[year.start] = (time.monotonic(), publication)
            return publication
