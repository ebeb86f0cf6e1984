"""Reading and writing topics directly, as an outside observer would."""

from __future__ import annotations

import time

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from shared.contracts import AnyEvent, EventEnvelope, decode_event
from shared.outbox import event_headers


class TopicReader:
    """Reads a topic from the beginning without a consumer group, so it disturbs nothing."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self._consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        self._topic = topic
        self.records: list[ConsumerRecord[bytes, bytes]] = []

    async def __aenter__(self) -> TopicReader:
        await self._consumer.start()
        partitions = self._consumer.partitions_for_topic(self._topic) or set()
        assigned = [TopicPartition(self._topic, p) for p in sorted(partitions)]
        self._consumer.assign(assigned)
        await self._consumer.seek_to_beginning(*assigned)
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self._consumer.stop()

    async def read_until(
        self, count: int, *, timeout: float = 15.0
    ) -> list[ConsumerRecord[bytes, bytes]]:
        """Everything read so far, once at least ``count`` records are in (or fail)."""
        deadline = time.monotonic() + timeout
        while len(self.records) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self._topic}: expected {count} records within {timeout}s, "
                    f"got {len(self.records)}"
                )
            batches = await self._consumer.getmany(timeout_ms=100)
            for records in batches.values():
                self.records.extend(records)
        return self.records

    async def settle(self, quiet: float = 1.0) -> list[ConsumerRecord[bytes, bytes]]:
        """Read until nothing more arrives for ``quiet`` seconds: to prove absence."""
        while True:
            batches = await self._consumer.getmany(timeout_ms=int(quiet * 1000))
            if not batches:
                return self.records
            for records in batches.values():
                self.records.extend(records)

    def events(self) -> list[AnyEvent]:
        return [decode_event(r.value) for r in self.records]


async def produce(
    bootstrap: str, topic: str, value: bytes, *, key: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> None:  # fmt: skip
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            topic, value, key=key,
            headers=[(k, v.encode()) for k, v in (headers or {}).items()],
        )  # fmt: skip
    finally:
        await producer.stop()


async def produce_event(bootstrap: str, topic: str, event: EventEnvelope, times: int = 1) -> None:
    for _ in range(times):
        await produce(
            bootstrap, topic, event.to_bytes(),
            key=event.partition_key.encode(), headers=event_headers(event),
        )  # fmt: skip


def header(record: ConsumerRecord[bytes, bytes], name: str) -> str | None:
    for key, value in record.headers:
        if key == name:
            return str(value.decode())
    return None
