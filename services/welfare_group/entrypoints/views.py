"""What group members are shown of a case and of its record: the API's response models."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent_requests import item_decisions
from services.welfare_group.domain.group import MeasureKind
from services.welfare_group.domain.lifecycle import review_due
from services.welfare_group.domain.record import EntryKind, RecordEntry
from services.welfare_group.domain.record_content import DiscussionException, content_to_stored
from services.welfare_group.domain.registers import Controller, Register
from shared.contracts import ConcernCategory, StaffMember, Urgency

__all__ = [
    "CaseView",
    "ConsentItemView",
    "Decision",
    "MeasureView",
    "MeetingView",
    "RecordEntryView",
    "consent_items",
]

Decision = Literal["consented", "refused", "withdrawn"]


class ConsentItemView(BaseModel):
    """A member (staff_id) or outside party, by its latest consent decision (§14)."""

    item: str
    decision: Decision


def consent_items(case: Case) -> list[ConsentItemView]:
    return [
        ConsentItemView.model_validate({"item": k, "decision": v})
        for k, v in sorted(item_decisions(case.consents).items())
    ]


class MeetingView(BaseModel):
    meeting_id: UUID
    at: datetime
    held: bool
    attendees: list[str]


class MeasureView(BaseModel):
    measure_id: UUID
    kind: MeasureKind
    carried_out_by: str
    followed_up_by: str
    review_on: date


class CaseView(BaseModel):
    case_id: UUID
    student_ref: str
    school_id: str
    status: CaseStatus
    concern_ids: list[UUID]
    categories: list[ConcernCategory]
    urgency: Urgency
    responsible: StaffMember | None
    unassigned: bool  # nobody leads it: the school's principal must assign someone
    guardian_may_be_notified: bool
    # A raiser asked that the guardian not be told yet: "requested" until the responsible
    # person reviews it, "kept" once a professional has; None when there is no such hold.
    guardian_notice_hold: Literal["requested", "kept"] | None
    discussion_due_on: date | None  # None: no §15 discussion requested, so none is timed
    discussion_offered_on: date | None
    discussion_requested_on: date | None  # the day the §15 clock counts from
    discussion_exception: DiscussionException | None  # §15.2: the clock stopped, and why
    student_to_be_told_by: date | None  # §16.2: the notice to the student still owed
    opened_at: datetime
    group: list[StaffMember]
    group_outside_parties: list[str]  # brought in on consent naming them (§14)
    # Each member and outside party by its latest decision: consented, refused, withdrawn.
    consent_items: list[ConsentItemView]
    meetings: list[MeetingView]
    measures: list[MeasureView]
    review_due_on: date | None
    closed_reason: str | None

    @classmethod
    def of(cls, case: Case) -> CaseView:
        return cls(
            case_id=case.case_id,
            student_ref=case.student_ref,
            school_id=case.school_id,
            status=case.status,
            concern_ids=list(case.concern_ids),
            categories=list(case.categories),
            urgency=case.urgency,
            responsible=case.responsible,
            unassigned=case.unassigned,
            guardian_may_be_notified=case.guardian_may_be_notified,
            guardian_notice_hold=_hold(case),
            discussion_due_on=case.discussion_due_on,
            discussion_offered_on=case.discussion_offered_on,
            discussion_requested_on=case.discussion_requested_on,
            discussion_exception=case.discussion_exception,
            student_to_be_told_by=_owed(case),
            opened_at=case.opened_at,
            group=list(case.group.members if case.group else ()),
            group_outside_parties=list(case.group.outside_parties if case.group else ()),
            consent_items=consent_items(case),
            meetings=[
                MeetingView(
                    meeting_id=m.meeting_id,
                    at=m.at,
                    held=m.held,
                    attendees=[a.staff_id for a in m.attendees],
                )
                for m in case.meetings
            ],
            measures=[
                MeasureView(
                    measure_id=m.measure_id,
                    kind=m.kind,
                    carried_out_by=m.carried_out_by,
                    followed_up_by=m.followed_up_by,
                    review_on=m.review_on,
                )
                for m in case.measures
            ],
            review_due_on=review_due(case),
            closed_reason=case.closed_reason,
        )


def _hold(case: Case) -> Literal["requested", "kept"] | None:
    hold = case.guardian_notice_hold
    if hold is None:
        return None
    return "kept" if hold.confirmed_by else "requested"


def _owed(case: Case) -> date | None:
    notice = case.student_notice
    return notice.due_on if notice is not None and notice.pending else None


class RecordEntryView(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    entry_id: UUID
    seq: int
    kind: EntryKind
    at: datetime
    author: StaffMember
    content: dict[str, Any]
    corrects: UUID | None
    # Whose register holds the entry, and who controls it (§21). Named "register" in JSON;
    # the attribute is not, since pydantic's BaseModel has a ``register`` of its own.
    in_register: Register = Field(alias="register")
    controller: Controller

    @classmethod
    def of(cls, entry: RecordEntry) -> RecordEntryView:
        return cls(
            in_register=entry.register,
            controller=entry.register.controller,
            entry_id=entry.entry_id,
            seq=entry.seq,
            kind=entry.kind,
            at=entry.at,
            author=entry.author,
            content=content_to_stored(entry.content),
            corrects=entry.corrects,
        )
