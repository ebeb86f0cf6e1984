"""The broker as the operations status sees it: does it answer, and how old is the oldest
message each lagging group has not consumed yet.

One client of no group (it commits nothing and joins nothing): metadata for the liveness,
and a fetch of one message at a group's committed offset for its timestamp.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable

from aiokafka import AIOKafkaConsumer, TopicPartition
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity

__all__ = ["BrokerProbe"]


class BrokerProbe:
    def __init__(self, *, bootstrap_servers: str, security: BaseSecurity | None) -> None:
        self._bootstrap = bootstrap_servers
        self._security = security
        self._client: AIOKafkaConsumer | None = None
        self._lock = asyncio.Lock()  # one assignment at a time on the shared client

    async def check(self) -> None:
        """Raises unless the broker gives its metadata."""
        client = await self._started()
        await client.topics()

    async def oldest_ages(
        self, places: Iterable[tuple[TopicPartition, int]], *, wait_s: float = 1.0
    ) -> dict[tuple[TopicPartition, int], float]:
        """For each (partition, offset), the age in seconds of the message at that offset;
        a place whose message did not come within ``wait_s`` is left out."""
        wanted = dict.fromkeys(places)
        if not wanted:
            return {}
        ages: dict[tuple[TopicPartition, int], float] = {}
        async with self._lock:
            client = await self._started()
            for tp, offset in wanted:
                client.assign([tp])
                client.seek(tp, offset)
                got = await client.getmany(tp, timeout_ms=int(wait_s * 1000), max_records=1)
                for record in got.get(tp, []):
                    ages[(tp, offset)] = max(time.time() - record.timestamp / 1000, 0.0)
            client.unsubscribe()
        return ages

    async def close(self) -> None:
        if self._client is not None:
            await self._client.stop()
            self._client = None

    async def _started(self) -> AIOKafkaConsumer:
        if self._client is None:
            client = AIOKafkaConsumer(
                bootstrap_servers=self._bootstrap,
                group_id=None,
                enable_auto_commit=False,
                **parse_security(self._security),
            )
            await client.start()
            self._client = client
        return self._client
