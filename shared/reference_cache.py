"""Reference data kept in the process for a short while: the directory's rosters, calendars,
schools and staff, read by nearly every transaction and changed only by seeding.

A value is kept at most ``ttl_s`` seconds (``REFERENCE_TTL_S``, 30 s) from when it was read,
so a change written by another process (the seeding job, another replica) is seen within
that bound; this process's own writes through the repositories forget the value at once.
What a transaction reads from here is therefore not its snapshot but the committed state
of at most ``ttl_s`` ago: acceptable for data that changes a few times a year and is read
only to route and to date, never for case data, personal data or anything sealed (an
erased key must leave no plaintext behind in a cache).

Only found values are kept: a miss is read again each time, so a school the directory
gains is known at once.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["REFERENCE_TTL_S", "ReferenceCache"]

REFERENCE_TTL_S = 30.0
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class ReferenceCache(Generic[K, V]):
    def __init__(
        self, ttl_s: float = REFERENCE_TTL_S, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl_s = ttl_s
        self._clock = clock
        self._kept: dict[K, tuple[float, V]] = {}

    async def through(self, key: K, load: Callable[[], Awaitable[V | None]]) -> V | None:
        """The kept value of ``key`` if it is fresh, else ``load()``'s (kept if not None)."""
        now = self._clock()
        kept = self._kept.get(key)
        if kept is not None and now - kept[0] < self._ttl_s:
            return kept[1]
        value = await load()
        if value is None:
            self._kept.pop(key, None)
        else:
            self._kept[key] = (now, value)
        return value

    def forget(self, key: K | None = None) -> None:
        """Drop ``key`` (after this process wrote it), or everything."""
        if key is None:
            self._kept.clear()
        else:
            self._kept.pop(key, None)
