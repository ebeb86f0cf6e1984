"""The statistics read-model in MongoDB: one counter per school, month, measure and key.

A counter is a count and the coordinates that say what it counts; nothing in it, or in
its ``_id``, names a student, a case or a person. Increments run in the consumer's
transaction beside the event's processed marker, so a redelivered event counts once; they
are written when the transaction's work is done, so ``counts_until`` sees what is committed
only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from services.communal.domain.tallies import Tally
from shared.storage import Index, Session, Store, UpdateOne

__all__ = ["TALLIES", "Tallies", "TallyReads"]

TALLIES = "tallies"


def _id(tally: Tally) -> str:
    return f"{tally.school_id}|{tally.month}|{tally.measure}|{tally.key}"


class TallyReads:
    """The counters as committed: what the statistics are figured from."""

    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._store = store
        self._tallies = store.collection(TALLIES)
        self._session = session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(TALLIES, [Index([("month", 1), ("school_id", 1)])])

    async def counts_until(self, last_month: str) -> dict[Tally, int]:
        """Every counter up to and including ``last_month`` ("YYYY-MM"), with its count:
        a year's figures need the years before it too (the cases still open at its start)."""
        cursor = self._tallies.find({"month": {"$lte": last_month}}, session=self._session)
        return {
            Tally(d["school_id"], d["month"], d["measure"], d["key"]): int(d["count"])
            async for d in cursor
        }


class Tallies(TallyReads):
    """The counters in a transaction, which alone moves them (its unit of work flushes)."""

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__(store, session)
        self._pending: Counter[Tally] = Counter()

    async def add(self, tallies: Iterable[Tally]) -> None:
        """Kept and summed until ``flush``: a transaction that counts many events (a batch
        of them, ``shared.batch``) moves each counter once, in one command for them all."""
        self._pending.update(tallies)

    async def flush(self) -> None:
        """Write what ``add`` kept; the unit of work calls it before it commits."""
        increments = [
            UpdateOne(
                {"_id": _id(tally)},
                {
                    "$inc": {"count": by},
                    "$setOnInsert": {
                        "school_id": tally.school_id,
                        "month": tally.month,
                        "measure": tally.measure,
                        "key": tally.key,
                    },
                },
                upsert=True,
            )
            for tally, by in self._pending.items()
        ]
        self._pending.clear()
        if increments:
            await self._tallies.bulk_write(increments, ordered=True, session=self._session)
