"""The shared machinery every service relies on, against the real broker and database."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.contracts import ConcernRaisedV1
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings
from shared.topics import CASES, CONCERNS, DEAD_LETTERS
from shared.unit_of_work import UnitOfWork
from tests.factories import case_opened, concern_raised
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, header, produce, produce_event
from tests.support.waiting import eventually


@asynccontextmanager
async def consuming_service(
    ns: Namespace, handler: Callable[[Any, UnitOfWork], Any], **settings: Any
) -> AsyncIterator[ServiceRuntime]:
    """A minimal service that consumes concerns with ``handler``."""
    runtime = ServiceRuntime(ns.settings(ServiceSettings, "probe", **settings), service="probe")
    runtime.consume(CONCERNS, {ConcernRaisedV1: handler}, runtime.transact)
    async with runtime.lifespan():
        yield runtime


def effects(runtime: ServiceRuntime) -> Any:
    return runtime.store.collection("effects")


async def test_poison_messages_are_dead_lettered_with_reason_and_consumption_goes_on(
    ns: Namespace,
) -> None:
    async def record(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        await effects(runtime).insert_one(
            {"concern": str(event.data.concern_id)}, session=unit.transaction
        )

    valid = concern_raised()
    schema_invalid = json.loads(valid.to_bytes())
    schema_invalid["data"]["urgency"] = "whenever"
    poison = [
        b"{this is not json",
        json.dumps({**schema_invalid, "type": "concern.forgotten"}).encode(),
        json.dumps(schema_invalid).encode(),
    ]
    async with consuming_service(ns, record) as runtime:
        for value in poison:
            await produce(ns.infra.bootstrap, ns.topic(CONCERNS.name), value, key=b"student-0001",
                          headers={"trace": "kept"})  # fmt: skip
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), valid)
        await eventually(lambda: effects(runtime).count_documents({}))

    async with TopicReader(ns.infra.bootstrap, ns.topic(DEAD_LETTERS.name)) as reader:
        records = await reader.read_until(3)
    assert [r.value for r in records] == poison
    assert [header(r, "dead-letter-reason") for r in records] == [
        "malformed_json",
        "unknown_event_type",
        "schema_invalid",
    ]
    assert all(header(r, "trace") == "kept" for r in records)
    assert all(header(r, "dead-letter-consumer") == "probe" for r in records)
    assert "data.urgency" in (header(records[2], "dead-letter-detail") or "")
    assert "whenever" not in (header(records[2], "dead-letter-detail") or "")


async def test_a_redelivered_event_has_exactly_one_effect(ns: Namespace) -> None:
    async def record(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        await effects(runtime).insert_one(
            {"concern": str(event.data.concern_id)}, session=unit.transaction
        )
        unit.emit(case_opened(event.partition_key))

    duplicated, after = concern_raised(), concern_raised()
    async with consuming_service(ns, record) as runtime:
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), duplicated, times=3)
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), after)
        await eventually(
            lambda: effects(runtime).count_documents({"concern": str(after.data.concern_id)})
        )
        assert await effects(runtime).count_documents({}) == 2

    async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
        await reader.read_until(2)
        assert len(await reader.settle(0.5)) == 2


async def test_a_failing_handler_is_retried_then_dead_lettered_and_the_next_event_proceeds(
    ns: Namespace,
) -> None:
    attempts: dict[str, int] = {}
    doomed, flaky, fine = concern_raised(), concern_raised(), concern_raised()

    async def handler(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        key = str(event.event_id)
        attempts[key] = attempts.get(key, 0) + 1
        if event is doomed or event.event_id == doomed.event_id:
            raise RuntimeError("a bug in this handler")
        if event.event_id == flaky.event_id and attempts[key] == 1:
            raise RuntimeError("fails once")
        await effects(runtime).insert_one({"event": key}, session=unit.transaction)

    async with consuming_service(ns, handler, consumer_max_attempts=3,
                                 consumer_retry_backoff_s=0.01) as runtime:  # fmt: skip
        for event in (doomed, flaky, fine):
            await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), event)
        await eventually(lambda: effects(runtime).count_documents({"event": str(fine.event_id)}))
        assert await effects(runtime).count_documents({}) == 2

    assert attempts[str(doomed.event_id)] == 3
    assert attempts[str(flaky.event_id)] == 2
    async with TopicReader(ns.infra.bootstrap, ns.topic(DEAD_LETTERS.name)) as reader:
        (record,) = await reader.read_until(1)
    assert header(record, "dead-letter-reason") == "handler_failed"
    assert header(record, "dead-letter-detail") == "RuntimeError after 3 attempts"
    assert record.value == doomed.to_bytes()


async def test_offsets_are_committed_only_for_processed_events(ns: Namespace) -> None:
    async def record(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        await effects(runtime).insert_one({"event": str(event.event_id)}, session=unit.transaction)

    events = [concern_raised(f"student-{i}") for i in range(6)]
    async with consuming_service(ns, record) as runtime:
        for event in events:
            await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), event)
        await eventually(lambda: effects(runtime).count_documents({}))
        await eventually(lambda: _all_processed(runtime, len(events)))

    observer = AIOKafkaConsumer(bootstrap_servers=ns.infra.bootstrap, group_id=f"{ns.prefix}probe",
                                enable_auto_commit=False)  # fmt: skip
    await observer.start()
    try:
        committed = [
            await observer.committed(TopicPartition(ns.topic(CONCERNS.name), p))
            for p in range(CONCERNS.partitions)
        ]
    finally:
        await observer.stop()
    assert sum(c or 0 for c in committed) == len(events)


async def _all_processed(runtime: ServiceRuntime, count: int) -> bool:
    return bool(await effects(runtime).count_documents({}) == count)


async def test_the_outbox_holds_events_until_a_relay_publishes_them_in_order(ns: Namespace) -> None:
    runtime = ServiceRuntime(
        ns.settings(ServiceSettings, "probe", outbox_relay_enabled=False), service="probe"
    )
    events = [case_opened("student-0001") for _ in range(5)]

    async def commit_all(unit: UnitOfWork) -> None:
        unit.emit(*events)

    async def commit_then_fail(unit: UnitOfWork) -> None:
        unit.emit(case_opened("student-0002"))
        raise RuntimeError("the state change failed")

    async with runtime.lifespan():
        await runtime.transact(commit_all)
        with suppress(RuntimeError):
            await runtime.transact(commit_then_fail)
        assert await runtime.outbox.pending() == 5  # nothing from the failed transaction
        await runtime.outbox.relay_batch(runtime.publish)
        assert await runtime.outbox.pending() == 0

    async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
        await reader.read_until(5)
        records = await reader.settle(0.5)
    assert [r.value for r in records] == [e.to_bytes() for e in events]
    assert {r.key for r in records} == {b"student-0001"}
