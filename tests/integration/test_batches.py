"""Events fetched together are handled in one transaction, against the real broker and
database: each still has exactly one effect, its own outcome and its own trace."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from shared.consumer import EventConsumer, Unprocessable
from shared.contracts import ConcernRaisedV1, EventEnvelope
from shared.received import ReceivedMessage
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings
from shared.topics import CONCERNS, DEAD_LETTERS
from shared.unit_of_work import UnitOfWork
from tests.factories import case_opened, concern_raised
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, header, produce_event
from tests.support.waiting import eventually

# Two traces, as a producer's span would have written them into each message's headers.
TRACES = ("0af7651916cd43dd8448eb211c80319c", "4bf92f3577b34da6a3ce929d0e0e4736")


@asynccontextmanager
async def service(
    ns: Namespace, handler: Callable[[Any, UnitOfWork], Any], **settings: Any
) -> AsyncIterator[tuple[ServiceRuntime, EventConsumer[UnitOfWork]]]:
    runtime = ServiceRuntime(ns.settings(ServiceSettings, "probe", **settings), service="probe")
    consumer = runtime.consume(CONCERNS, {ConcernRaisedV1: handler}, runtime.transact)
    async with runtime.lifespan():
        yield runtime, consumer


def effects(runtime: ServiceRuntime) -> Any:
    return runtime.store.collection("effects")


def message(ns: Namespace, event: EventEnvelope | bytes, trace: str = TRACES[0]) -> ReceivedMessage:
    return ReceivedMessage(
        value=event if isinstance(event, bytes) else event.to_bytes(),
        headers={"traceparent": f"00-{trace}-b7ad6b7169203331-01"},
        topic=ns.topic(CONCERNS.name),
    )


async def effect_counts(runtime: ServiceRuntime) -> dict[str, int]:
    counts: dict[str, int] = {}
    async for document in effects(runtime).find({}):
        counts[document["event"]] = counts.get(document["event"], 0) + 1
    return counts


async def test_a_backlog_is_handled_in_few_transactions_each_event_once_and_committed(
    ns: Namespace,
) -> None:
    units: dict[str, int] = {}

    async def record(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        units[str(event.event_id)] = id(unit)
        await effects(runtime).insert_one({"event": str(event.event_id)}, session=unit.transaction)

    waiting = [concern_raised(f"student-{i}") for i in range(12)]
    for event in waiting:  # before the service starts: a backlog
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), event)
    async with service(ns, record) as (runtime, _):
        await eventually(lambda: _counted(runtime, len(waiting)), timeout=30)
    assert len(set(units.values())) < len(waiting)  # several events shared a transaction

    # Their offsets were committed with them: a new start handles only what is new.
    units.clear()
    later = concern_raised("student-later")
    await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), later)
    async with service(ns, record) as (runtime, _):
        await eventually(lambda: _counted(runtime, len(waiting) + 1), timeout=30)
        counts = await effect_counts(runtime)
    assert list(units) == [str(later.event_id)]
    assert set(counts.values()) == {1}


async def _counted(runtime: ServiceRuntime, count: int) -> bool:
    return bool(await effects(runtime).count_documents({}) == count)


async def test_a_batch_with_a_repeat_and_a_malformed_message_gives_each_its_own_outcome(
    ns: Namespace,
) -> None:
    units: dict[str, UnitOfWork] = {}  # kept alive, so that no two units can share an id

    async def record(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        units[str(event.event_id)] = unit
        await effects(runtime).insert_one({"event": str(event.event_id)}, session=unit.transaction)

    seen, first, second = concern_raised(), concern_raised(), concern_raised()
    async with service(ns, record) as (runtime, consumer):
        assert await consumer.handle(message(ns, seen)) == "processed"
        batch: list[EventEnvelope | bytes] = [seen, first, b"{not json", second, first]
        outcomes = await consumer.handle_many([message(ns, item) for item in batch])
        counts = await effect_counts(runtime)

    assert outcomes == [
        "already_processed", "processed", "dead_lettered", "processed", "already_processed",
    ]  # fmt: skip
    assert counts == {str(seen.event_id): 1, str(first.event_id): 1, str(second.event_id): 1}
    # The repeats were left out of the batch rather than forcing it one by one.
    assert units[str(first.event_id)] is units[str(second.event_id)]
    async with TopicReader(ns.infra.bootstrap, ns.topic(DEAD_LETTERS.name)) as reader:
        (dead,) = await reader.read_until(1)
    assert header(dead, "dead-letter-reason") == "malformed_json"
    assert dead.value == b"{not json"


async def test_an_event_refused_in_a_batch_rolls_the_batch_back_and_only_it_is_dead_lettered(
    ns: Namespace,
) -> None:
    before, refused, after = concern_raised(), concern_raised(), concern_raised()

    async def record(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        await effects(runtime).insert_one({"event": str(event.event_id)}, session=unit.transaction)
        if event.event_id == refused.event_id:
            raise Unprocessable("unknown_school", "no school of that id")

    async with service(ns, record) as (runtime, consumer):
        outcomes = await consumer.handle_many([message(ns, e) for e in (before, refused, after)])
        counts = await effect_counts(runtime)

    assert outcomes == ["processed", "dead_lettered", "processed"]
    # The batch wrote ``before`` and ``refused`` before it was rolled back: nothing of it stayed.
    assert counts == {str(before.event_id): 1, str(after.event_id): 1}


async def test_each_event_of_a_batch_causes_its_events_in_its_own_trace(ns: Namespace) -> None:
    async def open_case(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        unit.emit(case_opened(event.data.student_ref, concern_id=event.data.concern_id))

    concerns = [concern_raised("student-a"), concern_raised("student-b")]
    async with service(ns, open_case, outbox_relay_enabled=False) as (runtime, consumer):
        outcomes = await consumer.handle_many(
            [message(ns, c, trace) for c, trace in zip(concerns, TRACES, strict=True)]
        )
        entries = await runtime.store.collection("outbox").find({}).sort("_id").to_list(None)

    assert outcomes == ["processed", "processed"]
    traces = [entry["headers"]["traceparent"].split("-")[1] for entry in entries]
    assert traces == list(TRACES)


async def test_a_batch_that_meets_a_write_conflict_is_tried_once_then_event_by_event(
    ns: Namespace,
) -> None:
    first, second, third = concern_raised(), concern_raised(), concern_raised()
    units: dict[str, UnitOfWork] = {}
    handled: list[str] = []

    async def count(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        units[str(event.event_id)] = unit
        handled.append(str(event.event_id))
        if event.event_id != second.event_id:
            return
        counter = runtime.store.collection("counter")
        if units.get(str(first.event_id)) is unit:
            # Another replica moves the counter while this batch is open: a write conflict.
            await counter.update_one({"_id": "open"}, {"$inc": {"n": 100}}, upsert=True)
        await counter.update_one(
            {"_id": "open"}, {"$inc": {"n": 1}}, upsert=True, session=unit.transaction
        )

    async with service(ns, count) as (runtime, consumer):
        outcomes = await consumer.handle_many([message(ns, e) for e in (first, second, third)])
        stored = await runtime.store.collection("counter").find_one({"_id": "open"})

    assert outcomes == ["processed", "processed", "processed"]
    # Once in the batch, once on its own: the batch was not run again while it conflicted.
    assert handled.count(str(second.event_id)) == 2
    assert stored is not None
    assert stored["n"] == 101
