"""The provider's schools as the statistics need them: pupils and the welfare professionals'
allocated working time (§9a), per school. Counts only: who the professionals are stays in
the welfare group's roster."""

from __future__ import annotations

from services.communal.domain.publication_staffing import Staffing
from shared.storage import Session, Store

__all__ = ["SCHOOLS", "Schools"]

SCHOOLS = "schools"


class Schools:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._schools = store.collection(SCHOOLS)
        self._session = session

    async def put(self, school_id: str, staffing: Staffing) -> None:
        await self._schools.replace_one(
            {"_id": school_id},
            {
                "students": staffing.students,
                "psychologist_fte": staffing.psychologist_fte,
                "kuraattori_fte": staffing.kuraattori_fte,
            },
            upsert=True,
            session=self._session,
        )

    async def all(self) -> dict[str, Staffing]:
        return {
            d["_id"]: Staffing(
                students=int(d["students"]),
                psychologist_fte=float(d["psychologist_fte"]),
                kuraattori_fte=float(d["kuraattori_fte"]),
            )
            async for d in self._schools.find({}, session=self._session)
        }
