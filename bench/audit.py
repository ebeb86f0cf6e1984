"""The fault suite's reckoning: after the faults, does every effect exist exactly once?

Each count compares what must be true with what the stores, the mail catcher and the
dead-letter topic hold. Nothing here trusts the services' own answers over HTTP.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from typing import Any

from aiokafka import AIOKafkaConsumer

from bench.load import Sent
from bench.stack import BenchStack
from shared.storage import Store
from shared.topics import DEAD_LETTERS, Topic

__all__ = ["Count", "Malformed", "count_everything", "dead_letters", "message_ids"]


@dataclass(frozen=True)
class Count:
    what: str
    expected: int
    found: int

    @property
    def ok(self) -> bool:
        return self.expected == self.found


@dataclass(frozen=True)
class Malformed:
    topic: Topic
    value: bytes
    # Who dead-letters it: every consumer of its topic, unless only some refuse it (a
    # concern for a school nobody knows is the welfare group's refusal; the statistics
    # count it all the same).
    refused_by: tuple[str, ...] | None = None

    @property
    def refusers(self) -> tuple[str, ...]:
        return self.topic.consumed_by if self.refused_by is None else self.refused_by


async def count_everything(
    stack: BenchStack, sent: Sequence[Sent], malformed: Sequence[Malformed]
) -> list[Count]:
    accepted = {s.concern_id: s.student_ref for s in sent if s.concern_id}
    intake, welfare_group, notifications = (
        Store(stack.mongo_uri, stack.database(s))
        for s in ("intake", "welfare_group", "notifications")
    )
    stores = {"intake": intake, "welfare group": welfare_group, "notifications": notifications}
    try:
        stored = await _ids(intake, "concerns", {"_id": {"$in": list(accepted)}})
        cases = await _all(
            welfare_group, "cases", {"student_ref": {"$in": list(accepted.values())}}
        )
        cases_per_student = Counter(c["student_ref"] for c in cases)
        opened = await _case_opened_events(welfare_group, {c["_id"] for c in cases})
        deliveries = await _all(notifications, "deliveries", {"case_id": {"$in": list(opened)}})
        told = {d["event_id"] for d in deliveries if d["channel"] == "inbox"}
        per_recipient = Counter((d["event_id"], d["person_id"], d["channel"]) for d in deliveries)
        inbox = await _ids(notifications, "inbox", {"case_id": {"$in": list(opened)}})
        emailed = {
            d["_id"] for d in deliveries if d["channel"] == "email" and d["status"] == "sent"
        }
        mails = message_ids(stack)
        letters = await dead_letters(stack.kafka_bootstrap)
        expected_letters = [(m.value, c) for m in malformed for c in m.refusers]
        return [
            Count("concerns accepted, stored by intake", len(accepted), len(stored)),
            Count(
                "accepted concerns with exactly one case",
                len(accepted),
                sum(1 for ref in accepted.values() if cases_per_student[ref] == 1),
            ),
            Count(
                "cases whose case.opened reached their recipients' inboxes",
                len(opened),
                sum(1 for event_id in opened.values() if event_id in told),
            ),
            Count(
                "notifications planned more than once (event, person, channel)",
                0,
                sum(1 for n in per_recipient.values() if n > 1),
            ),
            Count(
                "inbox items, one per inbox delivery",
                sum(1 for d in deliveries if d["channel"] == "inbox"),
                len(inbox),
            ),
            Count("emails sent, each in the mailbox", len(emailed), len(emailed & set(mails))),
            Count(
                "emails in the mailbox more than once", 0, sum(1 for n in mails.values() if n > 1)
            ),
            Count(
                "malformed messages dead-lettered by each consumer of their topic",
                len(expected_letters),
                sum(1 for pair in expected_letters if pair in letters),
            ),
            Count(
                "events dead-lettered because a handler failed",
                0,
                sum(1 for reason in letters.values() if reason == "handler_failed"),
            ),
            *[
                Count(f"{name} outbox events not yet published", 0, await _pending(store))
                for name, store in stores.items()
            ],
        ]
    finally:
        for store in (intake, welfare_group, notifications):
            store.close()


async def dead_letters(bootstrap: str, quiet_s: float = 2.0) -> dict[tuple[bytes, str], str]:
    """Every dead letter on the broker: (original bytes, consumer) -> reason."""
    reader = AIOKafkaConsumer(
        DEAD_LETTERS.name, bootstrap_servers=bootstrap, auto_offset_reset="earliest"
    )
    await reader.start()
    letters: dict[tuple[bytes, str], str] = {}
    try:
        while batches := await reader.getmany(timeout_ms=int(quiet_s * 1000)):
            for records in batches.values():
                for record in records:
                    headers = {k: v.decode() for k, v in record.headers}
                    consumer = headers.get("dead-letter-consumer", "")
                    letters[(record.value or b"", consumer)] = headers.get("dead-letter-reason", "")
    finally:
        await reader.stop()
    return letters


async def _case_opened_events(store: Store, case_ids: set[str]) -> dict[str, str]:
    """case id -> the id of its case.opened event, from the welfare group's outbox."""
    opened: dict[str, str] = {}
    async for entry in store.collection("outbox").find({"type": "case.opened"}):
        event = json.loads(bytes(entry["value"]))
        if event["data"]["case_id"] in case_ids:
            opened[event["data"]["case_id"]] = event["event_id"]
    return opened


def message_ids(stack: BenchStack) -> Counter[str]:
    """How often each notification id arrived as an email's Message-ID."""
    parser = BytesHeaderParser()
    found: Counter[str] = Counter()
    for path in (stack.workdir / "mail").glob("*.eml"):
        message_id = parser.parsebytes(path.read_bytes()).get("Message-ID", "")
        found[message_id.strip("<>").split("@")[0]] += 1
    return found


async def _all(store: Store, collection: str, query: dict[str, Any]) -> list[dict[str, Any]]:
    return await store.collection(collection).find(query).to_list(None)


async def _ids(store: Store, collection: str, query: dict[str, Any]) -> set[str]:
    documents = store.collection(collection).find(query, projection={"_id": True})
    return {d["_id"] async for d in documents}


async def _pending(store: Store) -> int:
    return int(await store.collection("outbox").count_documents({"published_at": None}))
