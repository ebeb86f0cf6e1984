"""Events fetched together, handled in one transaction.

Under a backlog the broker hands a consumer many events at once. One transaction for all
of them costs one commit, one insert of their markers and one of their outbox entries,
where one by one each event pays for all three. The batch is all or nothing: if anything
in it fails (an event already processed, a handler refusing an event, the database), it is
rolled back and the consumer takes the events one by one, each on the path made for that
failure. Each event is still handled in its own trace and log context.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

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
    """The work of one transaction that handles every event of ``batch`` in order; after a
    failure, ``failed`` is the event whose handler raised (None: it was not a handler), so
    that the failure counts as that event's first attempt."""

    def __init__(self, batch: Sequence[Prepared[U]], processed: Collection, consumer: str):
        self._batch = batch
        self._processed = processed
        self._consumer = consumer
        self.failed: Prepared[U] | None = None

    async def __call__(self, unit: U) -> None:
        self.failed = None
        await self._processed.insert_many(
            [marker(self._consumer, p.event) for p in self._batch],
            ordered=True,
            session=unit.transaction,
        )
        for prepared in self._batch:
            with handling(prepared):
                self.failed = prepared
                await prepared.handler(prepared.event, unit)
        self.failed = None
