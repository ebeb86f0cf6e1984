"""The fault suite's dead letters, handled: one that a fix can cure, and the replay of all.

During the faults a valid concern names a school the directory does not know yet, so the
welfare group dead-letters it (``unknown_school``). Afterwards the school is added (the
fix), and every consuming service is asked, over its administrator API, to replay all its
new dead letters, twice. Then it is counted: every replay settles; the malformed messages
come back as dead letters on their own entries (no new entry); the cured concern has
exactly one case, whose notifications are planned once each and mailed once each.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from typing import Any

import httpx

from bench.audit import Count, Malformed, message_ids
from bench.stack import SERVICES, BenchStack
from shared.contracts import ConcernRaisedV1, Role, StaffMember, utc_now
from shared.contracts.concerns import ConcernRaisedData
from shared.storage import Store
from shared.topics import CONCERNS

__all__ = ["CURED_SCHOOL", "replay_dead_letters", "unknown_school_concern"]

CURED_SCHOOL, MODEL_SCHOOL = "fault-suite-school", "kallio-school"
ADMIN = "admin-1"


def unknown_school_concern() -> tuple[str, Malformed]:
    """A concern for a school not in the directory yet: its student (its key), and it."""
    student_ref = f"student-fault-{uuid.uuid4().hex[:8]}"
    event = ConcernRaisedV1.first(
        producer="intake",
        partition_key=student_ref,
        data=ConcernRaisedData(
            concern_id=uuid.uuid4(),
            student_ref=student_ref,
            school_id=CURED_SCHOOL,
            raised_by=StaffMember(staff_id="teacher-tiina", role=Role.TEACHER),
            categories=["mental_health"],
            urgency="routine",
            student_informed=True,
            guardian_informed=False,
            guardian_must_not_be_told_yet=False,
            raised_at=utc_now(),
        ),
    )
    return student_ref, Malformed(CONCERNS, event.to_bytes(), refused_by=("welfare_group",))


async def replay_dead_letters(stack: BenchStack, limit_s: float = 120.0) -> list[Count]:
    """Fix, replay every new dead letter twice, wait for every attempt to settle, count."""
    await _add_school(stack)
    headers = {"Authorization": f"Bearer {stack.token(ADMIN)}"}
    async with httpx.AsyncClient(headers=headers, timeout=30) as http:
        before = {s: await _entries(http, stack, s) for s in SERVICES}
        # Its key is its student, as for every event.
        students = [e["key"] for e in before["welfare_group"] if e["reason"] == "unknown_school"]
        replayed = 0
        selections: dict[str, dict[str, Any]] = {s: {"filter": {"state": "new"}} for s in SERVICES}
        for _ in range(2):
            for service in SERVICES:
                answer = await http.post(
                    f"{stack.url(service)}/dead-letters/replay",
                    json=selections[service] | {"reason": "fault suite: after the fix"},
                )
                answer.raise_for_status()
                ids = [r["id"] for r in answer.json()["replayed"]]
                replayed += len(ids)
                selections[service] = {"ids": ids} if ids else selections[service]
            await _settled(http, stack, limit_s)
        after = {s: await _entries(http, stack, s) for s in SERVICES}
    every = [e for entries in after.values() for e in entries]
    attempts = [a for e in every for a in e["attempts"]]
    outcomes = [([a["outcome"] for a in e["attempts"]], e) for e in every]
    malformed = sum(1 for es in before.values() for e in es if e["reason"] != "unknown_school")
    again = sum(
        1
        for done, e in outcomes
        if e["reason"] != "unknown_school" and done == ["dead_lettered"] * 2
    )
    cured = sum(
        1
        for done, e in outcomes
        if e["reason"] == "unknown_school" and done == ["processed", "already_processed"]
    )
    cases, told, emailed = await _cured_effects(stack, students)
    mails = message_ids(stack)
    settled = sum(1 for a in attempts if a["outcome"] != "pending")
    return [
        Count("dead letters replayed (each new one, twice)", len(attempts), replayed),
        Count("replays settled", len(attempts), settled),
        Count("ledger entries after the replays (none new)", _total(before), _total(after)),
        Count("malformed replays dead-lettered again on their own entry", malformed, again),
        Count("the cured concern: processed once, then already processed", 1, cured),
        Count("the cured concern's cases", 1, cases),
        Count("its notifications planned more than once", 0, sum(n > 1 for n in told.values())),
        Count(
            "its emails sent, in the mailbox once each",
            len(emailed),
            sum(1 for d in emailed if mails[d] == 1),
        ),
    ]


def _total(entries: dict[str, list[dict[str, Any]]]) -> int:
    return sum(len(es) for es in entries.values())


async def _entries(http: httpx.AsyncClient, stack: BenchStack, service: str) -> list[Any]:
    answer = await http.get(f"{stack.url(service)}/dead-letters", params={"limit": 1000})
    answer.raise_for_status()
    entries: list[Any] = answer.json()["entries"]
    return entries


async def _settled(http: httpx.AsyncClient, stack: BenchStack, limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        pending = [
            a for s in SERVICES for e in await _entries(http, stack, s) for a in e["attempts"]
            if a["outcome"] == "pending"
        ]  # fmt: skip
        if not pending:
            return
        await asyncio.sleep(1)


async def _add_school(stack: BenchStack) -> None:
    """The fix: the directory learns the school (a copy of a known one's roster)."""
    store = Store(stack.mongo_uri, stack.database("welfare_group"))
    try:
        model = await store.collection("rosters").find_one({"_id": MODEL_SCHOOL})
        assert model is not None, f"{MODEL_SCHOOL} is not in the demo directory"
        await store.collection("rosters").replace_one(
            {"_id": CURED_SCHOOL}, {k: v for k, v in model.items() if k != "_id"}, upsert=True
        )
    finally:
        store.close()


async def _cured_effects(
    stack: BenchStack, student_refs: list[str]
) -> tuple[int, Counter[Any], set[str]]:
    """The cured concern's cases, its deliveries per (event, person, channel), its emails."""
    welfare_group = Store(stack.mongo_uri, stack.database("welfare_group"))
    notifications = Store(stack.mongo_uri, stack.database("notifications"))
    try:
        cases = (
            await welfare_group.collection("cases")
            .find({"student_ref": {"$in": student_refs}})
            .to_list(None)
        )
        ids = [c["_id"] for c in cases]
        deliveries = (
            await notifications.collection("deliveries")
            .find({"case_id": {"$in": ids}})
            .to_list(None)
        )
    finally:
        welfare_group.close()
        notifications.close()
    told = Counter((d["event_id"], d["person_id"], d["channel"]) for d in deliveries)
    emailed = {d["_id"] for d in deliveries if d["channel"] == "email" and d["status"] == "sent"}
    return len(cases), told, emailed
