"""The school group's meetings in MongoDB: a document per meeting, and a document per
version of its minutes, never rewritten (the unique ``_id`` refuses a second version n)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import TypeAdapter

from services.communal.domain.workspace import Meeting, Minutes
from shared.storage import Index, Session, Store

__all__ = ["MEETINGS", "MINUTES", "MongoMeetings"]

MEETINGS = "meetings"
MINUTES = "minutes"
_MEETING: TypeAdapter[Meeting] = TypeAdapter(Meeting)
_MINUTES: TypeAdapter[Minutes] = TypeAdapter(Minutes)


class MongoMeetings:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._store = store
        self._meetings = store.collection(MEETINGS)
        self._minutes = store.collection(MINUTES)
        self._session = session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            MEETINGS, [Index([("school_id", 1), ("held_on", -1), ("scheduled_at", -1)])]
        )
        await self._store.ensure_indexes(MINUTES, [Index([("meeting_id", 1), ("version", 1)])])

    async def add(self, meeting: Meeting) -> None:
        document = _MEETING.dump_python(meeting, mode="json", exclude={"versions"})
        await self._meetings.insert_one(
            {"_id": str(meeting.meeting_id), **document}, session=self._session
        )

    async def get(self, school_id: str, meeting_id: UUID) -> Meeting | None:
        found = await self._meetings.find_one(
            {"_id": str(meeting_id), "school_id": school_id}, session=self._session
        )
        return None if found is None else await self._with_minutes(found)

    async def of_school(self, school_id: str) -> list[Meeting]:
        cursor = self._meetings.find({"school_id": school_id}, session=self._session).sort(
            [("held_on", -1), ("scheduled_at", -1)]
        )
        return [await self._with_minutes(found) async for found in cursor]

    async def add_minutes(self, meeting_id: UUID, minutes: Minutes) -> None:
        document = _MINUTES.dump_python(minutes, mode="json")
        await self._minutes.insert_one(
            {"_id": f"{meeting_id}:{minutes.version}", "meeting_id": str(meeting_id), **document},
            session=self._session,
        )

    async def _with_minutes(self, found: dict[str, Any]) -> Meeting:
        cursor = self._minutes.find({"meeting_id": found["_id"]}, session=self._session)
        versions = sorted(
            [_MINUTES.validate_python(_fields(d, "meeting_id")) async for d in cursor],
            key=lambda minutes: minutes.version,
        )
        return _MEETING.validate_python({**_fields(found), "versions": versions})


def _fields(document: dict[str, Any], *also: str) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in {"_id", *also}}
