"""HTTP in: raise a concern; read its status (and nothing of the confidential work after)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.intake.adapters.rate_limit import ConcernRateLimit
from services.intake.adapters.repository import ConcernRepository
from services.intake.adapters.schools import SchoolDirectory
from services.intake.domain import Concern, ConcernRejected, ConcernStatus
from services.intake.handlers.commands import NotYourSchool, RaiseConcern, raise_concern
from shared.contracts import StaffRole
from shared.security import Access, Gate, Outcome
from shared.unit_of_work import Transactor, UnitOfWork

__all__ = ["ConcernAccepted", "ConcernStatusView", "concern_routes"]


class ConcernAccepted(BaseModel):
    concern_id: UUID
    status_url: str


class StatusChange(BaseModel):
    status: ConcernStatus
    at: datetime


class ConcernStatusView(BaseModel):
    concern_id: UUID
    status: ConcernStatus
    raised_at: datetime
    handed_over_at: datetime | None
    handled_by_role: StaffRole | None
    history: list[StatusChange]

    @classmethod
    def of(cls, concern: Concern) -> ConcernStatusView:
        return cls(
            concern_id=concern.concern_id,
            status=concern.status,
            raised_at=concern.raised_at,
            handed_over_at=concern.handed_over_at,
            handled_by_role=concern.handled_by_role,
            history=[StatusChange(status=s, at=at) for s, at in concern.history],
        )


def concern_routes(
    transact: Transactor[UnitOfWork],
    concerns: ConcernRepository,
    schools: SchoolDirectory,
    gate: Gate,
    rate_limit: ConcernRateLimit,
    *,
    public_base_url: str,
) -> APIRouter:
    router = APIRouter(tags=["concerns"])

    @router.post(
        "/concerns",
        status_code=status.HTTP_201_CREATED,
        response_model=ConcernAccepted,
        summary="Raise a concern about a student",
        description=(
            "A staff member raises a concern (§16), at a school of the directory where their "
            "sign-in says they work. The narrative stays sealed in intake; the event that opens "
            "or joins the case carries identifiers only. Limited per person (429, Retry-After)."
        ),
        responses={
            403: {"description": "The concern names a school the raiser does not work at."},
            422: {"description": "A field is missing or wrong; one message per field."},
            429: {"description": "Too many concerns from one person; Retry-After says when."},
        },
    )
    async def post_concern(
        command: RaiseConcern, response: Response, access: Access = Depends(gate)
    ) -> ConcernAccepted | JSONResponse:
        wait_s = await rate_limit.wait_for(access.who.subject)
        if wait_s:
            await access.settle(Outcome.REFUSED, detail="rate limit")
            return JSONResponse(
                status_code=429,
                headers={"Retry-After": str(wait_s)},
                content={"detail": f"Too many concerns raised; try again in {wait_s} s."},
            )

        async def work(unit: UnitOfWork) -> Concern:
            who = access.who
            concern = await raise_concern(
                command, who.as_staff(), who.school_ids, unit, concerns, schools
            )
            await access.grant(
                record_id=str(concern.concern_id),
                student_ref=concern.student_ref,
                session=unit.transaction,
            )
            return concern

        try:
            concern = await transact(work)
        except NotYourSchool as foreign:
            await access.refuse(str(foreign), student_ref=command.student_ref)
        except ConcernRejected as rejected:
            await access.settle(Outcome.INVALID_REQUEST, detail=rejected.field_name)
            return JSONResponse(
                status_code=422,
                content={
                    "detail": "The concern is inconsistent.",
                    "errors": [{"field": rejected.field_name, "message": str(rejected)}],
                },
            )
        status_url = f"{public_base_url}/concerns/{concern.concern_id}/status"
        response.headers["Location"] = status_url
        return ConcernAccepted(concern_id=concern.concern_id, status_url=status_url)

    @router.get(
        "/concerns/{concern_id}/status",
        response_model=ConcernStatusView,
        summary="Where a raised concern is now",
        description=(
            "For the person who raised it: received or with the welfare group, and the profession "
            "it was referred to; nothing of the confidential work that follows. Anyone else, or an "
            "unknown id, gets the same 403."
        ),
    )
    async def get_status(concern_id: UUID, access: Access = Depends(gate)) -> ConcernStatusView:
        concern = await concerns.get(concern_id)
        record_id = str(concern_id)
        if concern is None or concern.raised_by.staff_id != access.who.subject:
            # The same answer whether or not the concern exists: an id tells nobody else
            # that a student is of concern.
            await access.refuse(
                "Only the person who raised a concern may follow it.",
                record_id=record_id,
                student_ref=concern.student_ref if concern else None,
            )
        await access.grant("raiser", record_id=record_id, student_ref=concern.student_ref)
        return ConcernStatusView.of(concern)

    return router
