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
from shared.contracts import ConcernCategory, EntryKind, StaffMember

__all__ = [
    "CaseOpened",
    "ConcernLinked",
    "ConsentCoverage",
    "ConsentDecision",
    "ConsentRequested",
    "ConsentWithdrawn",
    "DiscussionOffered",
    "GuardianBarred",
    "GuardianHoldConfirmed",
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
    raised_by: StaffMember
    guardian_hold_requested: bool
    kind: Literal[EntryKind.CASE_OPENED] = Field(default=EntryKind.CASE_OPENED, exclude=True)


@dataclass(frozen=True, config=_EXACT)
class ConcernLinked:
    topic: list[ConcernCategory]
    concern_id: UUID
    raised_by: StaffMember
    guardian_hold_requested: bool
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
    kind: Literal[EntryKind.CONSENT_DECISION] = Field(
        default=EntryKind.CONSENT_DECISION, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class ConsentWithdrawn:
    consent_versions: list[int]
    left_group: list[str]  # members no consent in force covers any more
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
    kind: Literal[EntryKind.GUARDIAN_BARRED] = Field(
        default=EntryKind.GUARDIAN_BARRED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class GuardianHoldConfirmed:
    ground: str
    requested_by: str
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
class ResponsibleAssigned:
    responsible: StaffMember
    previous: str | None  # nobody led the case before: it was with the principal
    kind: Literal[EntryKind.RESPONSIBLE_ASSIGNED] = Field(
        default=EntryKind.RESPONSIBLE_ASSIGNED, exclude=True
    )
