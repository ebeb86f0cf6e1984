"""Replaying dead letters after a fix, through the outbox, to the service itself.

A replay is the original message (same key, same bytes, its headers without the
dead-letter ones) appended to the service's outbox for its own replay topic, in the
transaction that records it in the ledger. The service's consumer reads that topic with
the handlers of the topic the message first came from (``replay-topic``), so the normal
idempotent consumption applies: an event that had in fact been processed has no second
effect, and one still invalid is dead-lettered again onto the same ledger entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from shared.dead_letter_ledger.entries import (
    REPLAY_ATTEMPT,
    REPLAY_OF,
    REPLAY_TOPIC,
    State,
    replay_headers,
)
from shared.dead_letter_ledger.ledger import DeadLetterLedger
from shared.logging import get_logger
from shared.outbox import Outbox
from shared.received import ReceivedMessage
from shared.storage import Session, Store
from shared.topics import Topic

if TYPE_CHECKING:
    from shared.consumer import EventConsumer
    from shared.dead_letters import DeadLetters

__all__ = ["ReplayRouter", "Replayed", "Replays"]

log = get_logger(__name__)


@dataclass(frozen=True)
class Replayed:
    entry_id: str
    attempt: int | None  # None: not replayed, for ``skipped``
    skipped: str | None = None  # not_found, discarded


class Replays:
    def __init__(
        self, store: Store, outbox: Outbox, ledger: DeadLetterLedger, topic: Topic
    ) -> None:
        self._store = store
        self._outbox = outbox
        self._ledger = ledger
        self._topic = topic  # the service's own replay topic

    async def replay(self, entry_ids: Sequence[str], *, by: str, why: str) -> list[Replayed]:
        """Each entry replayed in its own transaction, so one that cannot be leaves the
        others replayed; discarded entries are not replayed (their payload is gone)."""
        results = []
        for entry_id in dict.fromkeys(entry_ids):
            result = await self._store.in_transaction(
                partial(self._one, entry_id=entry_id, by=by, why=why)
            )
            if result.attempt is not None:
                self._outbox.committed()
                log.info("dead_letter_replayed", entry_id=entry_id, attempt=result.attempt)
            results.append(result)
        return results

    async def _one(self, session: Session, *, entry_id: str, by: str, why: str) -> Replayed:
        entry = await self._ledger.with_payload(session, entry_id)
        if entry is None:
            return Replayed(entry_id, None, "not_found")
        if entry["state"] == State.DISCARDED or not entry.get("payload"):
            return Replayed(entry_id, None, "discarded")
        attempt = await self._ledger.replaying(session, entry, by=by, why=why)
        payload: dict[str, Any] = entry["payload"]
        headers = replay_headers(
            payload["headers"], entry_id=entry_id, topic=entry["topic"], attempt=attempt
        )
        key = bytes(payload["key"]) if payload["key"] is not None else None
        await self._outbox.append_message(
            self._topic.name, key, bytes(payload["value"]), headers, session=session
        )
        return Replayed(entry_id, attempt)


class ReplayRouter:
    """The replay topic's consumer: each message to the consumer of its original topic."""

    def __init__(self, name: str, dead_letters: DeadLetters) -> None:
        self.name = name
        self._dead_letters = dead_letters
        self._consumers: dict[str, EventConsumer[Any]] = {}

    def route(self, topic_name: str, consumer: EventConsumer[Any]) -> None:
        """``topic_name`` as the broker names it (with the prefix), as the ledger keeps it."""
        self._consumers[topic_name] = consumer

    async def handle_many(self, messages: Sequence[ReceivedMessage]) -> None:
        # One by one: each replay is settled in the ledger with its own outcome.
        for message in messages:
            await self.handle(message)

    async def handle(self, message: ReceivedMessage) -> None:
        consumer = self._consumers.get(message.headers.get(REPLAY_TOPIC, ""))
        if consumer is None:
            await self._dead_letters.send(
                message,
                consumer=self.name,
                reason="unknown_replay_topic",
                detail="no consumer here reads the topic the replay names",
            )
            return
        outcome = await consumer.handle(message)
        entry_id = message.headers.get(REPLAY_OF)
        if outcome != "dead_lettered" and entry_id is not None:
            attempt = int(message.headers.get(REPLAY_ATTEMPT, "0") or 0)
            await self._dead_letters.ledger.settle(entry_id, attempt, outcome)
