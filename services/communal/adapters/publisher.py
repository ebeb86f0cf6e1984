"""Working a publication out in a process of its own.

The disclosure audit solves linear programmes with SciPy's HiGHS: a few seconds of CPU for
a handful of schools, a minute for sixty, and some 50 MB of numerical libraries. In a
worker process neither holds the service's event loop (the GIL) or its memory: the
consumers keep counting while a publication is made, and the service stays small. The
worker is started by the first publication and kept for the next ones (a start costs
seconds: it imports the audit's libraries), and stopped with the service.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING

from services.communal.domain.periods import SchoolYear
from services.communal.domain.publication_staffing import Staffing
from services.communal.domain.tallies import Tally

if TYPE_CHECKING:  # the service process never imports the audit itself
    from services.communal.domain.publication_made import Publication

__all__ = ["PublishingWorker"]


def _publish(
    counts: dict[Tally, int], schools: dict[str, Staffing], year: SchoolYear, now: datetime
) -> Publication:
    from services.communal.domain.publication import publish  # in the worker only

    return publish(counts, schools, year, now)


class PublishingWorker:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    async def __call__(
        self,
        counts: dict[Tally, int],
        schools: dict[str, Staffing],
        year: SchoolYear,
        now: datetime,
    ) -> Publication:
        if self._pool is None:
            # Spawned, not forked: a fork would copy the service's threads' locks.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _publish, counts, schools, year, now)

    async def stop(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
