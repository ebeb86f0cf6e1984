"""The events the welfare group announces, built from the case as it now stands."""

from __future__ import annotations

from collections.abc import Iterable

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent import Consenter
from services.welfare_group.domain.record import RecordEntry
from services.welfare_group.domain.record_content import ConsentRequested, MeetingScheduled
from services.welfare_group.settings import SERVICE
from shared.contracts import (
    Audience,
    CaseStepRecordedData,
    CaseStepRecordedV1,
    StaffMember,
    StepFigures,
)

__all__ = ["step_recorded"]


def step_recorded(
    case: Case,
    entry: RecordEntry,
    *,
    by: StaffMember,
    involved: Iterable[str],
    audience: Audience,
    figures: StepFigures | None = None,
) -> CaseStepRecordedV1:
    """A record entry announced: whom it concerns and whom to tell, never what it says,
    except what the people told must know (whom consent is asked of, when the group meets)
    and the step's anonymous ``figures`` for the statistics (``domain.figures``).
    A court-appointed representative is not in the directory: nobody here tells them."""
    content = entry.content
    asked = content.from_ if isinstance(content, ConsentRequested) else None
    asked = None if asked is Consenter.REPRESENTATIVE else asked
    return CaseStepRecordedV1.first(
        producer=SERVICE,
        partition_key=case.student_ref,
        data=CaseStepRecordedData(
            case_id=case.case_id,
            student_ref=case.student_ref,
            school_id=case.school_id,
            step=entry.kind,
            entry_seq=entry.seq,
            status=case.status.value,
            recorded_by=by,
            involved=sorted(set(involved)),
            responsible=case.responsible,
            guardian_may_be_notified=case.guardian_may_be_notified,
            guardian_may_see_record=case.guardian_may_see_record,
            audience=audience,
            consent_asked_of=asked,
            meeting_on=content.on if isinstance(content, MeetingScheduled) else None,
            figures=figures,
        ),
    )
