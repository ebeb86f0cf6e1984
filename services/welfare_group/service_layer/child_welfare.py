"""A child-welfare notice noted by any staff member of the student's school (Child Welfare
Act §25), with the day it was made and the authority it went to.

The duty to notify is each staff member's own and overrides confidentiality, so noting
that one was made needs no place on the case team. If the student has an open case at the
school, the notice is entered in its record (and announced, telling nobody); either way a
row of it goes to the disclosure ledger, which is where a notice about a student with no
case is kept. The caller is never told whether a case exists: that is confidential.
"""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.ledger import notice_row, rows_for
from services.welfare_group.domain.record_content import ChildWelfareNotice
from services.welfare_group.service_layer.announcements import step_recorded
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from shared.contracts import Audience, StaffMember, utc_now

__all__ = ["note_child_welfare_notice"]


async def note_child_welfare_notice(
    *, student_ref: str, school_id: str, made_on: date, to: str, by: StaffMember,
    unit: WelfareUnit,
) -> None:  # fmt: skip
    now = utc_now()
    case = await unit.cases.open_case_of(student_ref, school_id)
    if case is None:
        notice = ChildWelfareNotice(made_by=by.staff_id, made_on=made_on, to=to)
        await unit.disclosures.enter(
            notice_row(row_id=uuid4(), student_ref=student_ref, school_id=school_id,
                       case_id=None, notice=notice, by=by, at=now)
        )  # fmt: skip
        return
    updated = law.record_child_welfare_notice(case, made_on=made_on, to=to, by=by, at=now)
    await unit.cases.save(updated)
    new = updated.record.entries[len(case.record.entries) :]
    for row in rows_for(updated, new):
        await unit.disclosures.enter(row)
    for entry in new:
        unit.emit(step_recorded(updated, entry, by=by, involved=(), audience=Audience.NOBODY))
