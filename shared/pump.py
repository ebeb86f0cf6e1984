"""A background loop that drains a queue kept in the database (outbox, pending deliveries).

It runs when woken (something was just committed, the fast path) and at least every
``interval_s`` (the crash-recovery path: work committed by a process that died).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from shared.logging import get_logger

__all__ = ["Pump"]

log = get_logger(__name__)


class Pump:
    def __init__(
        self, name: str, step: Callable[[], Awaitable[bool]], *, interval_s: float
    ) -> None:
        """``step`` does one batch and returns True when more work may be waiting."""
        self.name = name
        self._step = step
        self._interval_s = interval_s
        self._woken = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._woken.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"pump:{self.name}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        failures = 0
        while True:
            self._woken.clear()
            try:
                more = await self._step()
                failures = 0
            except Exception:
                failures += 1
                log.exception("pump_step_failed", pump=self.name, failures=failures)
                # Soon at first (a broker restarting is back in a second), then no more often
                # than the pump would run anyway.
                await asyncio.sleep(min(0.2 * 2 ** (failures - 1), max(self._interval_s, 1.0)))
                continue
            if more:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), self._interval_s)
