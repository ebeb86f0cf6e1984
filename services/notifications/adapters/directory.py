"""The school directory: staff by school and role, guardians by student, and addresses.

Addresses are looked up at send time, never copied into events or deliveries, so a
corrected address or a removed guardian takes effect for everything not yet sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import Any

from services.notifications.domain.recipients import (
    Addressee,
    Channel,
    Contact,
    Language,
    RecipientKind,
)
from shared.contracts import Role
from shared.storage import ASCENDING, Index, Session, Store

__all__ = ["GUARDIANS", "STAFF", "Directory"]

STAFF = "staff"
GUARDIANS = "guardians"
_ADDRESS_FIELDS = {Channel.EMAIL: "email", Channel.SMS: "phone"}


def _contact(document: dict[str, Any], kind: RecipientKind) -> Contact:
    return Contact(
        person_id=document["_id"],
        kind=kind,
        role=Role(document["role"]) if document.get("role") else None,
        language=Language(document.get("language", "fi")),
        channels=tuple(Channel(c) for c in document.get("channels", ["inbox", "email"])),
        preferences={
            kind: tuple(Channel(c) for c in channels)
            for kind, channels in document.get("preferences", {}).items()
        },
        quiet_hours=_quiet_hours(document.get("quiet_hours")),
        digest=bool(document.get("digest", False)),
    )


def _quiet_hours(document: dict[str, str] | None) -> tuple[time, time] | None:
    if not document:
        return None
    return time.fromisoformat(document["start"]), time.fromisoformat(document["end"])


class Directory:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._store = store
        self._staff = store.collection(STAFF)
        self._guardians = store.collection(GUARDIANS)
        self._session = session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            STAFF,
            [
                Index([("school_id", ASCENDING)]),
                Index([("welfare_administrator", ASCENDING)], sparse=True),
                Index([("supervises", ASCENDING)], sparse=True),
            ],
        )
        await self._store.ensure_indexes(GUARDIANS, [Index([("student_refs", ASCENDING)])])

    async def staff_at(self, school_id: str) -> list[Contact]:
        cursor = self._staff.find({"school_id": school_id}, session=self._session)
        return [_contact(d, RecipientKind.STAFF) for d in await cursor.to_list(None)]

    async def guardians_of(self, student_ref: str) -> list[Contact]:
        cursor = self._guardians.find({"student_refs": student_ref}, session=self._session)
        return [_contact(d, RecipientKind.GUARDIAN) for d in await cursor.to_list(None)]

    async def welfare_administrators(self) -> list[Contact]:
        """The education provider's welfare administrators: told when no one leads a case."""
        cursor = self._staff.find({"welfare_administrator": True}, session=self._session)
        return [_contact(d, RecipientKind.STAFF) for d in await cursor.to_list(None)]

    async def service_supervisors_of(self, school_id: str) -> list[Contact]:
        """The county's service supervisors of this school: told when a §15 deadline passes."""
        cursor = self._staff.find({"supervises": school_id}, session=self._session)
        return [_contact(d, RecipientKind.STAFF) for d in await cursor.to_list(None)]

    async def staff_member(self, staff_id: str) -> Contact | None:
        return await self.person(staff_id, RecipientKind.STAFF)

    async def person(self, person_id: str, kind: RecipientKind) -> Contact | None:
        people = self._staff if kind is RecipientKind.STAFF else self._guardians
        document = await people.find_one({"_id": person_id}, session=self._session)
        return _contact(document, kind) if document else None

    async def address(self, person_id: str, kind: RecipientKind, channel: Channel) -> str | None:
        return (await self.addresses([(person_id, kind, channel)])).get((person_id, kind, channel))

    async def addresses(self, wanted: Iterable[Addressee]) -> dict[Addressee, str]:
        """The addresses there are of these, in a read per kind of person (staff, guardians)."""
        wanted = [(p, k, c) for p, k, c in wanted if c in _ADDRESS_FIELDS]
        found: dict[Addressee, str] = {}
        for kind in {k for _, k, _ in wanted}:
            people = self._staff if kind is RecipientKind.STAFF else self._guardians
            ids = sorted({p for p, k, _ in wanted if k is kind})
            cursor = people.find(
                {"_id": {"$in": ids}}, {"email": 1, "phone": 1}, session=self._session
            )
            documents = {d["_id"]: d async for d in cursor}
            for person_id, _, channel in (w for w in wanted if w[1] is kind):
                address = documents.get(person_id, {}).get(_ADDRESS_FIELDS[channel])
                if address:
                    found[(person_id, kind, channel)] = address
        return found

    # Loading the directory (the seed, the tests): not a use case's business, so not in the
    # service layer's Protocol.
    async def put_staff(self, staff_id: str, document: dict[str, Any]) -> None:
        await self._staff.replace_one(
            {"_id": staff_id}, document, upsert=True, session=self._session
        )

    async def put_guardian(self, guardian_id: str, document: dict[str, Any]) -> None:
        await self._guardians.replace_one(
            {"_id": guardian_id}, document, upsert=True, session=self._session
        )
