"""When each concern's notifications were stored: a change stream over the three databases.

Every service writes a state change in one transaction, and a transaction's writes reach a
change stream together, stamped with the commit's ``wallTime``. So the stream gives, for
each concern, the server's own commit time of intake's concern, of the welfare group's
case and of notifications' inbox items ("the last notification stored": all inbox items
of one event are inserted in one transaction), without the watcher's own delay in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pymongo import AsyncMongoClient

__all__ = ["Commits", "Observer"]

_WATCHED = [
    {"db": "intake", "coll": "concerns"},
    {"db": "welfare_group", "coll": "cases"},
    {"db": "notifications", "coll": "inbox"},
]
_PIPELINE: list[dict[str, Any]] = [
    {"$match": {"operationType": "insert", "ns": {"$in": _WATCHED}}},
    {
        "$project": {
            "ns": 1,
            "wallTime": 1,
            "documentKey": 1,
            "fullDocument.case_id": 1,
            "fullDocument.concern_ids": 1,
        }
    },
]


def _epoch(moment: datetime) -> float:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


@dataclass
class Commits:
    """Commit times (epoch s) by concern id, and the concern each case was opened for."""

    concern: dict[str, float] = field(default_factory=dict)
    case: dict[str, float] = field(default_factory=dict)  # by concern id
    case_of: dict[str, str] = field(default_factory=dict)  # concern id -> case id
    stored: dict[str, float] = field(default_factory=dict)  # by case id: last inbox commit

    def stored_for(self, concern_id: str) -> float | None:
        case_id = self.case_of.get(concern_id)
        return self.stored.get(case_id) if case_id else None


class Observer:
    """Watches from ``start()`` on; ``commits`` fills as the services commit."""

    def __init__(self, mongo_uri: str) -> None:
        self._client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_uri)
        self.commits = Commits()
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._watch(), name="bench-observer")
        await asyncio.wait_for(self._ready.wait(), 30)

    async def _watch(self) -> None:
        async with await self._client.watch(_PIPELINE) as stream:
            self._ready.set()
            async for change in stream:
                self._record(change)

    def _record(self, change: dict[str, Any]) -> None:
        collection, key = change["ns"]["coll"], str(change["documentKey"]["_id"])
        at = _epoch(change["wallTime"])
        commits = self.commits
        if collection == "concerns":
            commits.concern[key] = at
        elif collection == "cases":
            for concern_id in change.get("fullDocument", {}).get("concern_ids", []):
                commits.case[concern_id] = at
                commits.case_of[concern_id] = key
        elif case_id := change.get("fullDocument", {}).get("case_id"):
            commits.stored[case_id] = max(at, commits.stored.get(case_id, 0.0))

    async def drained(
        self, concern_ids: Iterable[str], *, idle_s: float = 10.0, limit_s: float = 300.0
    ) -> int:
        """Wait until every concern has its notifications stored, or nothing progressed for
        ``idle_s`` (or ``limit_s`` passed); returns how many are still missing."""
        wanted = set(concern_ids)
        started = last_progress = time.monotonic()
        missing = len(wanted)
        while missing:
            self._check()
            done = sum(1 for c in wanted if self.commits.stored_for(c) is not None)
            now = time.monotonic()
            if len(wanted) - done < missing:
                missing, last_progress = len(wanted) - done, now
            if now - last_progress > idle_s or now - started > limit_s:
                break
            await asyncio.sleep(0.2)
        return missing

    def _check(self) -> None:
        if self._task is not None and self._task.done() and self._task.exception():
            raise RuntimeError("the change stream stopped") from self._task.exception()

    async def pause(self) -> None:
        """Stop watching (around a bulk load, which would flood the stream); ``start()``
        watches again from then on."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        self._ready.clear()

    async def stop(self) -> None:
        await self.pause()
        await self._client.close()
