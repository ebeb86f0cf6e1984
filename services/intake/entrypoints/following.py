"""HTTP in: what a raiser follows of their concerns: where one is now, or the list of their
own; nothing of the confidential work after. And why a family may not read the log here.

Every use of case data reaches the access log, granted or refused, before any data leaves.
"""

from __future__ import annotations

import asyncio
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from services.intake.service_layer.follow_concern import (
    ConcernStatusView,
    NotTheRaiser,
    RaisedConcernView,
    concerns_raised_by,
    family_refusal,
    follow_concern,
)
from services.intake.service_layer.unit_of_work import IntakeUnit
from shared.security import STAFF, Access, Gate, Principal, Rule, Scope
from shared.security.audit import FamilyCheck
from shared.unit_of_work import Transact

__all__ = ["OWN_CONCERNS", "family_check", "following_routes"]

# A staff member's own list: any staff role may ask, and is shown only what they raised.
# The gate logs the look itself; the route logs each concern shown (see ``get_mine``).
OWN_CONCERNS = {"GET /concerns": Rule(STAFF, Scope.ROLE, case_data=True)}


def following_routes(transact: Transact[IntakeUnit], gate: Gate) -> APIRouter:
    router = APIRouter(tags=["concerns"])

    @router.get(
        "/concerns",
        response_model=list[RaisedConcernView],
        summary="The concerns I raised, and where each is now",
        description=(
            "For the signed-in staff member: the concerns they raised (and the contacts they "
            "recorded), newest first, each with where it is (received, with the welfare group) "
            "and the profession it was referred to, as its status shows it. Never the narrative, "
            "nobody else's concerns. At most `limit` (50 unless asked, at most 200)."
        ),
    )
    async def get_mine(
        limit: int = Query(default=50, ge=1, le=200), access: Access = Depends(gate)
    ) -> list[RaisedConcernView]:
        mine = await transact(
            lambda unit: concerns_raised_by(access.who.as_staff(), unit, limit=limit)
        )
        # One entry per concern shown, as reading each one's status is logged: the access
        # log is searched by student and by concern (the family reads its own), so a DPO
        # asking who saw a student's concern finds this look there. The gate has logged the
        # look itself, so even a list that showed nothing is on record.
        await asyncio.gather(
            *(
                access.grant("raiser", record_id=str(c.concern_id), student_ref=c.student_ref)
                for c in mine
            )
        )
        return [RaisedConcernView.of(concern) for concern in mine]

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
