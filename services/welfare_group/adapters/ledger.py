"""The disclosure ledger in the welfare group's own database, beside the cases, not in them.

Rows are only ever inserted: the case purge erases cases, records and keys, never this
collection. A row expires with the access log's retention (a TTL index on ``at``). It
holds identifiers and categories only, so nothing in it is sealed with a case's key, and
shredding that key leaves it readable.
"""

from __future__ import annotations

from datetime import UTC, date
from typing import Any
from uuid import UUID

from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.ledger import LedgerRow
from services.welfare_group.domain.statutes import Statute
from shared.storage import ASCENDING, DESCENDING, Index, Session, Store

__all__ = ["DISCLOSURE_LEDGER", "DisclosureLedgerRepository"]

DISCLOSURE_LEDGER = "disclosure_ledger"


def _document(row: LedgerRow) -> dict[str, Any]:
    return {
        "_id": str(row.row_id),
        "student_ref": row.student_ref,
        "school_id": row.school_id,
        "case_id": str(row.case_id) if row.case_id else None,
        "to": row.to,
        "data": row.data.value,
        "statute": row.statute.value if row.statute else None,
        "consent_id": str(row.consent_id) if row.consent_id else None,
        "at": row.at.astimezone(UTC),
        "by": row.by,
        "by_profession": row.by_profession,
        "made_on": row.made_on.isoformat() if row.made_on else None,
    }


def _row(document: dict[str, Any]) -> LedgerRow:
    return LedgerRow(
        row_id=UUID(document["_id"]),
        student_ref=document["student_ref"],
        school_id=document["school_id"],
        case_id=UUID(document["case_id"]) if document["case_id"] else None,
        to=document["to"],
        data=RecordData(document["data"]),
        statute=Statute(document["statute"]) if document["statute"] else None,
        consent_id=UUID(document["consent_id"]) if document["consent_id"] else None,
        at=document["at"].replace(tzinfo=UTC),
        by=document["by"],
        by_profession=document["by_profession"],
        made_on=date.fromisoformat(document["made_on"]) if document.get("made_on") else None,
    )


class DisclosureLedgerRepository:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._store = store
        self._rows = store.collection(DISCLOSURE_LEDGER)
        self._session = session

    async def ensure_indexes(self) -> None:
        """The second index serves the retention's range delete (shared/retention.py)."""
        await self._store.ensure_indexes(
            DISCLOSURE_LEDGER,
            [
                Index([("student_ref", ASCENDING), ("at", DESCENDING)]),
                Index([("at", ASCENDING)]),
            ],
        )

    async def enter(self, row: LedgerRow) -> None:
        """Enter a row; one already entered (the same record entry) stays as it was."""
        await self._rows.update_one(
            {"_id": str(row.row_id)},
            {"$setOnInsert": _document(row)},
            upsert=True,
            session=self._session,
        )

    async def of_student(self, student_ref: str, *, limit: int = 200) -> list[LedgerRow]:
        return await self.search(student_ref=student_ref, limit=limit)

    async def search(self, *, student_ref: str | None = None, limit: int = 200) -> list[LedgerRow]:
        """Newest first; every student's, or one student's."""
        query = {"student_ref": student_ref} if student_ref else {}
        cursor = self._rows.find(query, session=self._session).sort("at", DESCENDING)
        return [_row(d) for d in await cursor.to_list(limit)]
