"""The transactional outbox: events are written with the state change that caused them and
published afterwards by a relay, so a crash between commit and publish loses nothing.

Delivery is at least once: a crash after publishing but before marking publishes again,
and the idempotent consumers absorb the repeat. Each entry names the relay that publishes
it, the one of the process that wrote it (``relay``): with every replica's relay looking
for any unpublished entry, two replicas published half of the benchmark's events twice.
An entry no one names, or whose relay has not published it within ``orphan_after`` (its
process died), is any relay's. Each published event keeps the partition
the broker gave it and an offset no lower than its own, so that a broker which lost its
storage can be noticed and what was not yet delivered published again
(``shared.redelivery``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from shared.contracts import EventEnvelope, utc_now
from shared.expiry import Expiry
from shared.storage import ASCENDING, Index, Session, Store, UpdateMany
from shared.topics import topic_of
from shared.tracing import carrying, continued

__all__ = ["OUTBOX", "Outbox", "Position", "RawPublish", "event_headers"]

OUTBOX = "outbox"


@dataclass(frozen=True)
class Position:
    """Where the broker put a published message."""

    partition: int
    offset: int


RawPublish = Callable[[str, bytes | None, bytes, dict[str, str]], Awaitable[Position]]
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
    def __init__(
        self,
        store: Store,
        *,
        retention: timedelta = timedelta(days=7),
        relay: str | None = None,
        orphan_after: timedelta = timedelta(seconds=10),
    ) -> None:
        """``relay``: this process's relay, which publishes what it appends (None: this
        process runs none, and any relay publishes its entries)."""
        self._collection = store.collection(OUTBOX)
        self._store = store
        self._relay = relay
        self._orphan_after = orphan_after
        self._orphans_looked_for = -math.inf
        # Published events are kept a while, to republish after a broker loses them.
        self.expiry = Expiry(OUTBOX, "published_at", retention)
        self._listeners: list[tuple[Callable[[], None], bool]] = []

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            OUTBOX,
            [
                Index([("published_at", ASCENDING), ("_id", ASCENDING)]),
                self.expiry.index,
            ],
        )

    async def append(
        self,
        session: Session,
        events: Sequence[EventEnvelope],
        traces: Sequence[dict[str, str]],
    ) -> None:
        """``events``, each with the trace context it was emitted in (``traces``)."""
        if not events:
            return
        await self._collection.insert_many(
            [
                self._entry(topic_of(event).name, event.partition_key, event.to_bytes())
                | {"event_id": str(event.event_id), "type": event.type}
                # The trace goes on from here when the relay publishes (shared/tracing.py).
                | {"headers": event_headers(event) | context}
                for event, context in zip(events, traces, strict=True)
            ],
            ordered=True,
            session=session,
        )

    async def append_message(
        self,
        topic: str,
        key: bytes | None,
        value: bytes,
        headers: dict[str, str],
        *,
        session: Session | None = None,
    ) -> None:
        """A message that is not an event of this service (a dead letter, a replay), kept as
        durably. In a transaction (``session``) the caller calls ``committed`` after it."""
        entry = self._entry(topic, key.decode(errors="replace") if key is not None else None, value)
        stored = entry | {"headers": carrying(dict(headers))}
        await self._collection.insert_one(stored, session=session)
        if session is None:
            self.committed()

    def _entry(self, topic: str, key: str | None, value: bytes) -> dict[str, object]:
        return {
            "topic": topic,
            "key": key,
            "value": value,
            "relay": self._relay,
            "created_at": utc_now(),
            "published_at": None,
            "partition": None,
            "offset": None,
        }

    def on_commit(self, listener: Callable[[], None], *, with_events_only: bool = False) -> None:
        """Call ``listener`` after each commit, or only after those that appended events."""
        self._listeners.append((listener, with_events_only))

    def committed(self, *, appended: bool = True) -> None:
        for listener, with_events_only in self._listeners:
            if appended or not with_events_only:
                listener()

    async def relay_batch(self, publish: RawPublish, *, batch_size: int = 200) -> bool:
        """Publish the oldest unpublished events in order; True if more may be waiting."""
        documents = await self._unpublished({"relay": {"$in": [None, self._relay]}}, batch_size)
        if time.monotonic() >= self._orphans_looked_for + self._orphan_after.total_seconds() / 2:
            # Apart, and seldom: SecantusDB's planner scans the whole outbox for an ``$or``.
            self._orphans_looked_for = time.monotonic()
            left = {"created_at": {"$lt": utc_now() - self._orphan_after}}
            both = {d["_id"]: d for d in documents + await self._unpublished(left, batch_size)}
            documents = [both[i] for i in sorted(both)][:batch_size]
        positions: list[Position] = []
        for document in documents:
            key, headers = document["key"], dict(document["headers"])
            with continued(headers):  # published in the trace it was appended in
                position = await publish(
                    document["topic"],
                    key.encode() if key is not None else None,
                    bytes(document["value"]),
                    headers,
                )
            positions.append(position)
        if positions:
            await self._mark_published(documents, positions)
        return len(documents) == batch_size

    async def _unpublished(self, query: dict[str, Any], limit: int) -> list[dict[str, Any]]:
        found = self._collection.find({"published_at": None} | query).sort("_id", ASCENDING)
        return await found.to_list(limit)

    async def _mark_published(
        self, documents: Sequence[dict[str, Any]], positions: Sequence[Position]
    ) -> None:
        """One update per partition written to. Each entry keeps the highest offset its
        partition got in this batch, not its own: what asks "from which offset on was this
        not delivered" then finds every entry it should, and at worst a few of the batch's
        delivered ones again, which the consumers absorb."""
        published: dict[tuple[str, int], list[Any]] = {}
        last: dict[tuple[str, int], int] = {}
        for document, position in zip(documents, positions, strict=True):
            partition = (document["topic"], position.partition)
            published.setdefault(partition, []).append(document["_id"])
            last[partition] = max(last.get(partition, position.offset), position.offset)
        now = utc_now()
        await self._collection.bulk_write(
            [
                UpdateMany(
                    {"_id": {"$in": ids}},
                    {"$set": {"published_at": now} | _at(Position(partition[1], last[partition]))},
                )
                for partition, ids in published.items()
            ],
            ordered=False,
        )

    async def pending(self) -> int:
        return int(await self._collection.count_documents({"published_at": None}))

    async def publish_again(
        self,
        session: Session,
        topic: str,
        partition: int,
        *,
        since: int,
        published_since: datetime,
    ) -> int:
        """Mark unpublished the events of one partition at offset ``since`` and later, or
        published at ``published_since`` or later; returns their count."""
        result = await self._collection.update_many(
            {
                "topic": topic,
                "partition": partition,
                "$or": [
                    {"offset": {"$gte": since}},
                    {"published_at": {"$gte": published_since}},
                ],
            },
            {"$set": {"published_at": None, "partition": None, "offset": None}},
            session=session,
        )
        return int(result.modified_count)


def _at(position: Position) -> dict[str, int]:
    return {"partition": position.partition, "offset": position.offset}
