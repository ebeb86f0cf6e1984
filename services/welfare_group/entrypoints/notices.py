"""HTTP in: any staff member of a school notes a child-welfare notice they made (Child
Welfare Act §25), with its day and the authority it went to.

The answer is the same whether or not the student has a case: who has a welfare case is
itself confidential. The note is logged with the change, or not at all.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from services.welfare_group.service_layer.child_welfare import note_child_welfare_notice
from services.welfare_group.service_layer.steps.record_keeping import ChildWelfareNoticeRequest
from services.welfare_group.service_layer.unit_of_work import WelfareTransact, WelfareUnit
from shared.contracts import Identifier
from shared.security import Access, Gate

__all__ = ["NoticeNoted", "notice_routes"]


class NoticeNoted(BaseModel):
    student_ref: str
    made_on: date
    to: str


def notice_routes(transact: WelfareTransact, gate: Gate) -> APIRouter:
    router = APIRouter(tags=["case steps"])

    @router.post(
        "/schools/{school_id}/students/{student_ref}/child-welfare-notices",
        status_code=201,
        response_model=NoticeNoted,
        summary="Note a child-welfare notice you made (Child Welfare Act §25)",
        description=(
            "Any staff member of the school notes that they made a child-welfare notice about "
            "the student: the day and the authority. It is entered in the student's open case "
            "at the school, if there is one, and always in the disclosure ledger; the answer "
            "never says which."
        ),
    )
    async def note(
        school_id: Identifier,
        student_ref: Identifier,
        body: ChildWelfareNoticeRequest,
        access: Access = Depends(gate),
    ) -> NoticeNoted:
        async def work(unit: WelfareUnit) -> None:
            await note_child_welfare_notice(
                student_ref=student_ref, school_id=school_id, made_on=body.made_on,
                to=body.to, by=access.who.as_staff(), unit=unit,
            )  # fmt: skip
            await unit.log_granted(access)

        await transact(work)
        return NoticeNoted(student_ref=student_ref, made_on=body.made_on, to=body.to)

    return router
