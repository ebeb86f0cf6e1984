"""The school's student register, as the welfare group holds it: majority and §20.4's header.

Seeded from the directory (``services.welfare_group.seed``); in production an adapter to
the education provider's own student register answers the same two questions. Each
student's names, identity code, home municipality, date of birth and guardians are sealed
at rest with the student's own data key (owner ``student:<student_ref>``); only the
pseudonymous reference is in the clear, as the key to find it by, and the school the
student is enrolled at, to list a school's students by (``at_school``: the text screen of
communal welfare). The rules learn of the date of birth only whether the student is of age
on a given day.
"""

from __future__ import annotations

from datetime import date

from pydantic import TypeAdapter

from services.welfare_group.domain.age import of_age
from services.welfare_group.domain.students import StudentIdentity
from shared.sealing import DataKeys, Sealer, Unreadable
from shared.storage import Session, Store

__all__ = ["STUDENT_REGISTER", "StudentRegisterRepository"]

STUDENT_REGISTER = "student_register"
_IDENTITY: TypeAdapter[StudentIdentity] = TypeAdapter(StudentIdentity)


def _owner(student_ref: str) -> str:
    return f"student:{student_ref}"  # ":" is in no case id: a student's key is its own


class StudentRegisterRepository:
    def __init__(self, store: Store, keys: DataKeys, session: Session | None = None) -> None:
        self._students = store.collection(STUDENT_REGISTER)
        self._keys = keys
        self._session = session

    async def identity(self, student_ref: str) -> StudentIdentity | None:
        """The student as the register knows them; None for a student it does not know."""
        document = await self._students.find_one({"_id": student_ref}, session=self._session)
        if document is None:
            return None
        sealer = await self._keys.sealer(_owner(student_ref), self._session)
        return _IDENTITY.validate_python(sealer.open(document["sealed"]))

    async def of_age(self, student_ref: str, on: date) -> bool | None:
        """Whether the student is of age on ``on``; None for a student the register lacks."""
        student = await self.identity(student_ref)
        return None if student is None else of_age(student.date_of_birth, on)

    async def at_school(self, school_id: str) -> list[StudentIdentity]:
        """The students the register enrols at the school, opened together (one look-up of
        their keys); a student whose key was erased is no longer there to find."""
        found = self._students.find({"school_id": school_id}, session=self._session)
        documents = await found.to_list(None)
        sealers = await self._keys.sealers([_owner(d["_id"]) for d in documents], self._session)
        return [
            _IDENTITY.validate_python(sealers[_owner(d["_id"])].open(d["sealed"]))
            for d in documents
            if _owner(d["_id"]) in sealers
        ]

    async def put(self, student: StudentIdentity) -> None:
        """Seed or replace a student (the directory's loading; never a case's step)."""
        sealer = await self._sealer(student.student_ref)
        sealed = sealer.seal(_IDENTITY.dump_python(student, mode="json"))
        document = {"sealed": sealed, "school_id": student.school_id}
        await self._students.replace_one(
            {"_id": student.student_ref}, document, upsert=True, session=self._session
        )

    async def _sealer(self, student_ref: str) -> Sealer:
        try:
            return await self._keys.sealer(_owner(student_ref), self._session)
        except Unreadable:
            return await self._keys.create(_owner(student_ref), self._session)
