"""The access log's search, against the real database: it looks back in widening windows
(SecantusDB reads every match before it limits), and what it returns is still exactly the
newest entries, whatever the spread of the log over the years and whatever the bounds."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import asdict
from datetime import datetime, timedelta

import pytest

from shared.access_log import ACCESS_LOG, AccessEntry, AccessLog
from shared.contracts import utc_now
from shared.storage import Store
from tests.support.infra import Namespace

YEAR = timedelta(days=365)


@pytest.fixture
async def log(ns: Namespace) -> AsyncIterator[AccessLog]:
    store = Store(ns.infra.mongo_uri, ns.database("access_log"))
    log = AccessLog(store, service="welfare_group", retention=12 * YEAR)
    await log.ensure_indexes()
    try:
        yield log
    finally:
        await store.drop()
        store.close()


def _entry(at: datetime, n: int, student_ref: str) -> AccessEntry:
    return AccessEntry(
        at=at, service="welfare_group", actor=f"nurse-{n % 3}", role="nurse", action="read",
        what="GET /cases/{case_id}", basis="responsible", granted=True, student_ref=student_ref,
    )  # fmt: skip


async def test_the_newest_entries_come_back_however_the_log_is_spread_over_time(
    log: AccessLog, ns: Namespace
) -> None:
    now, rng = utc_now(), random.Random(18)
    # A busy recent hour, a sparse month, a few a year back, one five years back; and
    # another student's entries in between, which never show.
    ages = [timedelta(minutes=rng.uniform(0, 60)) for _ in range(30)]
    ages += [timedelta(days=rng.uniform(2, 30)) for _ in range(25)]
    ages += [timedelta(days=rng.uniform(40, 400)) for _ in range(20)]
    ages += [5 * YEAR]
    entries = [_entry(now - age, n, "student-0001") for n, age in enumerate(ages)]
    others = [_entry(now - timedelta(hours=n), n, "student-0002") for n in range(40)]
    store = Store(ns.infra.mongo_uri, ns.database("access_log"))
    try:
        documents = [{"_id": f"e-{n}", **asdict(e)} for n, e in enumerate(entries + others)]
        await store.collection(ACCESS_LOG).insert_many(documents)
    finally:
        store.close()

    def newest(
        limit: int, since: datetime | None = None, until: datetime | None = None
    ) -> list[AccessEntry]:
        kept = [e for e in entries if (since is None or e.at >= since)
                and (until is None or e.at < until)]  # fmt: skip
        return sorted(kept, key=lambda e: e.at, reverse=True)[:limit]

    def stamps(found: list[AccessEntry]) -> list[datetime]:
        return [e.at.replace(microsecond=e.at.microsecond // 1000 * 1000) for e in found]

    cases = [
        (10, None, None),  # the first day is enough
        (50, None, None),  # a month back
        (70, None, None),  # a year back
        (1000, None, None),  # all of it, the five-year-old one too
        (20, None, now - timedelta(days=3)),  # paging back: before a moment
        (40, now - timedelta(days=200), None),  # since a moment: nothing older
        (5, now - timedelta(days=20), now - timedelta(days=10)),
    ]
    for limit, since, until in cases:
        found = await log.search(student_ref="student-0001", since=since, until=until, limit=limit)
        assert stamps(found) == stamps(newest(limit, since, until)), (limit, since, until)
        assert {e.student_ref for e in found} <= {"student-0001"}
    assert len(await log.search(student_ref="student-0001", limit=1000)) == len(entries)
    assert await log.search(student_ref="student-0003") == []
