"""Server-side sessions in the web app's own database: the cookie holds only an opaque id.

A document is keyed by the SHA-256 of that id, so someone who reads the database (or a
backup) finds no cookie that would sign them in. Each request moves the idle deadline;
a TTL index removes what has lapsed, and ``load`` refuses a lapsed one before the sweeper
gets to it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from shared.contracts import utc_now
from shared.storage import Index, Store

__all__ = ["SESSION_INDEXES", "Lifetime", "MongoSessionStore", "SessionStore"]

SESSION_INDEXES = (Index([("expires_at", 1)], expire_after_seconds=0),)


@dataclass(frozen=True)
class Lifetime:
    idle: timedelta
    max_age: timedelta

    def expires_at(self, data: dict[str, Any], *, created_at: datetime, now: datetime) -> datetime:
        """The sooner of idle, the session's maximum age and its access token's expiry."""
        ends = min(now + self.idle, created_at + self.max_age)
        token_expires = data.get("token_expires_at")
        if isinstance(token_expires, int | float):
            ends = min(ends, datetime.fromtimestamp(token_expires, tz=now.tzinfo))
        return ends


class SessionStore(Protocol):
    async def load(self, sid: str) -> tuple[dict[str, Any], datetime] | None:
        """The session's data and when it began, or ``None`` if unknown or lapsed."""

    async def save(self, sid: str, data: dict[str, Any], *, created_at: datetime) -> None: ...

    async def delete(self, sid: str) -> None: ...


def _key(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


class MongoSessionStore:
    def __init__(self, store: Store, lifetime: Lifetime) -> None:
        self._sessions = store.collection("sessions")
        self._store = store
        self._lifetime = lifetime

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes("sessions", SESSION_INDEXES)

    async def load(self, sid: str) -> tuple[dict[str, Any], datetime] | None:
        document = await self._sessions.find_one({"_id": _key(sid)})
        if document is None or document["expires_at"] <= utc_now():
            return None
        data: dict[str, Any] = document["data"]
        created_at: datetime = document["created_at"]
        return data, created_at

    async def save(self, sid: str, data: dict[str, Any], *, created_at: datetime) -> None:
        now = utc_now()
        expires_at = self._lifetime.expires_at(data, created_at=created_at, now=now)
        document = {"data": data, "created_at": created_at, "seen_at": now}
        await self._sessions.replace_one(
            {"_id": _key(sid)}, {**document, "expires_at": expires_at}, upsert=True
        )

    async def delete(self, sid: str) -> None:
        await self._sessions.delete_one({"_id": _key(sid)})
