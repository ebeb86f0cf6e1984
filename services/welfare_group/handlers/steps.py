"""Taking a step in a case: load it, apply the rule, save it, announce each new record entry."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from services.welfare_group.adapters.repository import CaseRepository
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.record import EntryKind, RecordEntry
from services.welfare_group.handlers.deadlines import Deadlines
from services.welfare_group.handlers.events import responsible_of
from services.welfare_group.settings import SERVICE
from shared.contracts import (
    Audience,
    CaseStepRecordedData,
    CaseStepRecordedV1,
    StaffMember,
    utc_now,
)
from shared.unit_of_work import UnitOfWork

__all__ = ["CaseNotFound", "Step", "take_step"]

Step = Callable[[Case, StaffMember, datetime], Case]


class CaseNotFound(LookupError):
    pass


def _told_of(entry: RecordEntry) -> dict[str, Any]:
    """The parts of an entry a notification needs: whom consent is asked of, when a meeting is."""
    if entry.kind is EntryKind.CONSENT_REQUESTED:
        return {"consent_asked_of": entry.content["from_"]}
    if entry.kind is EntryKind.MEETING_SCHEDULED:
        return {"meeting_on": entry.content["on"]}
    return {}


async def take_step(
    case_id: UUID,
    step: Step,
    *,
    by: StaffMember,
    involved: Iterable[str],
    audience: Callable[[RecordEntry], Audience],
    unit: UnitOfWork,
    cases: CaseRepository,
    deadlines: Deadlines,
) -> Case:
    case = await cases.get(case_id, unit.transaction)
    if case is None:
        raise CaseNotFound(case_id)
    updated = step(case, StaffMember(by.staff_id, by.role), utc_now())
    await cases.save(updated, unit.transaction)
    await deadlines.schedule(updated, unit.transaction)
    for entry in updated.record.entries[len(case.record.entries) :]:
        unit.emit(
            CaseStepRecordedV1.first(
                producer=SERVICE,
                partition_key=updated.student_ref,
                data=CaseStepRecordedData(
                    case_id=updated.case_id,
                    student_ref=updated.student_ref,
                    school_id=updated.school_id,
                    step=entry.kind,
                    entry_seq=entry.seq,
                    status=updated.status.value,
                    recorded_by=by,
                    involved=sorted(set(involved)),
                    responsible=responsible_of(updated),
                    guardian_may_be_notified=updated.guardian_may_be_notified,
                    audience=audience(entry),
                    **_told_of(entry),
                ),
            )
        )
    return updated
