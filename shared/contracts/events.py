"""Every event type of the platform, versioned, in one discriminated union.

Events carry identifiers only: never a name, an identity code or a free-text narrative.
A new incompatible shape is a new class with ``schema_version`` raised by one; the old
class stays in the union for as long as old events can still be read.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass

from shared.contracts.envelope import Event
from shared.contracts.vocabulary import (
    Audience,
    ConcernCategory,
    EntryKind,
    Identifier,
    MeasureKind,
    StaffRole,
    Urgency,
)

__all__ = [
    "CaseConcernLinkedData",
    "CaseConcernLinkedV1",
    "CaseFacts",
    "CaseOpenedData",
    "CaseOpenedV1",
    "CaseStepRecordedData",
    "CaseStepRecordedV1",
    "Categories",
    "EventData",
    "NotificationFailedData",
    "NotificationFailedV1",
    "NotificationSentData",
    "NotificationSentV1",
    "StaffMember",
    "StepFigures",
]


class EventData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class StaffMember:
    """A member of the school's staff, as every service and event names one: an id and the
    role they act in. A pydantic dataclass, so that the domains' frozen dataclasses hold it
    as it is and it is still validated wherever it crosses a boundary."""

    staff_id: Identifier
    role: StaffRole


Categories = Annotated[list[ConcernCategory], Field(min_length=1, max_length=8)]


class CaseFacts(EventData):
    """Where a case stands after a concern reached it: common to the case events."""

    case_id: UUID
    concern_id: UUID
    student_ref: Identifier
    school_id: Identifier
    categories: Categories
    urgency: Urgency
    responsible: StaffMember | None  # None: unassigned, with the school's principal
    # None: no psychologist or kuraattori discussion is requested, so §15 times nothing.
    # Optional within v1: events written before it could be None always carry a date.
    discussion_due_on: date | None = None
    # The profession the concern's own categories call for; what its raiser is shown.
    # Optional within v1: events written before it was added do not carry it.
    referred_to: StaffRole | None = None
    # §16.2: this concern was raised without the student, who is to be told of the contact
    # and offered a discussion by this day (the responsible person's task). Optional in v1.
    student_to_be_told_by: date | None = None


class CaseOpenedData(CaseFacts):
    notify_roles: list[StaffRole]
    guardian_may_be_notified: bool
    opened_at: AwareDatetime


class CaseOpenedV1(Event[CaseOpenedData]):
    type: Literal["case.opened"] = "case.opened"
    schema_version: Literal[1] = 1


class CaseConcernLinkedData(CaseFacts):
    """A further concern about a student who already has an open case joins that case."""


class CaseConcernLinkedV1(Event[CaseConcernLinkedData]):
    type: Literal["case.concern_linked"] = "case.concern_linked"
    schema_version: Literal[1] = 1


class StepFigures(EventData):
    """What a step adds to the statistics that name no one (§25): counts and durations that
    the welfare group alone can work out, since only it holds the case's history and the
    school's calendar. Each step fills in the figures it closes and leaves the rest None."""

    # discussion_offered: school days from the request day to the offer, and whether §15's
    # limit was kept (None: no limit ran, the discussion was not asked for under §15).
    school_days_to_discussion: Annotated[int, Field(ge=0, le=400)] | None = None
    within_limit: bool | None = None
    # closed: calendar days from the case's opening to its closing.
    days_open: Annotated[int, Field(ge=0, le=20_000)] | None = None
    # consent_decision: given, or refused.
    consent_given: bool | None = None
    # measures_agreed: the kind of each measure in the plan as agreed.
    measure_kinds: Annotated[list[MeasureKind], Field(max_length=50)] | None = None


class CaseStepRecordedData(EventData):
    """A step of the case's lifecycle was taken and entered in the welfare record.

    ``step`` is the record entry's kind (consent_requested, group_formed, meeting_scheduled,
    …); ``involved`` are the staff the step concerns (members, attendees, owners), so that
    they can be told without reading the record.
    """

    case_id: UUID
    student_ref: Identifier
    school_id: Identifier
    step: EntryKind
    entry_seq: int
    status: Annotated[str, Field(pattern=r"^[a-z_]{3,40}$")]
    recorded_by: StaffMember
    involved: list[Identifier]
    responsible: StaffMember | None
    guardian_may_be_notified: bool
    # Whether the guardian may receive the case's confidential data (no §18.2 data bar, not
    # of age). Optional within v1: events written before it was added do not carry it.
    guardian_may_see_record: bool | None = None
    # Whom the step's declaration says to tell; the guardian still only when §18 allows.
    audience: Audience = Audience.NOBODY
    # What the family or the group must be told of the step, and nothing else of it.
    consent_asked_of: Literal["student", "guardian"] | None = None
    meeting_on: AwareDatetime | None = None
    # The step's anonymous figures for the statistics. Optional within v1: events written
    # before it was added do not carry it, and are counted without them.
    figures: StepFigures | None = None


class CaseStepRecordedV1(Event[CaseStepRecordedData]):
    type: Literal["case.step_recorded"] = "case.step_recorded"
    schema_version: Literal[1] = 1


Channel = Literal["inbox", "email", "sms"]
RecipientKind = Literal["staff", "guardian"]


class NotificationSentData(EventData):
    notification_id: UUID
    case_id: UUID
    recipient_id: Identifier
    recipient_kind: RecipientKind
    channel: Channel
    sent_at: AwareDatetime
    # The case's school, for the statistics. Optional within v1: older events lack it.
    school_id: Identifier | None = None


class NotificationSentV1(Event[NotificationSentData]):
    type: Literal["notification.sent"] = "notification.sent"
    schema_version: Literal[1] = 1


class NotificationFailedData(EventData):
    notification_id: UUID
    case_id: UUID
    recipient_id: Identifier
    recipient_kind: RecipientKind
    channel: Channel
    attempts: int
    reason: Annotated[str, Field(max_length=200, pattern=r"^[a-z_]+(: [A-Za-z0-9 ._-]*)?$")]
    failed_at: AwareDatetime
    # The case's school, for the statistics. Optional within v1: older events lack it.
    school_id: Identifier | None = None


class NotificationFailedV1(Event[NotificationFailedData]):
    type: Literal["notification.failed"] = "notification.failed"
    schema_version: Literal[1] = 1
