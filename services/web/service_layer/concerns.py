"""A staff member's concerns through intake: raise one (once, however often it is sent),
list one's own, follow one. Intake decides who may; nothing here is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from services.web.service_layer.api import Api, Service

__all__ = ["ConcernRow", "ConcernStatus", "Step", "concern_status", "my_concerns", "raise_concern"]


@dataclass(frozen=True)
class ConcernRow:
    concern_id: UUID
    student_ref: str
    school_id: str
    categories: tuple[str, ...]
    urgency: str
    raised_at: datetime
    status: str
    handled_by_role: str | None  # the profession it was referred to, once it was


@dataclass(frozen=True)
class Step:
    status: str
    at: datetime


@dataclass(frozen=True)
class ConcernStatus:
    concern_id: UUID
    status: str
    raised_at: datetime
    handed_over_at: datetime | None
    handled_by_role: str | None
    history: tuple[Step, ...]


async def raise_concern(api: Api, body: dict[str, Any], key: str) -> UUID:
    """The concern's id. ``key`` names this raising: sent twice (a double click, a retry
    after a lost answer), intake answers with the concern raised the first time."""
    accepted = await api.post(Service.INTAKE, "/concerns", body, headers={"Idempotency-Key": key})
    return UUID(str(accepted["concern_id"]))


def _when(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))


async def my_concerns(api: Api) -> list[ConcernRow]:
    """The concerns the signed-in person raised, newest first, as intake lists them."""
    listed = await api.get(Service.INTAKE, "/concerns")
    return [
        ConcernRow(
            concern_id=UUID(str(c["concern_id"])),
            student_ref=str(c["student_ref"]),
            school_id=str(c["school_id"]),
            categories=tuple(str(x) for x in c.get("categories", ())),
            urgency=str(c["urgency"]),
            raised_at=_when(c["raised_at"]),
            status=str(c["status"]),
            handled_by_role=c.get("handled_by_role"),
        )
        for c in listed
    ]


async def concern_status(api: Api, concern_id: UUID) -> ConcernStatus:
    seen = await api.get(Service.INTAKE, f"/concerns/{concern_id}/status")
    handed = seen.get("handed_over_at")
    return ConcernStatus(
        concern_id=UUID(str(seen["concern_id"])),
        status=str(seen["status"]),
        raised_at=_when(seen["raised_at"]),
        handed_over_at=_when(handed) if handed else None,
        handled_by_role=seen.get("handled_by_role"),
        history=tuple(Step(str(s["status"]), _when(s["at"])) for s in seen.get("history", ())),
    )
