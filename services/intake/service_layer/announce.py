"""What every way in announces: one ``concern.raised`` per concern, identifiers only, keyed by
student so that every event about one student stays in order. The text stays in intake."""

from __future__ import annotations

from services.intake.domain import Concern
from services.intake.service_layer.unit_of_work import IntakeUnit
from services.intake.settings import SERVICE
from shared.contracts import ConcernRaisedData, ConcernRaisedV1

__all__ = ["announce"]


def announce(concern: Concern, unit: IntakeUnit) -> None:
    """Emit the concern, in the transaction that keeps it."""
    unit.emit(
        ConcernRaisedV1.first(
            producer=SERVICE,
            partition_key=concern.student_ref,
            data=ConcernRaisedData(
                concern_id=concern.concern_id,
                student_ref=concern.student_ref,
                school_id=concern.school_id,
                raised_by=concern.raised_by,
                categories=list(concern.categories),
                urgency=concern.urgency,
                student_informed=concern.student_informed,
                guardian_informed=concern.guardian_informed,
                guardian_must_not_be_told_yet=concern.guardian_must_not_be_told_yet,
                raised_at=concern.raised_at,
                requested_by=concern.requested_by,
                requester_ref=concern.requester_ref,
                discussion_with=concern.discussion_with,
                contact_kind=concern.contact_kind,
                guardian_hold_ground=concern.guardian_hold_ground,
            ),
        )
    )
