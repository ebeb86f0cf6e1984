"""HTTP in: the student's or a guardian's own request for a discussion, and another
person's contact as a staff member records it (§15.1-2).

Who asks is the sign-in: the gate lets in only the student themselves or a guardian of
the student the path names, and only staff for a contact; the use cases check it again,
with the school. Each answers with the concern's id and where to follow its status, which
shows its asker where it is and nothing of the work that follows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.intake.domain import Concern, ConcernRejected, NotTheirs
from services.intake.entrypoints.answers import inconsistent, status_url, too_many
from services.intake.service_layer.raise_concern import (
    NotYourSchool,
    TooManyConcerns,
    count_attempt,
)
from services.intake.service_layer.requests import (
    DiscussionRequest,
    OtherContact,
    record_contact,
    request_discussion,
)
from services.intake.service_layer.unit_of_work import IntakeUnit, RaisingLimit
from shared.contracts import Identifier
from shared.security import Access, Gate
from shared.unit_of_work import Transact

__all__ = ["RequestAccepted", "request_routes"]


class RequestAccepted(BaseModel):
    concern_id: str
    status_url: str


_REFUSALS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Not the student themselves, a guardian of theirs, or their school."},
    422: {"description": "A field is missing, too long or wrong; one message per field."},
    429: {"description": "Too many requests from one person; Retry-After says when."},
}


def request_routes(
    transact: Transact[IntakeUnit],
    gate: Gate,
    rate_limit: RaisingLimit,
    *,
    public_base_url: str,
) -> APIRouter:
    router = APIRouter(tags=["requests"])

    async def take(
        access: Access,
        student_ref: str,
        response: Response,
        make: Callable[[IntakeUnit], Awaitable[Concern]],
    ) -> RequestAccepted | JSONResponse:
        try:
            await count_attempt(access.who.subject, rate_limit)
        except TooManyConcerns as flood:
            return await too_many(access, flood)

        async def work(unit: IntakeUnit) -> Concern:
            concern = await make(unit)
            access.hold(
                access.who.role.value,
                record_id=str(concern.concern_id),
                student_ref=concern.student_ref,
            )
            await unit.log_granted(access)
            return concern

        try:
            concern = await transact(work)
        except (NotYourSchool, NotTheirs) as foreign:
            await access.refuse(str(foreign), student_ref=student_ref)
        except ConcernRejected as rejected:
            return await inconsistent(access, rejected, "request")
        url = status_url(public_base_url, concern.concern_id)
        response.headers["Location"] = url
        return RequestAccepted(concern_id=str(concern.concern_id), status_url=url)

    @router.post(
        "/students/{student_ref}/discussion-requests",
        status_code=status.HTTP_201_CREATED,
        response_model=RequestAccepted,
        summary="Ask for a discussion with the psychologist or kuraattori",
        description=(
            "The student for themselves, or a guardian for a child in their care (§15.1-2), at "
            "the school the sign-in names. The discussion must be offered by the 7th school "
            "working day, or in an urgent case the same or next working day. Any text stays "
            "sealed in intake. The asker follows only the status: received, or with the "
            "profession asked for."
        ),
        responses=_REFUSALS,
    )
    async def post_request(
        student_ref: Identifier,
        command: DiscussionRequest,
        response: Response,
        access: Access = Depends(gate),
    ) -> RequestAccepted | JSONResponse:
        access.hold(access.who.role.value, student_ref=student_ref)
        return await take(
            access,
            student_ref,
            response,
            lambda unit: request_discussion(student_ref, command, access.who, unit),
        )

    @router.post(
        "/contacts",
        status_code=status.HTTP_201_CREATED,
        response_model=RequestAccepted,
        summary="Record another person's contact about a student",
        description=(
            "A staff member records a contact they took (a parent who is not a guardian, a "
            "youth worker, a doctor: §15.2) by phone, letter or in person, at a school they "
            "work at. The caller's account stays sealed in intake; nobody outside writes here."
        ),
        responses=_REFUSALS,
    )
    async def post_contact(
        command: OtherContact, response: Response, access: Access = Depends(gate)
    ) -> RequestAccepted | JSONResponse:
        who = access.who
        return await take(
            access,
            command.student_ref,
            response,
            lambda unit: record_contact(command, who.as_staff(), who.school_ids, unit),
        )

    return router
