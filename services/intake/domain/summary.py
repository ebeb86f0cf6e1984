"""What a raiser's own list shows of each concern: what they raised and where it is now,
never the narrative (it stays sealed in intake, read only where it is needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from services.intake.domain.concern import Concern, ConcernStatus
from shared.contracts import ConcernCategory, StaffRole, Urgency

__all__ = ["ConcernSummary"]


@dataclass(frozen=True)
class ConcernSummary:
    concern_id: UUID
    student_ref: str
    school_id: str
    categories: tuple[ConcernCategory, ...]
    urgency: Urgency
    raised_at: datetime
    status: ConcernStatus
    handled_by_role: StaffRole | None
    handed_over_at: datetime | None
    history: tuple[tuple[ConcernStatus, datetime], ...]

    @classmethod
    def of(cls, concern: Concern) -> ConcernSummary:
        return cls(
            concern_id=concern.concern_id,
            student_ref=concern.student_ref,
            school_id=concern.school_id,
            categories=concern.categories,
            urgency=concern.urgency,
            raised_at=concern.raised_at,
            status=concern.status,
            handled_by_role=concern.handled_by_role,
            handed_over_at=concern.handed_over_at,
            history=concern.history,
        )
