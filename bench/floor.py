"""The floor: what the flow cannot avoid, measured raw on the same servers.

The path from request to stored notifications crosses Kafka twice (concern.raised, then
case.opened) and commits three transactions (intake's, the welfare group's and
notifications'). However good the code, the flow cannot be faster than two bare
produce-to-consume hops plus three bare transactions; the report divides by that sum.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from bench.stats import Percentiles, percentiles
from shared.settings import ServiceSettings
from shared.storage import Session, Store

__all__ = ["KAFKA_HOPS", "TRANSACTIONS", "Floor", "measure_floor"]

KAFKA_HOPS = 2
TRANSACTIONS = 3
TOPIC = "bench.floor"


def _default(name: str) -> Any:
    """A service setting's production default, so that the floor uses what services use."""
    return ServiceSettings.model_fields[name].default


@dataclass(frozen=True)
class Floor:
    kafka_hop_ms: Percentiles
    insert_ms: Percentiles
    transaction_ms: Percentiles

    @property
    def path_p50_ms(self) -> float:
        """The unavoidable part of the flow's path, at the median."""
        return KAFKA_HOPS * self.kafka_hop_ms.p50 + TRANSACTIONS * self.transaction_ms.p50

    @property
    def path_p99_ms(self) -> float:
        return KAFKA_HOPS * self.kafka_hop_ms.p99 + TRANSACTIONS * self.transaction_ms.p99


async def _timed(samples: int, step: Callable[[int], Awaitable[None]]) -> Percentiles:
    spans = []
    for i in range(samples):
        started = time.perf_counter()
        await step(i)
        spans.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.01)  # an idle moment, as between concerns at a modest rate
    return percentiles(spans[samples // 10 :])  # the first tenth warms connections up


async def kafka_hop(bootstrap: str, samples: int) -> Percentiles:
    """One message produced (acks=all, as the relay) until a group consumer holds it."""
    # A fresh topic read from the start: nothing is skipped while the group forms.
    topic = f"{TOPIC}.{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 3, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=False, linger_ms=0
    )
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=topic,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=_default("kafka_fetch_max_wait_ms"),
        session_timeout_ms=_default("kafka_session_timeout_ms"),
        heartbeat_interval_ms=_default("kafka_heartbeat_interval_ms"),
    )
    await producer.start()
    await consumer.start()
    try:
        await producer.send_and_wait(topic, b"warm-up", key=b"warm-up")
        await asyncio.wait_for(consumer.getone(), 30)

        async def hop(i: int) -> None:
            await producer.send_and_wait(topic, b"x" * 600, key=f"student-{i}".encode())
            await asyncio.wait_for(consumer.getone(), 10)

        return await _timed(samples, hop)
    finally:
        await consumer.stop()
        await producer.stop()


async def database(mongo_uri: str, samples: int) -> tuple[Percentiles, Percentiles]:
    """One single-document insert, and one transaction of three inserts (a state change,
    the processed-event marker, an outbox entry: the least any handler commits), through
    ``shared.storage.Store`` as the services do (majority writes, snapshot reads)."""
    store = Store(mongo_uri, "bench_floor")
    items = store.collection("items")
    document = {"kind": "floor", "body": "x" * 400}
    try:
        await store.ping()

        async def insert(_: int) -> None:
            await items.insert_one(dict(document))

        async def transaction(_: int) -> None:
            async def work(session: Session) -> None:
                for name in ("state", "processed", "outbox"):
                    await store.collection(name).insert_one(dict(document), session=session)

            await store.in_transaction(work)

        return await _timed(samples, insert), await _timed(samples, transaction)
    finally:
        await store.drop()
        store.close()


async def measure_floor(bootstrap: str, mongo_uri: str, *, samples: int = 200) -> Floor:
    hop = await kafka_hop(bootstrap, samples)
    insert, transaction = await database(mongo_uri, samples)
    return Floor(hop, insert, transaction)
