"""The access log: every use of case data, who, in what role, what, when and on what basis.

Append-only by construction: this adapter can insert and search, nothing else, and in
production the services' database user should lack update and delete on the collection.
Entries carry identifiers only. They expire after the retention the law sets (12 years).

Each register keeps its own log: an entry that shows or changes a register's data names
that register (the welfare register, the county's health or social care records), and a
register's controller reads its log by it (``search(register=...)``); one use that shows
two registers is logged once for each.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from shared.contracts import utc_now
from shared.expiry import Expiry
from shared.storage import ASCENDING, DESCENDING, Index, Session, Store

__all__ = ["ACCESS_LOG", "AccessEntry", "AccessLog"]

ACCESS_LOG = "access_log"
_WINDOWS = (timedelta(days=1), timedelta(days=31), timedelta(days=366))


@dataclass(frozen=True)
class AccessEntry:
    at: datetime
    service: str
    actor: str
    role: str
    action: str  # read or write
    what: str  # the endpoint, e.g. "GET /cases/{case_id}/record"
    basis: str  # responsible, group_member, student, guardian, raiser, administrator, …
    granted: bool
    record_id: str | None = None  # the case or concern used
    student_ref: str | None = None
    # What became of it (shared.security.gate.Outcome); entries older than it lack it.
    outcome: str | None = None
    detail: str | None = None  # for a refusal by a rule, the rule (e.g. "§14")
    register: str | None = None  # whose register's data was used; None: the case's state


class AccessLog:
    def __init__(self, store: Store, *, service: str, retention: timedelta) -> None:
        self._store = store
        self._service = service
        self.expiry = Expiry(ACCESS_LOG, "at", retention)
        self._log = store.collection(ACCESS_LOG)

    @property
    def service(self) -> str:
        return self._service

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            ACCESS_LOG,
            [
                Index([("student_ref", ASCENDING), ("at", DESCENDING)]),
                Index([("actor", ASCENDING), ("at", DESCENDING)]),
                Index([("record_id", ASCENDING), ("at", DESCENDING)]),
                Index([("register", ASCENDING), ("at", DESCENDING)]),
                self.expiry.index,
            ],
        )

    async def append(self, entry: AccessEntry, session: Session | None = None) -> None:
        await self._log.insert_one({"_id": str(uuid4()), **asdict(entry)}, session=session)

    async def search(
        self,
        *,
        actor: str | None = None,
        student_ref: str | None = None,
        record_id: str | None = None,
        register: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 100,
    ) -> list[AccessEntry]:
        query: dict[str, Any] = {
            k: v
            for k, v in (
                ("actor", actor),
                ("student_ref", student_ref),
                ("record_id", record_id),
                ("register", register),
            )
            if v is not None
        }
        # The newest ``limit`` entries, looked for in widening windows back from ``until``:
        # SecantusDB reads every match of an index before it sorts and limits, so a family
        # with years of log would wait for all of it (MongoDB walks the index in order).
        # A window that holds ``limit`` entries holds the newest ones; the last is the
        # whole range asked for.
        end = until or utc_now()
        for back in _WINDOWS:
            if since is None or end - back > since:
                entries = await self._newest(query, end - back, until, limit)
                if len(entries) == limit:
                    return entries
        return await self._newest(query, since, until, limit)

    async def _newest(
        self, query: dict[str, Any], since: datetime | None, until: datetime | None, limit: int
    ) -> list[AccessEntry]:
        window = {op: t for op, t in (("$gte", since), ("$lt", until)) if t is not None}
        found = self._log.find(query | ({"at": window} if window else {}), {"_id": False})
        documents = await found.sort("at", DESCENDING).limit(limit).to_list(limit)
        return [AccessEntry(**document) for document in documents]
