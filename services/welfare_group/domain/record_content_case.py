"""What the record says of a case before its expert group: the concern, the lead, consent,
the student heard and what the guardian is told (§20's content, one class per kind).

Field names are the keys of the sealed JSON at rest, so they stay as they were written
(``from_`` included). The ``kind`` names the entry's kind; it is not dumped, because the
entry beside the content says it already.
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.guardian_bars import GuardianBar
from shared.contracts import (
    ConcernCategory,
    EntryKind,
    GuardianHoldGround,
    RequestedBy,
    StaffMember,
)

__all__ = [
    "CaseOpened",
    "ConcernLinked",
    "ConsentCoverage",
    "ConsentDecision",
    "ConsentRequested",
    "ConsentWithdrawn",
    "DiscussionOffered",
    "GuardianBarLifted",
    "GuardianBarred",
    "GuardianHoldConfirmed",
    "GuardianHoldLapsed",
    "GuardianHoldLifted",
    "ResponsibleAssigned",
    "StudentView",
]

# A stored key the class does not know is drift between the record and the code: refuse it.
_EXACT = ConfigDict(extra="forbid")


@dataclass(frozen=True, config=_EXACT)
class CaseOpened:
    topic: list[ConcernCategory]
    # The narrative stays in intake, where it was written; the record points to it.
    background: str
    raised_by: StaffMember | None  # None: the student's or a guardian's own request
    guardian_hold_requested: bool
    guardian_hold_ground: GuardianHoldGround | None = None  # the raiser's ground (§16.3)
    requested_by: RequestedBy = RequestedBy.STAFF  # who asked (§15.1-2)
    requester_ref: str | None = None  # the student or guardian who asked, by reference

    @property
    def raiser(self) -> str | None:
        """Who raised it (§20.4): the staff member, or the student or guardian who asked."""
        return self.raised_by.staff_id if self.raised_by else self.requester_ref

    kind: Literal[EntryKind.CASE_OPENED] = Field(default=EntryKind.CASE_OPENED, exclude=True)


@dataclass(frozen=True, config=_EXACT)
class ConcernLinked:
    topic: list[ConcernCategory]
    concern_id: UUID
    raised_by: StaffMember | None
    guardian_hold_requested: bool
    requested_by: RequestedBy = RequestedBy.STAFF
    requester_ref: str | None = None

    @property
    def raiser(self) -> str | None:
        return self.raised_by.staff_id if self.raised_by else self.requester_ref

    kind: Literal[EntryKind.CONCERN_LINKED] = Field(default=EntryKind.CONCERN_LINKED, exclude=True)


@dataclass(frozen=True, config=_EXACT)
class DiscussionOffered:
    offered_on: date
    offered_by: str
    # §15's deadline met or missed, as it stood on the day; None: no deadline was running.
    within_deadline: bool | None
    kind: Literal[EntryKind.DISCUSSION_OFFERED] = Field(
        default=EntryKind.DISCUSSION_OFFERED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class ConsentRequested:
    from_: Consenter
    purpose: str
    # What is asked, item by item, so the family can answer each (§14); none: the purpose only.
    members: list[StaffMember] = Field(default_factory=list)
    outside_parties: list[str] = Field(default_factory=list)
    # The capacity assessment the request rests on, by the professional asking (a nurse,
    # psychologist or kuraattori), so that the family's own answer needs none of theirs.
    student_can_judge: bool | None = None
    capacity_reasons: str | None = None
    kind: Literal[EntryKind.CONSENT_REQUESTED] = Field(
        default=EntryKind.CONSENT_REQUESTED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class ConsentCoverage:
    """Whom a consent decision names, sorted, as the itemised consent lists them (§14)."""

    members: list[str]
    outside_parties: list[str]


@dataclass(frozen=True, config=_EXACT)
class ConsentDecision:
    given: bool  # False records a refusal: the tahdonilmaisu is kept either way
    given_by: Consenter
    student_can_judge: bool
    purpose: str
    form: ConsentForm
    covers: ConsentCoverage
    # The capacity assessment (§14): who made it, a health or social care professional, and
    # why. None only for a student of age who decides for themself.
    capacity_assessed_by: str | None = None
    capacity_reasons: str | None = None
    # Every item refused, explicitly (for a refusal, what it covers); None: nothing refused.
    refused: ConsentCoverage | None = None
    # The family's own answer, given online: who gave it (by reference), and the request it
    # answers; the entry is entered by the professional who asked.
    answered_by: str | None = None
    answers: UUID | None = None
    kind: Literal[EntryKind.CONSENT_DECISION] = Field(
        default=EntryKind.CONSENT_DECISION, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class ConsentWithdrawn:
    consent_versions: list[int]
    left_group: list[str]  # members no consent in force covers any more
    withdrawn_by: str | None = None  # the family member who withdrew it online, by reference
    kind: Literal[EntryKind.CONSENT_WITHDRAWN] = Field(
        default=EntryKind.CONSENT_WITHDRAWN, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class StudentView:
    views: str
    wishes: str
    kind: Literal[EntryKind.STUDENT_VIEW] = Field(default=EntryKind.STUDENT_VIEW, exclude=True)


@dataclass(frozen=True, config=_EXACT)
class GuardianBarred:
    reason: str
    assessment: str  # why the bar is in the child's interest (§18)
    bars: list[GuardianBar]  # which of the two §18.2 bars, each chosen alone
    kind: Literal[EntryKind.GUARDIAN_BARRED] = Field(
        default=EntryKind.GUARDIAN_BARRED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class GuardianBarLifted:
    bars: list[GuardianBar]
    reason: str  # the student's withdrawal, or why the professional judges it over
    kind: Literal[EntryKind.GUARDIAN_BAR_LIFTED] = Field(
        default=EntryKind.GUARDIAN_BAR_LIFTED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class GuardianHoldConfirmed:
    ground: str
    requested_by: str
    expires_on: date | None = None  # the new expiry the professional's review sets
    kind: Literal[EntryKind.GUARDIAN_HOLD_CONFIRMED] = Field(
        default=EntryKind.GUARDIAN_HOLD_CONFIRMED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class GuardianHoldLifted:
    ground: str
    requested_by: str
    kind: Literal[EntryKind.GUARDIAN_HOLD_LIFTED] = Field(
        default=EntryKind.GUARDIAN_HOLD_LIFTED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class GuardianHoldLapsed:
    """The hold reached its expiry with no professional keeping it: the guardian is told."""

    requested_by: str
    expired_on: date
    kind: Literal[EntryKind.GUARDIAN_HOLD_LAPSED] = Field(
        default=EntryKind.GUARDIAN_HOLD_LAPSED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class ResponsibleAssigned:
    responsible: StaffMember
    previous: str | None  # nobody led the case before: it was with the principal
    kind: Literal[EntryKind.RESPONSIBLE_ASSIGNED] = Field(
        default=EntryKind.RESPONSIBLE_ASSIGNED, exclude=True
    )
