"""HTTP in: raise a concern; read its status (and nothing of the confidential work after).

The routes parse, call a use case in one transaction and map its refusals to HTTP; every
use of case data reaches the access log, granted or refused, before any data leaves.
"""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.intake.domain import Concern, ConcernRejected
from services.intake.service_layer.follow_concern import (
    ConcernStatusView,
    NotTheRaiser,
    family_refusal,
    follow_concern,
)
from services.intake.service_layer.raise_concern import (
    NotYourSchool,
    RaiseConcern,
    TooManyConcerns,
    count_attempt,
    raise_concern,
)
from services.intake.service_layer.unit_of_work import IntakeUnit, RaisingLimit
from shared.security import Access, Gate, Outcome, Principal
from shared.security.audit import FamilyCheck
from shared.unit_of_work import Transact

__all__ = ["ConcernAccepted", "concern_routes", "family_check"]


class ConcernAccepted(BaseModel):
    concern_id: UUID
    status_url: str


def concern_routes(
    transact: Transact[IntakeUnit],
    gate: Gate,
    rate_limit: RaisingLimit,
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
        who = access.who
        try:
            await count_attempt(who.subject, rate_limit)
        except TooManyConcerns as flood:
            await access.settle(Outcome.REFUSED, detail="rate limit")
            return JSONResponse(
                status_code=429,
                headers={"Retry-After": str(flood.retry_after_s)},
                content={"detail": str(flood)},
            )

        async def work(unit: IntakeUnit) -> Concern:
            concern = await raise_concern(command, who.as_staff(), who.school_ids, unit)
            # The gate held the write on the caller's role; the entry names what it made.
            access.hold(
                who.role.value, record_id=str(concern.concern_id), student_ref=concern.student_ref
            )
            await unit.log_granted(access)
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
        record_id = str(concern_id)
        try:
            concern = await transact(
                lambda unit: follow_concern(
                    concern_id, access.who.subject, unit, role=access.who.role
                )
            )
        except NotTheRaiser as stranger:
            await access.refuse(
                str(stranger), record_id=record_id, student_ref=stranger.student_ref
            )
        await access.grant("raiser", record_id=record_id, student_ref=concern.student_ref)
        return ConcernStatusView.of(concern)

    return router


def family_check(transact: Transact[IntakeUnit]) -> FamilyCheck:
    """For the access-log routes: why a family member may not read the log here, if so."""

    async def check(who: Principal, student_ref: str) -> str | None:
        return await transact(lambda unit: family_refusal(who.role, student_ref, unit))

    return check
