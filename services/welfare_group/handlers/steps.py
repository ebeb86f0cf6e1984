"""Taking a step in a case: load it, apply the rule, save it, announce each new record entry."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from uuid import UUID

from services.welfare_group.adapters.repository import CaseRepository
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.record import Author
from services.welfare_group.handlers.deadlines import Deadlines
from services.welfare_group.handlers.events import SERVICE, responsible_of
from shared.contracts import CaseStepRecordedData, CaseStepRecordedV1, StaffMember, utc_now
from shared.unit_of_work import UnitOfWork

__all__ = ["CaseNotFound", "Step", "take_step"]

Step = Callable[[Case, Author, datetime], Case]


class CaseNotFound(LookupError):
    pass


async def take_step(
    case_id: UUID,
    step: Step,
    *,
    by: StaffMember,
    involved: Iterable[str],
    unit: UnitOfWork,
    cases: CaseRepository,
    deadlines: Deadlines,
) -> Case:
    case = await cases.get(case_id, unit.session)
    if case is None:
        raise CaseNotFound(case_id)
    updated = step(case, Author(by.staff_id, by.role), utc_now())
    await cases.save(updated, unit.session)
    await deadlines.schedule(updated, unit.session)
    for entry in updated.record.entries[len(case.record.entries) :]:
        unit.emit(
            CaseStepRecordedV1.first(
                producer=SERVICE,
                partition_key=updated.student_ref,
                data=CaseStepRecordedData(
                    case_id=updated.case_id,
                    student_ref=updated.student_ref,
                    school_id=updated.school_id,
                    step=entry.kind.value,
                    entry_seq=entry.seq,
                    status=updated.status.value,
                    recorded_by=by,
                    involved=sorted(set(involved)),
                    responsible=responsible_of(updated),
                    guardian_may_be_notified=updated.guardian_may_be_notified,
                ),
            )
        )
    return updated
