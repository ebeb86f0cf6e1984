"""The transactional outbox: events are written with the state change that caused them and
published afterwards by a relay, so a crash between commit and publish loses nothing.

Delivery is at least once: a crash after publishing but before marking publishes again,
and the idempotent consumers absorb the repeat.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from shared.contracts import EventEnvelope, utc_now
from shared.storage import ASCENDING, Index, Session, Store
from shared.topics import topic_of

__all__ = ["OUTBOX", "Outbox", "RawPublish", "event_headers"]

OUTBOX = "outbox"
RawPublish = Callable[[str, bytes | None, bytes, dict[str, str]], Awaitable[None]]
"""Publishes (topic without prefix, key, value, headers) and returns once the broker acked."""


def event_headers(event: EventEnvelope) -> dict[str, str]:
    """Headers that let tools route and trace without decoding the body."""
    return {
        "content-type": "application/json",
        "event-type": event.type,
        "schema-version": str(event.schema_version),
        "event-id": str(event.event_id),
        "correlation-id": str(event.correlation_id),
    }


class Outbox:
    def __init__(self, store: Store, *, retention: timedelta = timedelta(days=7)) -> None:
        self._collection = store.collection(OUTBOX)
        self._store = store
        self._retention = retention
        self._listeners: list[Callable[[], None]] = []

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            OUTBOX,
            [
                Index([("published_at", ASCENDING), ("_id", ASCENDING)]),
                # Published events are kept a while, to republish after a broker loses them.
                Index(
                    [("published_at", ASCENDING)],
                    expire_after_seconds=int(self._retention.total_seconds()),
                ),
            ],
        )

    async def append(self, session: Session, events: Sequence[EventEnvelope]) -> None:
        if not events:
            return
        now = utc_now()
        await self._collection.insert_many(
            [
                {
                    "event_id": str(event.event_id),
                    "type": event.type,
                    "topic": topic_of(event).name,
                    "key": event.partition_key,
                    "value": event.to_bytes(),
                    "headers": event_headers(event),
                    "created_at": now,
                    "published_at": None,
                }
                for event in events
            ],
            ordered=True,
            session=session,
        )

    def on_commit(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def committed(self) -> None:
        for listener in self._listeners:
            listener()

    async def relay_batch(self, publish: RawPublish, *, batch_size: int = 200) -> bool:
        """Publish the oldest unpublished events in order; True if more may be waiting."""
        documents = (
            await self._collection.find({"published_at": None})
            .sort("_id", ASCENDING)
            .to_list(batch_size)
        )
        for document in documents:
            await publish(
                document["topic"],
                document["key"].encode(),
                bytes(document["value"]),
                dict(document["headers"]),
            )
        if documents:
            await self._collection.update_many(
                {"_id": {"$in": [d["_id"] for d in documents]}},
                {"$set": {"published_at": utc_now()}},
            )
        return len(documents) == batch_size

    async def pending(self) -> int:
        return int(await self._collection.count_documents({"published_at": None}))
