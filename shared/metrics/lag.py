"""Consumer lag, as seen by the producer: for each topic a service publishes, how far each
group that reads it is behind (end offset minus committed offset, per partition).

Measured by the producing side because a consumer that stopped cannot report its own lag.
The committed offsets are read the way ``shared.redelivery`` reads them, with a client of
the group that joins nothing (the admin API's group-offsets call drops the connection on
Tansu); the end offsets come from the same client.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity

from shared.metrics.platform import PlatformMetrics
from shared.topics import Topic, consumer_group

__all__ = ["ConsumerLag", "GroupOffsets"]


@dataclass(frozen=True)
class GroupOffsets:
    """Where one group stands on one partition of a topic this service publishes."""

    group: str
    topic: str  # the registry's name, without a prefix
    qualified: str  # as the broker names it
    partition: int
    committed: int  # the log's start if the group never committed
    end: int

    @property
    def lag(self) -> int:
        return max(self.end - self.committed, 0)


class ConsumerLag:
    def __init__(
        self,
        metrics: PlatformMetrics,
        *,
        publishes: Sequence[Topic],
        bootstrap_servers: str,
        prefix: str,
        security: BaseSecurity | None,
    ) -> None:
        self._metrics = metrics
        self._publishes = publishes  # filled in while the service is wired
        self._bootstrap = bootstrap_servers
        self._prefix = prefix
        self._security = security
        self._clients: dict[str, AIOKafkaConsumer] = {}
        self._lock = asyncio.Lock()

    async def sample(self) -> None:
        m = self._metrics
        for at in await self.offsets():
            m.consumer_lag.labels(m.service, at.group, at.topic, str(at.partition)).set(at.lag)

    async def offsets(self) -> list[GroupOffsets]:
        """Every consuming group's place on every partition (the sampler and the operations
        status both ask, so one at a time: the clients are shared)."""
        async with self._lock:
            return await self._offsets()

    async def _offsets(self) -> list[GroupOffsets]:
        found = []
        for topic in dict.fromkeys(self._publishes):
            if not topic.consumed_by:
                continue
            qualified = topic.qualified(self._prefix)
            tps = [TopicPartition(qualified, p) for p in range(topic.partitions)]
            for group in topic.consumed_by:
                client = await self._client(group)
                ends = await client.end_offsets(tps)
                for tp in tps:
                    committed = await client.committed(tp)
                    if committed is None:  # never committed: behind by what the log holds
                        committed = (await client.beginning_offsets([tp]))[tp]
                    found.append(
                        GroupOffsets(
                            group, topic.name, qualified, tp.partition, committed, end=ends[tp]
                        )
                    )
        return found

    async def close(self) -> None:
        for client in self._clients.values():
            await client.stop()
        self._clients.clear()

    async def _client(self, group: str) -> AIOKafkaConsumer:
        if group not in self._clients:
            client = AIOKafkaConsumer(
                bootstrap_servers=self._bootstrap,
                group_id=consumer_group(self._prefix, group),
                enable_auto_commit=False,
                **parse_security(self._security),
            )
            await client.start()
            self._clients[group] = client
        return self._clients[group]
