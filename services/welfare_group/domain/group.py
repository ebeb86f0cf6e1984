"""The multidisciplinary expert group (§14), its meetings and the measures it agrees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from shared.contracts import StaffMember

__all__ = ["ExpertGroup", "Measure", "MeasureKind", "Meeting", "ReviewOutcome"]


@dataclass(frozen=True)
class ExpertGroup:
    members: tuple[StaffMember, ...]
    responsible: str  # staff_id of the member who leads the case and writes the record

    @property
    def member_ids(self) -> frozenset[str]:
        return frozenset(m.staff_id for m in self.members)


@dataclass(frozen=True)
class Meeting:
    meeting_id: UUID
    at: datetime
    attendees: tuple[StaffMember, ...]
    held: bool = False


class MeasureKind(StrEnum):
    SUPPORT_DISCUSSIONS = "support_discussions"
    LEARNING_SUPPORT = "learning_support"
    HEALTH_CARE = "health_care"
    REFERRAL = "referral"
    FAMILY_COOPERATION = "family_cooperation"
    OTHER = "other"
    # Listed so that it can be refused with the reason, not merely rejected as unknown.
    DISCIPLINE = "discipline"


@dataclass(frozen=True)
class Measure:
    measure_id: UUID
    kind: MeasureKind
    description: str
    carried_out_by: str
    followed_up_by: str
    review_on: date


class ReviewOutcome(StrEnum):
    CONTINUE = "continue"
    CHANGE_PLAN = "change_plan"
    CLOSE = "close"
