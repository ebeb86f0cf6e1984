"""Concerns in intake's own database: the only place the free-text description is kept,
sealed with the concern's own data key, so that erasing the key erases the narrative."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from services.intake.adapters.documents import from_document, progress, summary, to_document
from services.intake.domain import Concern, ConcernStatus, ConcernSummary
from shared.contracts import StaffRole
from shared.sealing import DataKeys
from shared.storage import Collection, Index, Session, Store

__all__ = ["CONCERNS", "ConcernRepository"]

CONCERNS = "concerns"


class ConcernRepository:
    """Concerns, bound to one transaction's session (or to none, for startup and reads)."""

    def __init__(self, store: Store, keys: DataKeys, session: Session | None = None) -> None:
        self._store = store
        self._keys = keys
        self._session = session
        self._collection: Collection = store.collection(CONCERNS)

    @property
    def _transaction(self) -> Session:
        # A concern's key is created and shredded with the concern, in one transaction.
        if self._session is None:
            raise RuntimeError("concerns are added and erased only in a transaction")
        return self._session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            CONCERNS,
            [
                # A raiser's own list, newest first; the id orders one millisecond's concerns.
                Index([("raised_by.staff_id", 1), ("raised_at", -1), ("_id", -1)]),
                Index([("student_ref", 1)]),
                Index([("case_id", 1)]),
            ],
        )

    async def add(self, concern: Concern) -> None:
        sealer = await self._keys.create(str(concern.concern_id), self._transaction)
        await self._collection.insert_one(to_document(concern, sealer), session=self._session)

    async def save(self, concern: Concern, *, guardian_may_be_told: bool | None = None) -> None:
        """Save where the concern is, and what the case says of the guardian, if it says."""
        changes = progress(concern)
        if guardian_may_be_told is not None:
            changes["guardian_may_be_told"] = guardian_may_be_told
        await self._collection.update_one(
            {"_id": str(concern.concern_id)}, {"$set": changes}, session=self._session
        )

    async def hand_over(
        self,
        concern_id: UUID,
        *,
        case_id: UUID,
        handled_by: StaffRole | None,
        at: datetime,
        guardian_may_be_told: bool | None = None,
    ) -> bool:
        """``Concern.hand_over`` and ``save`` in one conditional update, without reading or
        unsealing the concern: the status, and nothing sealed, is all that changes."""
        told = (
            {} if guardian_may_be_told is None else {"guardian_may_be_told": guardian_may_be_told}
        )
        handed = ConcernStatus.WITH_WELFARE_GROUP
        result = await self._collection.update_one(
            {"_id": str(concern_id), "status": {"$ne": handed}},
            {
                "$set": {
                    "status": handed,
                    "case_id": str(case_id),
                    "handled_by_role": handled_by,
                    "handed_over_at": at,
                }
                | told,
                "$push": {"history": {"status": handed, "at": at}},
            },
            session=self._session,
        )
        if result.matched_count:
            return True
        # Handed over before (the domain changes nothing then) or not known here at all.
        if told:
            found = await self._collection.update_one(
                {"_id": str(concern_id)}, {"$set": told}, session=self._session
            )
            return bool(found.matched_count)
        known = await self._collection.find_one(
            {"_id": str(concern_id)}, projection={"_id": True}, session=self._session
        )
        return known is not None

    async def get(self, concern_id: UUID) -> Concern | None:
        document = await self._collection.find_one({"_id": str(concern_id)}, session=self._session)
        if document is None:
            return None
        return from_document(document, await self._keys.sealer(document["_id"], self._session))

    async def raised_by(self, staff_id: str, *, limit: int) -> list[ConcernSummary]:
        found = self._collection.find(
            {"raised_by.staff_id": staff_id},
            projection={"sealed": False},  # the narrative is never read for a list
            sort=[("raised_at", -1), ("_id", -1)],
            limit=limit,
            session=self._session,
        )
        return [summary(document) async for document in found]

    async def guardian_kept_out(self, student_ref: str) -> bool:
        """Whether the guardian is kept from any of the student's concerns (§18): by what
        the welfare group last said of its case, or, before it said anything, by the
        raiser's own request that the guardian not be told yet."""
        # By the student alone, and the rule here: SecantusDB's planner does not serve a
        # query with an ``$or`` from the ``student_ref`` index, and scans every concern.
        found = self._collection.find(
            {"student_ref": student_ref},
            projection={"guardian_may_be_told": True, "guardian_must_not_be_told_yet": True},
            session=self._session,
        )
        async for concern in found:
            told = concern.get("guardian_may_be_told")
            if told is False or (told is None and concern.get("guardian_must_not_be_told_yet")):
                return True
        return False

    async def guardian_may_be_told(self, case_id: UUID, told: bool) -> None:
        """What the welfare group says now of the case's guardian: a §18 bar, or a raiser's
        hold kept or lifted, reaches the concerns taken into the case."""
        await self._collection.update_many(
            {"case_id": str(case_id)},
            {"$set": {"guardian_may_be_told": told}},
            session=self._session,
        )

    async def erase(self, concern_ids: list[UUID]) -> None:
        """Forget the concerns: their keys first, which alone makes the narrative unreadable
        wherever it was copied, then the documents."""
        for concern_id in concern_ids:
            await self._keys.shred(str(concern_id), self._transaction)
        await self._collection.delete_many(
            {"_id": {"$in": [str(c) for c in concern_ids]}}, session=self._session
        )
