"""The multidisciplinary expert group (§14), its meetings and the measures it agrees."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from shared.contracts import MeasureKind, StaffMember

__all__ = [
    "NOT_EXPERT_GROUP_WORK",
    "ExpertGroup",
    "Measure",
    "MeasureKind",
    "Meeting",
    "NotExpertGroupWork",
    "ReviewOutcome",
]


@dataclass(frozen=True)
class ExpertGroup:
    members: tuple[StaffMember, ...]
    responsible: str  # staff_id of the member who leads the case and writes the record
    # Outside parties brought in on written (or electronic) consent naming them (§14).
    outside_parties: tuple[str, ...] = ()

    @property
    def member_ids(self) -> frozenset[str]:
        return frozenset(m.staff_id for m in self.members)


@dataclass(frozen=True)
class Meeting:
    meeting_id: UUID
    at: datetime
    attendees: tuple[StaffMember, ...]
    held: bool = False


@dataclass(frozen=True)
class NotExpertGroupWork:
    """Work that does not belong to the expert group: why, on whose word, and where it goes."""

    why: str
    instead: str


# The Act's own §14 defines the expert group's work; what it leaves out, the Education
# Committee's report and the national guidance say. Each row is refused with its reason.
NOT_EXPERT_GROUP_WORK: Mapping[MeasureKind, NotExpertGroupWork] = {
    MeasureKind.DISCIPLINE: NotExpertGroupWork(
        "discipline and classroom order do not belong to welfare work",
        "handle it under the school's disciplinary procedure",
    ),
    MeasureKind.LEARNING_SUPPORT: NotExpertGroupWork(
        "the cooperation on learning support does not belong to the expert group: the national "
        "core curriculum for basic education (Finnish National Agency for Education) keeps "
        "learning support (its chapter 7) apart from pupil welfare (its chapter 8), as the "
        "Education Committee's report on the Act does",
        "plan it in the school's cooperation on learning support under the Basic Education Act, "
        "outside the expert group",
    ),
}


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
