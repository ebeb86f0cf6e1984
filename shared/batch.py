"""Events fetched together, handled in one transaction.

Under a backlog the broker hands a consumer many events at once. One transaction for all
of them costs one commit, one insert of their markers and one of their outbox entries,
where one by one each event pays for all three. Events already processed (redelivered
after a rebalance, say) are found with one read and left out. The batch is all or nothing:
if anything in it fails (a handler refusing an event, the database, an event processed
elsewhere meanwhile, a write conflict), it is rolled back, not tried again, and the
consumer takes the events one by one, each on the path made for that failure. Each event
is still handled in its own trace and log context.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import structlog
from opentelemetry.trace import SpanKind

from shared.contracts import EventEnvelope, utc_now
from shared.received import ReceivedMessage
from shared.storage import Collection
from shared.tracing import continued
from shared.unit_of_work import UnitOfWork

__all__ = ["EventHandler", "Prepared", "Together", "handling", "marker"]

U = TypeVar("U", bound=UnitOfWork)
EventHandler = Callable[[Any, U], Awaitable[None]]


@dataclass(frozen=True)
class Prepared(Generic[U]):
    """A message read as an event of its topic, and the handler this consumer has for it."""

    message: ReceivedMessage
    event: EventEnvelope
    handler: EventHandler[U]


def marker(consumer: str, event: EventEnvelope) -> dict[str, object]:
    """The record that ``consumer`` has processed ``event``: its id is what a redelivery
    collides with."""
    return {"_id": f"{consumer}:{event.event_id}", "type": event.type, "at": utc_now()}


@contextmanager
def handling(prepared: Prepared[Any]) -> Iterator[None]:
    """Log lines name the event, and its handling is a consumer span in the event's own
    trace (the subscriber's span is the batch's, which links to every event in it)."""
    event, message = prepared.event, prepared.message
    with (
        structlog.contextvars.bound_contextvars(
            event_id=str(event.event_id),
            event_type=event.type,
            correlation_id=str(event.correlation_id),
        ),
        continued(message.headers, f"{message.topic} process", kind=SpanKind.CONSUMER),
    ):
        yield


class Together(Generic[U]):
    """The work of one transaction that handles, in order, every event of ``batch`` this
    consumer has not processed yet; afterwards ``repeated`` holds the others. After a
    failure, ``failed`` is the event whose handler raised (None: it was not a handler), so
    that the failure counts as that event's first attempt."""

    def __init__(self, batch: Sequence[Prepared[U]], processed: Collection, consumer: str):
        self._batch = batch
        self._processed = processed
        self._consumer = consumer
        self.failed: Prepared[U] | None = None
        self.repeated: set[int] = set()  # indexes into ``batch``

    async def __call__(self, unit: U) -> None:
        self.failed = None
        markers = [marker(self._consumer, p.event) for p in self._batch]
        ids = [m["_id"] for m in markers]
        found = self._processed.find({"_id": {"$in": ids}}, {"_id": True}, session=unit.transaction)
        seen = {doc["_id"] async for doc in found}
        self.repeated = set()
        for index, marker_id in enumerate(ids):
            if marker_id in seen:  # processed before, or earlier in this very batch
                self.repeated.add(index)
            seen.add(marker_id)
        fresh = [i for i in range(len(self._batch)) if i not in self.repeated]
        if fresh:
            await self._processed.insert_many(
                [markers[i] for i in fresh], ordered=True, session=unit.transaction
            )
        for index in fresh:
            prepared = self._batch[index]
            with handling(prepared):
                self.failed = prepared
                await prepared.handler(prepared.event, unit)
        self.failed = None

    def outcomes(self) -> list[Literal["processed", "already_processed"]]:
        """What became of each event of the batch, once the transaction committed."""
        return [
            "already_processed" if i in self.repeated else "processed"
            for i in range(len(self._batch))
        ]
