"""What the record says of the expert group's work and of what is kept around it: formed,
meetings, measures, reviews, notices, corrections, closure (§20's content); disclosures
are in ``record_content_disclosure``.

Field names are the keys of the sealed JSON at rest, so they stay as they were written.
The ``kind`` names the entry's kind; it is not dumped, because the entry beside the
content says it already.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, PlainSerializer
from pydantic.dataclasses import dataclass

from services.welfare_group.domain.group import Measure, ReviewOutcome
from services.welfare_group.domain.participants import Participant
from shared.contracts import EntryKind, StaffMember

__all__ = [
    "ChildWelfareNotice",
    "Closed",
    "Correction",
    "FollowUpReview",
    "GroupFormed",
    "MeasuresAgreed",
    "MeetingHeld",
    "MeetingScheduled",
]

# A stored key the class does not know is drift between the record and the code: refuse it.
_EXACT = ConfigDict(extra="forbid")

# Sealed as ``isoformat()`` wrote it ("+00:00"), not as pydantic would ("Z"): the record
# at rest says what it always said.
Moment = Annotated[datetime, PlainSerializer(datetime.isoformat, return_type=str, when_used="json")]


@dataclass(frozen=True, config=_EXACT)
class GroupFormed:
    responsible: str  # the member who leads the case from here
    members: list[StaffMember]
    outside_parties: list[str] = Field(default_factory=list)  # on consent naming them (§14)
    kind: Literal[EntryKind.GROUP_FORMED] = Field(default=EntryKind.GROUP_FORMED, exclude=True)


@dataclass(frozen=True, config=_EXACT)
class MeetingScheduled:
    meeting_id: UUID
    on: Moment
    attendees: list[str]
    kind: Literal[EntryKind.MEETING_SCHEDULED] = Field(
        default=EntryKind.MEETING_SCHEDULED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class MeetingHeld:
    meeting_id: UUID
    handling: str
    attendees: list[StaffMember]  # staff, each in their role
    kind: Literal[EntryKind.MEETING_HELD] = Field(default=EntryKind.MEETING_HELD, exclude=True)
    # The student, guardians and outside parties who attended, each in their position.
    others: list[Participant] = Field(default_factory=list)


@dataclass(frozen=True, config=_EXACT)
class MeasuresAgreed:
    measures: list[Measure]  # the plan as agreed, each with its review date
    kind: Literal[EntryKind.MEASURES_AGREED] = Field(
        default=EntryKind.MEASURES_AGREED, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class FollowUpReview:
    outcome: ReviewOutcome
    progress: str
    kind: Literal[EntryKind.FOLLOW_UP_REVIEW] = Field(
        default=EntryKind.FOLLOW_UP_REVIEW, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class ChildWelfareNotice:
    # Child Welfare Act §25: who made the notice, on which day, to which authority; the
    # notice itself is the notifier's and the authority's, not the record's.
    made_by: str
    made_on: date
    to: str
    kind: Literal[EntryKind.CHILD_WELFARE_NOTICE] = Field(
        default=EntryKind.CHILD_WELFARE_NOTICE, exclude=True
    )


@dataclass(frozen=True, config=_EXACT)
class Correction:
    correction: str  # the entry it corrects is named beside it, by the record entry
    kind: Literal[EntryKind.CORRECTION] = Field(default=EntryKind.CORRECTION, exclude=True)


@dataclass(frozen=True, config=_EXACT)
class Closed:
    reason: str
    kind: Literal[EntryKind.CLOSED] = Field(default=EntryKind.CLOSED, exclude=True)
