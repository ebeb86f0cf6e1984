"""HTTP in: raise a concern, once however often it is sent with its key (following it:
``following.py``).

The routes parse, call a use case in one transaction and map its refusals to HTTP; every
use of case data reaches the access log, granted or refused, before any data leaves.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.intake.domain import ConcernRejected
from services.intake.entrypoints.answers import inconsistent, status_url, too_many
from services.intake.service_layer.raise_concern import (
    NotYourSchool,
    RaiseConcern,
    TooManyConcerns,
    count_attempt,
)
from services.intake.service_layer.raise_once import (
    IdempotencyKey,
    KeyUsedForAnother,
    Raised,
    raise_once,
    raised_before,
)
from services.intake.service_layer.unit_of_work import IntakeUnit, RaisingLimit
from shared.security import Access, Gate, Outcome
from shared.storage import DuplicateKeyError
from shared.unit_of_work import Transact

__all__ = ["ConcernAccepted", "concern_routes"]

KeyHeader = Annotated[
    IdempotencyKey | None,
    Header(
        alias="Idempotency-Key",
        description="1-100 of A-Z a-z 0-9 - _, new for each concern (a UUID will do). The "
        "same raiser sending it again gets the same concern back, and no second one.",
    ),
]


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
            "or joins the case carries identifiers only. Limited per person (429, Retry-After). "
            "With an Idempotency-Key, sending the same concern again (a double click, a retry) "
            "answers 200 with the concern raised the first time and raises nothing; the key is "
            "the raiser's own, so another person's same key raises their own concern."
        ),
        responses={
            200: {"model": ConcernAccepted, "description": "Raised before with this key."},
            403: {"description": "The concern names a school the raiser does not work at."},
            409: {"description": "The Idempotency-Key was used for another concern."},
            422: {"description": "A field or the Idempotency-Key is wrong; one message each."},
            429: {"description": "Too many concerns from one person; Retry-After says when."},
        },
    )
    async def post_concern(
        command: RaiseConcern,
        response: Response,
        key: KeyHeader = None,
        access: Access = Depends(gate),
    ) -> ConcernAccepted | JSONResponse:
        who = access.who
        raiser = who.as_staff()

        async def work(unit: IntakeUnit) -> Raised:
            raised = await raise_once(command, raiser, who.school_ids, key, unit)
            if raised.new:  # the gate held the write on the caller's role; it names what it made
                concern = raised.concern
                access.hold(
                    who.role.value,
                    record_id=str(concern.concern_id),
                    student_ref=concern.student_ref,
                )
                await unit.log_granted(access)
            return raised

        async def found() -> Raised | None:
            if key is None:
                return None
            earlier = await transact(lambda unit: raised_before(command, raiser, key, unit))
            return Raised(earlier, new=False) if earlier else None

        async def raising() -> Raised | JSONResponse:
            if (earlier := await found()) is not None:
                return earlier  # found before it is counted: a double click is one raising
            try:
                await count_attempt(who.subject, rate_limit)
            except TooManyConcerns as flood:
                # Its twin, counted in the same instant, may have raised it meanwhile.
                return await found() or await too_many(access, flood)
            try:
                return await transact(work)
            except DuplicateKeyError:  # its twin, sent at once, committed first: find it
                return await transact(work)

        try:
            raised = await raising()
        except KeyUsedForAnother as reused:
            await access.settle(Outcome.REFUSED_BY_RULE, detail="Idempotency-Key reused")
            return JSONResponse(status_code=409, content={"detail": str(reused)})
        except NotYourSchool as foreign:
            await access.refuse(str(foreign), student_ref=command.student_ref)
        except ConcernRejected as rejected:
            return await inconsistent(access, rejected, "concern")
        if isinstance(raised, JSONResponse):
            return raised
        concern = raised.concern
        if not raised.new:
            # Its own raiser is shown the concern's id again; nothing was written.
            access.hold(
                "raiser", record_id=str(concern.concern_id), student_ref=concern.student_ref
            )
            await access.settle(Outcome.GRANTED, detail="replay of the Idempotency-Key")
            response.status_code = status.HTTP_200_OK
        url = status_url(public_base_url, concern.concern_id)
        response.headers["Location"] = url
        return ConcernAccepted(concern_id=concern.concern_id, status_url=url)

    return router
