"""How often one person may raise concerns: a moving window per person, with ``limits``."""

from __future__ import annotations

import time

from limits import parse_many
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

__all__ = ["ConcernRateLimit"]


class ConcernRateLimit:
    def __init__(self, spec: str, storage_uri: str) -> None:
        self._limits = parse_many(spec)
        uri = storage_uri if storage_uri.startswith("async+") else f"async+{storage_uri}"
        storage = storage_from_string(uri)
        assert isinstance(storage, Storage)
        self._limiter = MovingWindowRateLimiter(storage)

    async def wait_for(self, person: str) -> int:
        """Count one concern for ``person``: 0 if allowed, else seconds until it would be."""
        for limit in self._limits:
            if not await self._limiter.hit(limit, "concern", person):
                stats = await self._limiter.get_window_stats(limit, "concern", person)
                return max(1, int(stats.reset_time - time.time()) + 1)
        return 0
