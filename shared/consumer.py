"""The idempotent consumer every service uses for every topic.

For each message: decode it against the contracts (or dead-letter it with the reason),
refuse it (dead-letter, with the reason) unless the topic's owner produces events of its
type and the event says it comes from that owner; find the handler for its type (or skip
it: not every consumer needs every event), then
run the handler in one transaction together with a record of the event's id, so that a
redelivered event has no second effect. Events fetched together are handled in one
transaction (``shared.batch``). Failures of the database itself are retried until
it is back (the message waits, in order); failures of the handler are retried a bounded
number of times and then dead-lettered. Nothing here raises to the broker except a failure
to dead-letter, and then the message is redelivered rather than lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Generic, Literal, TypeVar

from shared.batch import EventHandler, Prepared, Together, handling, marker
from shared.contracts import EventEnvelope, InvalidEvent, decode_event
from shared.dead_letters import DeadLetters
from shared.expiry import Expiry
from shared.logging import get_logger
from shared.received import ReceivedMessage
from shared.storage import DuplicateKeyError, Store, is_transient
from shared.topics import Topic
from shared.unit_of_work import Transactor, UnitOfWork

__all__ = [
    "PROCESSED_EVENTS",
    "PROCESSED_EXPIRY",
    "EventConsumer",
    "EventHandler",
    "Handled",
    "Unprocessable",
]

PROCESSED_EVENTS = "processed_events"
# The marker is what makes redelivery harmless; it is kept long enough to outlive any
# redelivery (a broker restart re-reads at most its retention).
PROCESSED_EXPIRY = Expiry(PROCESSED_EVENTS, "at", timedelta(days=90))
U = TypeVar("U", bound=UnitOfWork)
# What became of a message: what a replay's ledger entry records as its outcome.
Handled = Literal["processed", "already_processed", "not_handled", "dead_lettered"]

log = get_logger(__name__)


class _AlreadyProcessed(Exception):
    pass


class Unprocessable(Exception):
    """A well-formed event its handler must refuse (it names a school nobody knows, say):
    dead-lettered at once with the reason, since trying again cannot help."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _foreign(event: EventEnvelope, topic: Topic) -> tuple[str, str] | None:
    """Why ``event`` cannot have come from ``topic``'s owner, or None if it can."""
    if type(event) not in topic.carries:
        return "wrong_topic", f"{event.type} is not carried by {topic.name}"
    if event.producer != topic.owner:
        return "foreign_producer", f"{topic.name} is written by {topic.owner} only"
    return None


class EventConsumer(Generic[U]):
    def __init__(
        self,
        *,
        name: str,
        topic: Topic,
        store: Store,
        transact: Transactor[U],
        dead_letters: DeadLetters,
        handlers: Mapping[type[EventEnvelope], EventHandler[U]],
        max_attempts: int = 4,
        backoff_s: float = 0.2,
    ) -> None:
        self.name = name
        self.topic = topic
        self._store = store
        self._processed = store.collection(PROCESSED_EVENTS)
        self._transact = transact
        self._dead_letters = dead_letters
        self._handlers = dict(handlers)
        self._max_attempts = max_attempts
        self._backoff_s = backoff_s

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(PROCESSED_EVENTS, [PROCESSED_EXPIRY.index])

    async def handle(self, message: ReceivedMessage) -> Handled:
        (outcome,) = await self.handle_many([message])
        return outcome

    async def handle_many(self, messages: Sequence[ReceivedMessage]) -> list[Handled]:
        """``messages`` fetched together, in order: the events to handle in one transaction
        (``shared.batch``), or one by one if that fails; what comes of each message."""
        outcomes: list[Handled | None] = []
        batch: list[Prepared[U]] = []
        for message in messages:
            prepared = await self._prepare(message)
            if isinstance(prepared, str):
                outcomes.append(prepared)
            else:
                outcomes.append(None)  # the batch's outcome for it, below
                batch.append(prepared)
        processed = iter(await self._process_together(batch))
        return [next(processed) if outcome is None else outcome for outcome in outcomes]

    async def _prepare(self, message: ReceivedMessage) -> Prepared[U] | Handled:
        """The event and its handler, or what became of a message that has none."""
        try:
            event = decode_event(message.value)
        except InvalidEvent as invalid:
            return await self._dead_letter(message, invalid.reason, invalid.detail)
        foreign = _foreign(event, self.topic)
        if foreign is not None:
            return await self._dead_letter(message, *foreign)
        handler = self._handlers.get(type(event))
        if handler is None:
            return "not_handled"
        return Prepared(message, event, handler)

    async def _process_together(self, batch: Sequence[Prepared[U]]) -> list[Handled]:
        # The event whose handler failed in the batch: that failure was its first attempt.
        failed_once: Prepared[U] | None = None
        if len(batch) > 1:
            work = Together(batch, self._processed, self.name)
            try:
                # Tried once: after a write conflict (another replica moved a counter this
                # batch moves too) the events' own short transactions are retried instead,
                # rather than the whole batch again and again while the other one commits.
                await self._transact(work, retried=False)
            except Exception as exc:  # whatever it was, each event's own path deals with it
                if work.failed is not None and not is_transient(exc):
                    failed_once = work.failed
                log.warning(
                    "batch_handled_one_by_one",
                    size=len(batch),
                    cause=type(exc).__name__,
                    failed_event_id=str(failed_once.event.event_id) if failed_once else None,
                )
            else:
                outcomes = work.outcomes()
                log.info(
                    "events_processed",
                    consumer=self.name,
                    count=outcomes.count("processed"),
                    already_processed=outcomes.count("already_processed"),
                )
                return list(outcomes)
        return [await self._process_one(p, failures=int(p is failed_once)) for p in batch]

    async def _process_one(self, prepared: Prepared[U], *, failures: int = 0) -> Handled:
        with handling(prepared):
            return await self._process(
                prepared.message, prepared.event, prepared.handler, failures=failures
            )

    async def _process(
        self,
        message: ReceivedMessage,
        event: EventEnvelope,
        handler: EventHandler[U],
        *,
        failures: int = 0,
    ) -> Handled:
        """``failures``: how often the handler failed already (in a batch)."""

        async def apply(unit: U) -> None:
            try:
                await self._processed.insert_one(marker(self.name, event), session=unit.transaction)
            except DuplicateKeyError:
                raise _AlreadyProcessed from None
            await handler(event, unit)

        while True:
            try:
                await self._transact(apply)
                log.info("event_processed", consumer=self.name)
                return "processed"
            except _AlreadyProcessed:
                log.info("event_already_processed", consumer=self.name)
                return "already_processed"
            except Unprocessable as refused:
                return await self._dead_letter(message, refused.reason, refused.detail)
            except Exception as exc:
                failures += 1
                if is_transient(exc):
                    delay = min(self._backoff_s * 2 ** min(failures, 6), 5.0)
                    log.warning("database_unavailable_retrying", failures=failures, delay_s=delay)
                    await asyncio.sleep(delay)
                    continue
                log.exception("event_handler_failed", consumer=self.name, attempt=failures)
                if failures >= self._max_attempts:
                    detail = f"{type(exc).__name__} after {failures} attempts"
                    return await self._dead_letter(message, "handler_failed", detail)
                await asyncio.sleep(self._backoff_s * 2 ** (failures - 1))

    async def _dead_letter(self, message: ReceivedMessage, reason: str, detail: str) -> Handled:
        await self._dead_letters.send(message, consumer=self.name, reason=reason, detail=detail)
        return "dead_lettered"
