"""The school's student register, as the welfare group holds it for §20.4's header.

Seeded from the directory (``services.welfare_group.seed``): each student's names, identity
code, home municipality, date of birth and guardians' names and contacts. All of it is
sealed at rest with the student's own data key (owner ``student:<student_ref>``); only the
pseudonymous reference is in the clear, as the key to find it by.
"""

from __future__ import annotations

from pydantic import TypeAdapter

from services.welfare_group.domain.students import StudentIdentity
from shared.sealing import DataKeys, Unreadable
from shared.storage import Session, Store

__all__ = ["STUDENTS", "StudentRepository"]

STUDENTS = "students"
_IDENTITY: TypeAdapter[StudentIdentity] = TypeAdapter(StudentIdentity)


def _owner(student_ref: str) -> str:
    return f"student:{student_ref}"


class StudentRepository:
    def __init__(self, store: Store, keys: DataKeys, session: Session | None = None) -> None:
        self._students = store.collection(STUDENTS)
        self._keys = keys
        self._session = session

    async def identity(self, student_ref: str) -> StudentIdentity | None:
        document = await self._students.find_one({"_id": student_ref}, session=self._session)
        if document is None:
            return None
        sealer = await self._keys.sealer(_owner(student_ref), self._session)
        return _IDENTITY.validate_python(sealer.open(document["sealed"]))

    async def put(self, student: StudentIdentity) -> None:
        """Seed or replace a student (the directory's loading; never a case's step)."""
        owner = _owner(student.student_ref)
        try:
            sealer = await self._keys.sealer(owner, self._session)
        except Unreadable:
            sealer = await self._keys.create(owner, self._session)
        sealed = sealer.seal(_IDENTITY.dump_python(student, mode="json"))
        await self._students.replace_one(
            {"_id": student.student_ref},
            {"_id": student.student_ref, "sealed": sealed},
            upsert=True,
            session=self._session,
        )
