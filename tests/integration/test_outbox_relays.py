"""Which relay publishes an outbox entry, against the real database: two replicas share a
store; each relay publishes what its own process wrote, so no event goes out twice, and
what a stopped replica left, or a process without a relay wrote, any relay publishes."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from shared.contracts import EventEnvelope
from shared.outbox import Outbox, Position
from shared.storage import Session, Store
from shared.tracing import carrying
from tests.factories import case_opened


class Relayed:
    """A broker that only remembers which events it was given."""

    def __init__(self) -> None:
        self.event_ids: list[str] = []

    async def __call__(
        self, topic: str, key: bytes | None, value: bytes, headers: dict[str, str]
    ) -> Position:
        self.event_ids.append(headers["event-id"])
        return Position(0, len(self.event_ids))


async def _append(store: Store, outbox: Outbox, *events: EventEnvelope) -> None:
    async def append(session: Session) -> None:
        await outbox.append(session, events, [carrying({}) for _ in events])

    await store.in_transaction(append)


async def test_each_relay_publishes_what_its_own_replica_wrote_and_nothing_twice(
    store: Store,
) -> None:
    first, second = Outbox(store, relay="host-a:8001"), Outbox(store, relay="host-b:8001")
    await first.ensure_indexes()
    by_first = [case_opened(f"student-{n}") for n in range(3)]
    by_second = [case_opened(f"student-{n}") for n in range(3, 5)]
    await _append(store, first, *by_first)
    await _append(store, second, *by_second)

    relayed_by_second, relayed_by_first = Relayed(), Relayed()
    assert await second.relay_batch(relayed_by_second) is False
    assert await first.relay_batch(relayed_by_first) is False
    assert relayed_by_first.event_ids == [str(e.event_id) for e in by_first]
    assert relayed_by_second.event_ids == [str(e.event_id) for e in by_second]
    assert await first.pending() == 0


async def test_what_a_stopped_replica_left_is_published_by_another_after_the_wait(
    store: Store,
) -> None:
    stopped = Outbox(store, relay="host-gone:8001")
    await stopped.ensure_indexes()
    left = case_opened("student-left")
    await _append(store, stopped, left)

    patient = Outbox(store, relay="host-a:8001", orphan_after=timedelta(seconds=2))
    relayed = Relayed()
    await patient.relay_batch(relayed)
    assert relayed.event_ids == []  # not yet: its own relay may still publish it

    await asyncio.sleep(2.5)  # longer than the wait, and than the time between two looks
    await patient.relay_batch(relayed)
    assert relayed.event_ids == [str(left.event_id)]
    assert await patient.pending() == 0


async def test_what_a_process_without_a_relay_wrote_any_relay_publishes_at_once(
    store: Store,
) -> None:
    without_relay, relaying = Outbox(store), Outbox(store, relay="host-a:8001")
    await relaying.ensure_indexes()
    event = case_opened("student-1")
    await _append(store, without_relay, event)

    relayed = Relayed()
    await relaying.relay_batch(relayed)
    assert relayed.event_ids == [str(event.event_id)]
