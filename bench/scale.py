"""Scale-out: throughput at saturation, and proof that no effect happened twice.

With two replicas of every service in one consumer group, each concern must still open
exactly one case, tell each person once in the inbox, record each delivery once, send
each email once and publish each notification outcome once. Everything is counted from
what the services stored and what the mail catcher received.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

from pymongo import AsyncMongoClient

__all__ = ["duplicates", "emails_settled"]

Client = AsyncMongoClient[dict[str, Any]]


def _twice(counts: Counter[Any]) -> int:
    """How many keys occur more than once."""
    return sum(1 for n in counts.values() if n > 1)


async def emails_settled(mongo_uri: str, *, limit_s: float = 120.0) -> int:
    """Wait until no email delivery is pending (or ``limit_s``); returns those still pending."""
    client: Client = AsyncMongoClient(mongo_uri)
    deadline = time.monotonic() + limit_s
    try:
        while True:
            pending = await client.notifications.deliveries.count_documents({"status": "pending"})
            if not pending or time.monotonic() > deadline:
                return int(pending)
            await asyncio.sleep(0.5)
    finally:
        await client.close()


async def duplicates(mongo_uri: str, concern_ids: list[str], mail_dir: Path) -> dict[str, int]:
    """Each count is how many things happened more than once (all must be 0), plus totals."""
    client: Client = AsyncMongoClient(mongo_uri)
    try:
        wanted = set(concern_ids)
        cases: Counter[str] = Counter()
        async for case in client.welfare_group.cases.find({}, {"concern_ids": True}):
            cases.update(c for c in case["concern_ids"] if c in wanted)
        inbox: Counter[tuple[str, str]] = Counter()
        async for item in client.notifications.inbox.find({}, {"case_id": 1, "person_id": 1}):
            inbox[(item["case_id"], item["person_id"])] += 1
        deliveries: Counter[tuple[str, str, str]] = Counter()
        fields = {"case_id": 1, "person_id": 1, "channel": 1}
        async for d in client.notifications.deliveries.find({}, fields):
            deliveries[(d["case_id"], d["person_id"], d["channel"])] += 1
        outcomes: Counter[str] = Counter()
        async for entry in client.notifications.outbox.find({}, {"value": 1}):
            data = json.loads(bytes(entry["value"])).get("data", {})
            if "notification_id" in data:
                outcomes[data["notification_id"]] += 1
    finally:
        await client.close()
    emails = Counter(_message_ids(mail_dir))
    return {
        "concerns without a case": len(wanted - set(cases)),
        "concerns with more than one case": _twice(cases),
        "inbox items twice for one person and case": _twice(inbox),
        "deliveries twice for one person, case and channel": _twice(deliveries),
        "notification outcomes recorded twice": _twice(outcomes),
        "emails received twice": _twice(emails),
        "emails received": sum(emails.values()),
        "inbox items": sum(inbox.values()),
    }


def _message_ids(mail_dir: Path) -> list[str]:
    """The Message-ID of every saved email: the notification id, so a resend shows."""
    parser = BytesHeaderParser()
    found = []
    for path in mail_dir.glob("*.eml"):
        with path.open("rb") as handle:
            found.append(str(parser.parse(handle).get("Message-ID", path.name)))
    return found
