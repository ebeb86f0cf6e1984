"""Expiry by range deletes, against the real database: what is old goes, a batch at a time,
by the index; what is recent or has no date stays; a TTL index left by an older version
is rebuilt without its TTL."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from services.intake.bootstrap import build as build_intake
from services.intake.settings import IntakeSettings
from shared.access_log import ACCESS_LOG, AccessLog
from shared.consumer import PROCESSED_EVENTS
from shared.expiry import Expiries, Expiry
from shared.outbox import OUTBOX, Outbox
from shared.storage import Index, Store
from tests.support.directory import seed_directory
from tests.support.infra import Namespace
from tests.support.waiting import eventually

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


def _entries(days_old: list[float | None]) -> list[dict[str, object]]:
    return [
        {"_id": f"entry-{n}", "published_at": None if age is None else NOW - timedelta(days=age)}
        for n, age in enumerate(days_old)
    ]


async def test_old_documents_go_a_batch_at_a_time_and_recent_or_undated_ones_stay(
    store: Store,
) -> None:
    outbox = Outbox(store, retention=WEEK)
    await outbox.ensure_indexes()
    # Seven published over a week ago, two published this week, two never published.
    ages: list[float | None] = [8, 9, 10, 30, 365, 7.01, 8.5, 1, 6.9, None, None]
    await store.collection(OUTBOX).insert_many(_entries(ages))
    expiries = Expiries(store, batch=3, clock=lambda: NOW)
    expiries.add(outbox.expiry)

    assert await expiries.sweep()  # 3 of 7: full batch, more may wait
    assert await store.collection(OUTBOX).count_documents({}) == 8
    assert await expiries.sweep()  # 6 of 7
    assert not await expiries.sweep()  # the last one: the batch was not full
    assert not await expiries.sweep()  # nothing left to expire

    kept = await store.collection(OUTBOX).find({}, {"_id": 1}).to_list(None)
    assert sorted(d["_id"] for d in kept) == ["entry-10", "entry-7", "entry-8", "entry-9"]


async def test_the_sweep_reads_the_range_by_the_index_not_the_collection(store: Store) -> None:
    log = AccessLog(store, service="probe", retention=WEEK)
    await log.ensure_indexes()
    recent = [{"_id": f"r{n}", "at": NOW - timedelta(minutes=n)} for n in range(300)]
    old = [{"_id": f"o{n}", "at": NOW - timedelta(days=30, hours=n)} for n in range(5)]
    await store.collection(ACCESS_LOG).insert_many(recent + old)

    cursor = store.collection(ACCESS_LOG).find({"at": {"$lt": NOW - WEEK}}, {"_id": 1})
    explained = json.dumps(await cursor.sort("at", 1).limit(500).explain(), default=str)
    examined = [int(n) for n in re.findall(r'"totalDocsExamined": (\d+)', explained)]
    assert "IXSCAN" in explained
    assert max(examined) <= 5  # the expired ones, not the 305 stored

    expiries = Expiries(store, clock=lambda: NOW)
    expiries.add(log.expiry)
    assert not await expiries.sweep()
    assert await store.collection(ACCESS_LOG).count_documents({}) == 300


async def test_a_ttl_index_of_an_older_version_is_rebuilt_without_its_ttl(store: Store) -> None:
    await store.ensure_indexes(ACCESS_LOG, [Index([("at", 1)], expire_after_seconds=60)])
    await AccessLog(store, service="probe", retention=WEEK).ensure_indexes()
    info = await store.collection(ACCESS_LOG).index_information()
    assert "at_1" in info
    assert "expireAfterSeconds" not in info["at_1"]


def test_one_collection_declared_twice_keeps_the_shorter_retention() -> None:
    expiries = Expiries(Store("mongodb://127.0.0.1:1", "unused"), clock=lambda: NOW)
    expiries.add(Expiry("processed_events", "at", timedelta(days=90)))
    expiries.add(Expiry("processed_events", "at", timedelta(days=30)))
    expiries.add(Expiry("processed_events", "at", timedelta(days=60)))
    assert [e.keep for e in expiries.expiries] == [timedelta(days=30)]


async def test_a_running_service_expires_what_outlived_its_retention(ns: Namespace) -> None:
    await seed_directory(ns, "intake")
    _app, runtime = build_intake(ns.settings(IntakeSettings, "intake"))
    now = datetime.now(UTC)
    long_ago = now - timedelta(days=400)
    outbox = runtime.store.collection(OUTBOX)
    markers = runtime.store.collection(PROCESSED_EVENTS)
    await outbox.insert_many(
        [{"_id": "old", "published_at": long_ago}, {"_id": "new", "published_at": now}]
    )
    await markers.insert_many([{"_id": "old", "at": long_ago}, {"_id": "new", "at": now}])

    async def expired() -> bool:
        return await outbox.count_documents({}) == 1 and await markers.count_documents({}) == 1

    async with runtime.lifespan():
        await eventually(expired)  # the sweep runs at start, then every EXPIRY_INTERVAL_S
        assert await outbox.find_one({"_id": "new"}) is not None
        assert await markers.find_one({"_id": "new"}) is not None
