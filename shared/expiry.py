"""Deleting what has outlived its retention, by the project's own range deletes.

The collections that grow with the number of cases (outbox, processed-event markers, the
access log, the disclosure ledger) are not expired by TTL indexes. MongoDB's TTL monitor
would delete by the index's range; SecantusDB's sweeper instead decodes every document of
every TTL-indexed collection once a minute under its global lock, so its pauses grow with
what is stored (1 to 3 s at 20,000 cases; docs/performance.md). A delete by a range of an
indexed date field costs what has expired and nothing more, on either database.

The sweep runs as a pump (``shared/pump.py``): a batch at a time, so one sweep after a long
pause never holds the database for long, and again at once while batches come back full.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from shared.logging import get_logger
from shared.storage import ASCENDING, Index, Store

__all__ = ["Expiries", "Expiry"]

log = get_logger(__name__)


@dataclass(frozen=True)
class Expiry:
    """Documents of ``collection`` whose ``field`` (a date) is older than ``keep`` go.

    A document without the field never expires (an unpublished outbox entry has no
    ``published_at``): a range query does not match a missing or null field.
    """

    collection: str
    field: str
    keep: timedelta

    @property
    def index(self) -> Index:
        """The index the range delete walks; the owner declares it with its others."""
        return Index([(self.field, ASCENDING)])


class Expiries:
    def __init__(
        self,
        store: Store,
        *,
        batch: int = 500,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._batch = batch
        self._clock = clock
        self._expiries: dict[tuple[str, str], Expiry] = {}

    @property
    def expiries(self) -> list[Expiry]:
        return list(self._expiries.values())

    def add(self, expiry: Expiry) -> None:
        """Keep ``expiry``'s collection to its retention; declared twice, the shorter wins
        (the same collection shared by several consumers)."""
        key = (expiry.collection, expiry.field)
        known = self._expiries.get(key)
        if known is None or expiry.keep < known.keep:
            self._expiries[key] = expiry

    async def sweep(self) -> bool:
        """One batch from each collection; True while some batch came back full."""
        now = self._clock()
        more = False
        for expiry in self._expiries.values():
            deleted = await self._sweep_one(expiry, now - expiry.keep)
            if deleted:
                log.info("expired", collection=expiry.collection, documents=deleted)
            more = more or deleted == self._batch
        return more

    async def _sweep_one(self, expiry: Expiry, cutoff: datetime) -> int:
        documents = self._store.collection(expiry.collection)
        expired = {expiry.field: {"$lt": cutoff}}
        cursor = (
            documents.find(expired, projection={"_id": True})
            .sort(expiry.field, ASCENDING)
            .limit(self._batch)
        )
        ids = [document["_id"] async for document in cursor]
        if not ids:
            return 0
        result = await documents.delete_many({"_id": {"$in": ids}, **expired})
        return int(result.deleted_count)
