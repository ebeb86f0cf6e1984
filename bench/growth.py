"""Growth: the same load with many cases already stored, and the raw operations behind it.

Pre-loading copies what the services themselves wrote for one real concern (every document
of its chain in every service: concern, case, record, timers, keys, inbox, deliveries,
outbox entries, processed-event markers, access log), so the copies have exactly the
shapes, indexes and sizes of real data. Each copy gets fresh ids (every UUID, ObjectId and
the student reference, replaced byte for byte in the BSON) and most copies are closed, as
most stored cases are. Sealed fields keep the template's ciphertext: nothing in the flow
reads an old case's sealed content.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import bson
from bson import ObjectId
from bson.raw_bson import RawBSONDocument
from pymongo import AsyncMongoClient

from bench.observe import Commits
from bench.stats import Percentiles, percentiles

__all__ = ["OPEN_SHARE", "database_stalls", "explain_queries", "preload", "raw_operations"]

OPEN_SHARE = 0.1  # of the stored cases, the share still open
# The copies' inbox items go to this many stand-ins of each of the template's recipients,
# about 100 items each at 100,000 cases: a kuraattori or a guardian of a country-wide
# deployment sees their own few hundred, not every case's (see docs/performance.md).
INBOX_PEOPLE = 1000
SCHOOL = "kallio-school"
_UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# What each service keeps of one concern's chain: collection -> (field, whose id it holds).
_CHAIN = {
    "intake": {
        "concerns": ("_id", "concern"),
        "data_keys": ("_id", "concern"),
        "access_log": ("record_id", "concern"),
    },
    "welfare_group": {
        "cases": ("_id", "case"),
        "data_keys": ("_id", "case"),
        "record_entries": ("case_id", "case"),
        "timers": ("case_id", "case"),
    },
    "notifications": {
        "case_states": ("_id", "case"),
        "inbox": ("case_id", "case"),
        "deliveries": ("case_id", "case"),
    },
}
Client = AsyncMongoClient[dict[str, Any]]


async def _template(client: Client, commits: Commits) -> dict[tuple[str, str], list[bytes]]:
    """Every document one finished concern left in every service, as BSON."""
    concern_id, case_id = next(iter(commits.case_of.items()))
    ids = {"concern": concern_id, "case": case_id}
    correlation = None
    async for entry in client.intake.outbox.find({"type": "concern.raised"}):
        if json.loads(bytes(entry["value"]))["data"]["concern_id"] == concern_id:
            correlation = entry["event_id"]
    template: dict[tuple[str, str], list[dict[str, Any]]] = {}
    event_ids = []
    for database, collections in _CHAIN.items():
        outbox = client[database].outbox.find({"headers.correlation-id": correlation})
        template[(database, "outbox")] = entries = await outbox.to_list(None)
        event_ids += [e["event_id"] for e in entries]
        for collection, (field, whose) in collections.items():
            found = client[database][collection].find({field: ids[whose]})
            template[(database, collection)] = await found.to_list(None)
    for database in _CHAIN:
        markers = [f"{database}:{e}" for e in event_ids]
        found = client[database].processed_events.find({"_id": {"$in": markers}})
        template[(database, "processed_events")] = await found.to_list(None)
    # Copies must never be sent or published again: settle what the template had pending.
    for entry in template[("notifications", "deliveries")]:
        entry |= {"status": "sent", "next_attempt_at": None}
        entry["sent_at"] = entry.get("sent_at") or entry["created_at"]
    for database in _CHAIN:
        for entry in template[(database, "outbox")]:
            entry["published_at"] = entry.get("published_at") or entry["created_at"]
    return {key: [bson.encode(d) for d in docs] for key, docs in template.items() if docs}


def _closed(raw: bytes) -> bytes:
    """The case document as it reads once closed: no open_for_student, a closing date."""
    case = bson.decode(raw)
    case.pop("open_for_student", None)
    closed_at = datetime.now(UTC) - timedelta(days=400)
    return bson.encode(case | {"status": "closed", "closed_at": closed_at})


def _stand_in(person_id: str, n: int) -> bytes:
    """One of ``INBOX_PEOPLE`` stand-ins of a person, as long as their id (the BSON keeps
    its lengths): "nurse-aino" becomes "nurse-a042"."""
    number = str(n % INBOX_PEOPLE).rjust(len(str(INBOX_PEOPLE - 1)), "0")
    return (person_id[: len(person_id) - len(number)] + number).encode()


async def preload(mongo_uri: str, commits: Commits, count: int, *, chunk: int = 500) -> float:
    """Store ``count`` copies of a finished concern's documents; returns the seconds taken.

    The counters beside the cases (caseloads, cases by status) do not count the copies:
    what they cost does not grow with the cases, which is why they are there."""
    if count <= 0:
        return 0.0
    started = time.monotonic()
    client: Client = AsyncMongoClient(mongo_uri)
    try:
        template = await _template(client, commits)
        raw_ids = {m for docs in template.values() for d in docs for m in _UUID.findall(d)}
        object_ids = {
            d["_id"].binary
            for docs in template.values()
            for raw in docs
            if isinstance((d := bson.decode(raw))["_id"], ObjectId)
        }
        student = bson.decode(template[("welfare_group", "cases")][0])["student_ref"].encode()
        closed_case = [_closed(raw) for raw in template[("welfare_group", "cases")]]
        inbox = ("notifications", "inbox")
        recipients = {bson.decode(raw)["person_id"] for raw in template.get(inbox, [])}
        for first in range(0, count, chunk):
            batch: dict[tuple[str, str], list[RawBSONDocument]] = {k: [] for k in template}
            for n in range(first, min(first + chunk, count)):
                swaps = [(old, str(uuid.uuid4()).encode()) for old in raw_ids]
                swaps += [(old, ObjectId().binary) for old in object_ids]
                swaps.append((student, f"p{n}".rjust(len(student), "0").encode()))
                is_open = n % round(1 / OPEN_SHARE) == 0
                stand_ins = [(p.encode(), _stand_in(p, n)) for p in recipients]
                for key, docs in template.items():
                    if key == ("welfare_group", "cases") and not is_open:
                        docs = closed_case
                    for raw in docs:
                        for old, new in swaps + (stand_ins if key == inbox else []):
                            raw = raw.replace(old, new)
                        batch[key].append(RawBSONDocument(raw))
            for (database, collection), documents in batch.items():
                await client[database][collection].insert_many(documents, ordered=False)
    finally:
        await client.close()
    return time.monotonic() - started


async def raw_operations(
    mongo_uri: str, *, samples: int = 50, budget_s: float = 10.0
) -> dict[str, Percentiles]:
    """The reads and writes the flow makes against the grown collections, timed bare
    (``samples`` times each, or fewer where that takes over ``budget_s``)."""
    client: Client = AsyncMongoClient(mongo_uri, w="majority")
    cases = client.welfare_group.cases
    now = datetime.now(UTC)

    async def open_case(i: int) -> None:
        await cases.find_one({"open_for_student": f"nobody-{i}"})

    async def open_case_hinted(i: int) -> None:
        await cases.find_one({"open_for_student": f"nobody-{i}"}, hint=_OPEN_INDEX)

    async def caseload(_: int) -> None:
        await client.welfare_group.caseloads.find(_CASELOAD).to_list(None)

    async def marker(_: int) -> None:
        marker = {"_id": f"bench:{uuid.uuid4()}", "type": "bench", "at": now}
        await client.welfare_group.processed_events.insert_one(marker)

    async def due_deliveries(_: int) -> None:
        due = {"status": "pending", "next_attempt_at": {"$lte": now}}
        found = client.notifications.deliveries.find(due, projection={"_id": True})
        await found.sort("next_attempt_at", 1).to_list(20)

    async def inbox_item(_: int) -> None:
        item = {"_id": f"bench:{uuid.uuid4()}", "person_id": "bench", "created_at": now}
        item["case_id"] = "bench"  # not a case the observer knows
        await client.notifications.inbox.insert_one(item)

    operations = {
        "welfare group: open case of a student": open_case,
        "welfare group: open case, index hinted": open_case_hinted,
        "welfare group: caseload counters of the school": caseload,
        "welfare group: processed-event insert": marker,
        "notifications: due deliveries lookup": due_deliveries,
        "notifications: inbox insert": inbox_item,
    }
    try:
        timed = {}
        for name, operation in operations.items():
            spans: list[float] = []
            for i in range(samples):
                started = time.perf_counter()
                await operation(i)
                spans.append((time.perf_counter() - started) * 1000)
                if sum(spans) > budget_s * 1000 and len(spans) >= 3:
                    break
            timed[name] = percentiles(spans[len(spans) // 10 :])
        await client.welfare_group.processed_events.delete_many({"type": "bench"})
        await client.notifications.inbox.delete_many({"person_id": "bench"})
        return timed
    finally:
        await client.close()


async def database_stalls(mongo_uri: str, *, seconds: float = 75.0) -> dict[str, Any]:
    """A single insert every 100 ms for longer than a minute, so that one pass of the
    database's own background work (a TTL sweep runs every 60 s) falls inside: a stall
    that no query of the flow explains shows up here as the maximum."""
    client: Client = AsyncMongoClient(mongo_uri, w="majority")
    probe = client.bench_probe.inserts
    spans: list[float] = []
    stalls: list[dict[str, Any]] = []
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.perf_counter()
            await probe.insert_one({"at": datetime.now(UTC)})
            spans.append(span := (time.perf_counter() - started) * 1000)
            if span > 500:
                stalls.append({"at": datetime.now(UTC).isoformat(timespec="seconds"), "ms": span})
            await asyncio.sleep(0.1)
        await client.drop_database("bench_probe")
    finally:
        await client.close()
    summary = percentiles(spans).as_dict() | {"max": max(spans, default=0.0)}
    return summary | {"stalls_over_500_ms": stalls}


# The index the welfare group declares for the open-case lookup (its default name), and the
# query that gives a school's caseloads (services/welfare_group/adapters/caseloads.py).
_OPEN_INDEX = "open_for_student_1"
_CASELOAD = {"school_id": SCHOOL, "open": {"$gt": 0}}


async def explain_queries(mongo_uri: str) -> dict[str, Any]:
    """The database's own account of the welfare group's queries for each new case."""
    client: Client = AsyncMongoClient(mongo_uri)
    database = client.welfare_group
    try:
        lookup = await database.command(
            "explain",
            {"find": "cases", "filter": {"open_for_student": "nobody"}},
            verbosity="executionStats",
        )
        caseload = await database.command(
            "explain", {"find": "caseloads", "filter": _CASELOAD}, verbosity="executionStats"
        )
        hinted = await database.command(
            "explain",
            {"find": "cases", "filter": {"open_for_student": "nobody"}, "hint": _OPEN_INDEX},
            verbosity="executionStats",
        )
        return {
            "open case lookup": _summary(lookup),
            "open case lookup, hinted": _summary(hinted),
            "caseload": _summary(caseload),
        }
    finally:
        await client.close()


def _summary(explained: dict[str, Any]) -> dict[str, Any]:
    """Plan stages and documents examined, wherever the server put them."""
    text = json.dumps(explained, default=str)
    stages = sorted(set(re.findall(r'"stage": "([A-Z_]+)"', text)))
    examined = [int(n) for n in re.findall(r'"totalDocsExamined": (\d+)', text)]
    keys = [int(n) for n in re.findall(r'"totalKeysExamined": (\d+)', text)]
    return {"stages": stages, "docs_examined": max(examined, default=None),
            "keys_examined": max(keys, default=None)}  # fmt: skip
