"""Where the time goes: each concern's path cut into hops by the timestamps it left behind.

    due ─► intake committed ─► published ─► welfare group consumed ─► case committed
        ─► published ─► notifications consumed ─► notifications stored

"Committed" and "stored" are the commit times from the change stream (``observe``);
"published" is the outbox entry's ``published_at`` (set by the relay once the broker acked);
"consumed" is the consumer's ``processed_events`` marker, written first in the handler's
transaction. All clocks are this machine's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pymongo import AsyncMongoClient

from bench.observe import Commits
from bench.stats import Percentiles, percentiles

__all__ = ["HOPS", "SERVICE_HOPS", "Timeline", "hop_table", "timelines"]

# Each hop: (name, from, to). The service groups follow.
HOPS = (
    ("intake: request to commit", "due", "intake_committed"),
    ("intake: relay to Kafka", "intake_committed", "concern_published"),
    ("welfare group: Kafka to handler", "concern_published", "welfare_consumed"),
    ("welfare group: handler transaction", "welfare_consumed", "case_committed"),
    ("welfare group: relay to Kafka", "case_committed", "case_published"),
    ("notifications: Kafka to handler", "case_published", "notifications_consumed"),
    ("notifications: handler transaction", "notifications_consumed", "stored"),
)
SERVICE_HOPS = (
    ("intake", "due", "concern_published"),
    ("welfare group", "concern_published", "case_published"),
    ("notifications", "case_published", "stored"),
)


@dataclass
class Timeline:
    """One concern's moments (epoch s); None where a moment was not found."""

    concern_id: str
    due: float
    points: dict[str, float]

    def span_ms(self, start: str, end: str) -> float | None:
        first = self.due if start == "due" else self.points.get(start)
        last = self.points.get(end)
        return (last - first) * 1000 if first is not None and last is not None else None


def _epoch(moment: datetime | None) -> float | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


async def _published(
    client: AsyncMongoClient[dict[str, Any]], database: str, event_type: str, since: datetime
) -> dict[str, tuple[str, float | None]]:
    """concern id -> (event id, published at) of one service's outbox entries."""
    cursor = client[database]["outbox"].find(
        {"type": event_type, "created_at": {"$gte": since}},
        projection={"value": True, "event_id": True, "published_at": True},
    )
    found = {}
    async for document in cursor:
        data = json.loads(bytes(document["value"]))["data"]
        found[data["concern_id"]] = (document["event_id"], _epoch(document["published_at"]))
    return found


async def _consumed(
    client: AsyncMongoClient[dict[str, Any]], service: str, event_ids: Iterable[str]
) -> dict[str, float]:
    """event id -> when the service's handler began to process it."""
    ids = [f"{service}:{event_id}" for event_id in event_ids]
    cursor = client[service]["processed_events"].find({"_id": {"$in": ids}})
    return {d["_id"].partition(":")[2]: _epoch(d["at"]) or 0.0 async for d in cursor}


async def timelines(
    mongo_uri: str, due: dict[str, float], commits: Commits, since: datetime
) -> list[Timeline]:
    """The timeline of every concern in ``due`` (concern id -> due time)."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_uri)
    try:
        raised = await _published(client, "intake", "concern.raised", since)
        opened = await _published(client, "welfare_group", "case.opened", since)
        welfare = await _consumed(client, "welfare_group", (e for e, _ in raised.values()))
        notified = await _consumed(client, "notifications", (e for e, _ in opened.values()))
    finally:
        await client.close()
    result = []
    for concern_id, due_at in due.items():
        concern_event, concern_published = raised.get(concern_id, ("", None))
        case_event, case_published = opened.get(concern_id, ("", None))
        moments = {
            "intake_committed": commits.concern.get(concern_id),
            "concern_published": concern_published,
            "welfare_consumed": welfare.get(concern_event),
            "case_committed": commits.case.get(concern_id),
            "case_published": case_published,
            "notifications_consumed": notified.get(case_event),
            "stored": commits.stored_for(concern_id),
        }
        points = {k: v for k, v in moments.items() if v is not None}
        result.append(Timeline(concern_id, due_at, points))
    return result


def hop_table(lines: list[Timeline]) -> dict[str, Percentiles]:
    """Percentiles (ms) of every hop and of every service's share of the path."""
    table = {}
    for name, start, end in (*SERVICE_HOPS, *HOPS):
        spans = [s for line in lines if (s := line.span_ms(start, end)) is not None]
        table[name] = percentiles(spans)
    return table
