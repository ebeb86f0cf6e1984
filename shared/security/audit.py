"""HTTP in for the access log: the administrator searches it, the family reads its own.

Both reads are case data themselves, so the gate logs them like any other.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

from shared.access_log import AccessLog
from shared.contracts import Identifier
from shared.security.access import Access
from shared.security.gate import Gate
from shared.security.identity import Principal

__all__ = ["AccessEntryView", "FamilyCheck", "access_log_routes"]


def _storable(moment: datetime) -> datetime:
    """A moment the database can compare: in UTC, within years 1 to 9999."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("the moment is outside years 1 to 9999 in UTC") from None


Moment = Annotated[AwareDatetime, AfterValidator(_storable)]

# Why a family member may not see the student's log here (§18), or None if they may.
FamilyCheck = Callable[[Principal, str], Awaitable[str | None]]


class AccessEntryView(BaseModel):
    at: datetime
    service: str
    actor: str
    role: str
    action: str
    what: str
    basis: str
    granted: bool
    record_id: str | None
    student_ref: str | None
    outcome: str | None
    detail: str | None
    # The register whose data was used (its own log); "register" in JSON, since pydantic's
    # BaseModel has a ``register`` attribute of its own.
    in_register: str | None = Field(default=None, alias="register")


def access_log_routes(gate: Gate, log: AccessLog, family_check: FamilyCheck) -> APIRouter:
    router = APIRouter(tags=["access log"])

    @router.get(
        "/access-log",
        response_model=list[AccessEntryView],
        summary="Search the access log (administrator)",
        description=(
            "Every use of case data in this service, granted or refused, with its outcome: by "
            "actor, student, case or concern, register (each register's own log: welfare, "
            "health_care, social_care), and time. Reading it is logged too."
        ),
    )
    async def search(
        actor: Identifier | None = None,
        student_ref: Identifier | None = None,
        record_id: Identifier | None = None,
        register: Identifier | None = None,
        since: Moment | None = None,
        until: Moment | None = None,
        limit: int = Query(default=100, ge=1, le=1000),
        access: Access = Depends(gate),
    ) -> list[AccessEntryView]:
        found = await log.search(
            actor=actor,
            student_ref=student_ref,
            record_id=record_id,
            register=register,
            since=since,
            until=until,
            limit=limit,
        )
        return [AccessEntryView(**vars(entry)) for entry in found]

    @router.get(
        "/students/{student_ref}/access-log",
        response_model=list[AccessEntryView],
        summary="Who has used this student's data (for the student and guardians)",
        description=(
            "Who used the student's data in this service, when and on what basis; refused to a "
            "guardian kept out by §18."
        ),
    )
    async def own_log(
        student_ref: Identifier,
        until: Moment | None = Query(default=None, description="Only uses before this."),
        limit: int = Query(default=50, ge=1, le=1000),
        access: Access = Depends(gate),
    ) -> list[AccessEntryView]:
        refusal = await family_check(access.who, student_ref)
        if refusal:
            await access.refuse(refusal, student_ref=student_ref)
        await access.grant(access.who.role.value, student_ref=student_ref)
        found = await log.search(student_ref=student_ref, until=until, limit=limit)
        return [AccessEntryView(**vars(entry)) for entry in found]

    return router
