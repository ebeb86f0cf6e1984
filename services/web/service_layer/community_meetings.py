"""The communal welfare group's meetings at the communal service: listed, planned, read,
and their minutes written (each save a new version; the newest is the meeting's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from services.web.service_layer.api import Api, Service

__all__ = ["Meeting", "Minutes", "meeting", "meetings", "plan_meeting", "write_minutes"]


@dataclass(frozen=True)
class Minutes:
    attended: tuple[str, ...]  # roles, never people
    minutes: str
    decisions: tuple[str, ...]
    version: int
    saved_at: datetime
    raw: dict[str, Any]  # as the service gave them, to correct them from


@dataclass(frozen=True)
class Meeting:
    meeting_id: UUID
    school_id: str
    held_on: date
    title: str
    agenda: tuple[str, ...]
    minutes: Minutes | None


def _meeting(seen: dict[str, Any]) -> Meeting:
    written = seen.get("minutes")
    minutes = (
        Minutes(
            attended=tuple(str(r) for r in written.get("attended", ())),
            minutes=str(written.get("minutes", "")),
            decisions=tuple(str(d) for d in written.get("decisions", ())),
            version=int(written.get("version", 1)),
            saved_at=datetime.fromisoformat(str(written["saved_at"])),
            raw=dict(written),
        )
        if isinstance(written, dict)
        else None
    )
    return Meeting(
        meeting_id=UUID(str(seen["meeting_id"])),
        school_id=str(seen["school_id"]),
        held_on=date.fromisoformat(str(seen["held_on"])),
        title=str(seen.get("title", "")),
        agenda=tuple(str(item) for item in seen.get("agenda", ())),
        minutes=minutes,
    )


def _path(school_id: str) -> str:
    return f"/schools/{school_id}/group/meetings"


async def meetings(api: Api, school_id: str) -> list[Meeting]:
    listed = await api.get(Service.COMMUNAL, _path(school_id))
    return [_meeting(m) for m in listed.get("meetings", ())]


async def meeting(api: Api, school_id: str, meeting_id: UUID) -> Meeting:
    return _meeting(await api.get(Service.COMMUNAL, f"{_path(school_id)}/{meeting_id}"))


async def plan_meeting(api: Api, school_id: str, body: dict[str, Any]) -> Meeting:
    return _meeting(await api.post(Service.COMMUNAL, _path(school_id), body))


async def write_minutes(
    api: Api, school_id: str, meeting_id: UUID, body: dict[str, Any]
) -> Meeting:
    path = f"{_path(school_id)}/{meeting_id}/minutes"
    return _meeting(await api.post(Service.COMMUNAL, path, body))
