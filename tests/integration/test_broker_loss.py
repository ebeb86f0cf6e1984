"""A broker that loses its storage (Tansu's memory storage, restarted) loses nothing for good:
the producer's broker watch republishes exactly what was not known to be delivered.

The test runs its own broker, so that restarting it disturbs no other test.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from deploy.infra import ServerProcess, free_port, start_kafka, wait_for_kafka
from shared.contracts import CaseOpenedV1, EventEnvelope
from shared.redelivery import DELIVERED_OFFSETS
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings
from shared.topics import CASES
from shared.unit_of_work import UnitOfWork
from tests.factories import case_opened
from tests.support.communal import Communal, running_communal
from tests.support.infra import TOOLS_VENV, Infra, Namespace
from tests.support.kafka import TopicReader
from tests.support.waiting import eventually


@pytest.fixture
async def own_broker(ns: Namespace, tmp_path: Path) -> AsyncIterator[Namespace]:
    kafka = start_kafka(TOOLS_VENV, free_port(), tmp_path)
    own = Infra(kafka, ns.infra.mongo, f"127.0.0.1:{kafka.port}", ns.infra.mongo_uri)
    try:
        await wait_for_kafka(own.bootstrap, process=kafka)
        yield replace(ns, infra=own)
    finally:
        kafka.stop()


def settings(ns: Namespace, service: str) -> ServiceSettings:
    return ns.settings(ServiceSettings, service, broker_watch_interval_s=0.3)


@asynccontextmanager
async def producer(ns: Namespace) -> AsyncIterator[ServiceRuntime]:
    """Stands in for the welfare group: it publishes case events through its outbox, which
    the registry says intake, notifications and communal welfare read."""
    runtime = ServiceRuntime(settings(ns, "welfare_group"), service="welfare_group")
    runtime.publishes(CASES)
    async with runtime.lifespan():
        yield runtime


@asynccontextmanager
async def consumer(ns: Namespace, service: str) -> AsyncIterator[ServiceRuntime]:
    """Stands in for a service the registry lists as a consumer of the case topic."""
    runtime = ServiceRuntime(settings(ns, service), service=service)

    async def record(event: CaseOpenedV1, unit: UnitOfWork) -> None:
        await runtime.store.collection("effects").insert_one(
            {"_id": str(event.event_id)}, session=unit.transaction
        )

    runtime.consume(CASES, {CaseOpenedV1: record}, runtime.transact)
    async with runtime.lifespan():
        yield runtime


async def emit(runtime: ServiceRuntime, events: list[CaseOpenedV1]) -> None:
    async def work(unit: UnitOfWork) -> None:
        unit.emit(*events)

    await runtime.transact(work)
    await eventually(lambda: _none_pending(runtime))


async def _none_pending(runtime: ServiceRuntime) -> bool:
    return await runtime.outbox.pending() == 0


async def restart(kafka: ServerProcess, bootstrap: str) -> None:
    kafka.kill()
    kafka.start()
    await wait_for_kafka(bootstrap, process=kafka)


async def test_after_a_broker_loses_everything_the_undelivered_events_are_published_again(
    own_broker: Namespace,
) -> None:
    ns = own_broker
    delivered = [case_opened(f"student-{i}") for i in range(6)]
    undelivered = [case_opened(f"student-{i % 2}") for i in range(6, 12)]
    async with producer(ns) as welfare_group:
        async with (
            consumer(ns, "intake") as intake,
            consumer(ns, "notifications") as notifications,
            consumer(ns, "communal") as communal,
        ):
            await emit(welfare_group, delivered)
            for group in (intake, notifications, communal):
                await eventually(partial(_effects, group, len(delivered)))
            # The watch learns from the group's committed offsets what is delivered.
            await eventually(lambda: _marked_delivered(welfare_group, len(delivered)))
        await emit(welfare_group, undelivered)  # published, but nobody consumes them yet

        await restart(ns.infra.kafka, ns.infra.bootstrap)
        await eventually(lambda: _topic_exists(ns, CASES.name))

        # The topics come back, and the six undelivered events with them, in their order.
        async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
            await reader.read_until(len(undelivered), timeout=30)
            republished = await reader.settle(1.0)
        assert sorted(r.value for r in republished) == sorted(e.to_bytes() for e in undelivered)
        assert _in_order_per_student(republished, undelivered)

        async with consumer(ns, "notifications") as notifications:
            await eventually(lambda: _effects(notifications, len(delivered) + len(undelivered)))
            assert {d["_id"] async for d in notifications.store.collection("effects").find()} == {
                str(e.event_id) for e in delivered + undelivered
            }


async def _topic_exists(ns: Namespace, name: str) -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=ns.infra.bootstrap)
    await admin.start()
    try:
        return ns.topic(name) in await admin.list_topics()
    finally:
        await admin.close()


async def _effects(runtime: ServiceRuntime, count: int) -> bool:
    return bool(await runtime.store.collection("effects").count_documents({}) == count)


async def _marked_delivered(runtime: ServiceRuntime, count: int) -> bool:
    marks = runtime.store.collection(DELIVERED_OFFSETS)
    offsets = marks.find({"offset": {"$exists": True}})
    return sum([int(d["offset"]) async for d in offsets]) == count


def _in_order_per_student(records: list[Any], events: Sequence[EventEnvelope]) -> bool:
    position = {e.to_bytes(): i for i, e in enumerate(events)}
    by_key: dict[bytes, list[int]] = {}
    for record in records:
        by_key.setdefault(record.key, []).append(position[record.value])
    return all(indices == sorted(indices) for indices in by_key.values())


async def test_after_a_broker_loss_the_statistics_count_every_event_once(
    own_broker: Namespace,
) -> None:
    """Communal welfare's counters are its own store's: what the broker watch publishes
    again after the loss is counted only if it was not counted before."""
    ns = own_broker
    before = [case_opened(f"student-{i}") for i in range(5)]
    after = [case_opened(f"student-{i}") for i in range(5, 8)]
    async with (
        producer(ns) as welfare_group,
        running_communal(ns, broker_watch_interval_s=0.3) as communal,
    ):
        await emit(welfare_group, before)
        await eventually(lambda: _opened(communal, 5), timeout=30)

        await restart(ns.infra.kafka, ns.infra.bootstrap)
        await eventually(lambda: _topic_exists(ns, CASES.name))
        await emit(welfare_group, after)
        # Nobody else read the first five, so they are published again with the three new.
        async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
            await reader.read_until(len(before) + len(after), timeout=30)
        await eventually(lambda: _opened(communal, 8), timeout=60)
        await asyncio.sleep(2.0)  # anything still to come would count a ninth
        assert await _opened(communal, 8)


async def _opened(communal: Communal, count: int) -> bool:
    return (await communal.counts()).get(("kallio-school", "cases", "opened")) == count
