"""The school's student register, as far as the welfare group needs it: majority.

Seeded from the directory file (``services.welfare_group.seed``); in production an adapter
to the education provider's own student register would answer the same question. The date
of birth is sealed at rest with the student's own data key and never leaves this module:
what it tells the rules is whether the student is of age on a given day.
"""

from __future__ import annotations

from datetime import date

from services.welfare_group.domain.age import of_age
from shared.sealing import DataKeys, Sealer, Unreadable
from shared.storage import Session, Store

__all__ = ["STUDENT_REGISTER", "StudentRegisterRepository"]

STUDENT_REGISTER = "student_register"


def _owner(student_ref: str) -> str:
    return f"student:{student_ref}"  # ":" is in no case id: a student's key is its own


class StudentRegisterRepository:
    def __init__(self, store: Store, keys: DataKeys, session: Session | None = None) -> None:
        self._students = store.collection(STUDENT_REGISTER)
        self._keys = keys
        self._session = session

    async def of_age(self, student_ref: str, on: date) -> bool | None:
        """Whether the student is of age on ``on``; None for a student the register lacks."""
        document = await self._students.find_one({"_id": student_ref}, session=self._session)
        if document is None:
            return None
        sealer = await self._keys.sealer(_owner(student_ref), self._session)
        born = date.fromisoformat(sealer.open(document["sealed"])["date_of_birth"])
        return of_age(born, on)

    async def put(self, student_ref: str, *, date_of_birth: date) -> None:
        """The register's seeding: not part of any unit of work."""
        sealer = await self._sealer(student_ref)
        sealed = sealer.seal({"date_of_birth": date_of_birth.isoformat()})
        await self._students.replace_one({"_id": student_ref}, {"sealed": sealed}, upsert=True)

    async def _sealer(self, student_ref: str) -> Sealer:
        try:
            return await self._keys.sealer(_owner(student_ref), self._session)
        except Unreadable:
            return await self._keys.create(_owner(student_ref), self._session)
