"""The expert group at work: formed on consent, meets, agrees measures, reviews, closes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from uuid import UUID, uuid4

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.group import (
    NOT_EXPERT_GROUP_WORK,
    ExpertGroup,
    Measure,
    Meeting,
    ReviewOutcome,
)
from services.welfare_group.domain.lifecycle.guards import (
    GROUP_AT_WORK,
    OPEN,
    entry,
    require,
    require_consent,
    require_lead_or_principal,
)
from services.welfare_group.domain.lifecycle.header import header
from services.welfare_group.domain.participants import Participant, check_participants
from services.welfare_group.domain.record_content import (
    Closed,
    FollowUpReview,
    GroupFormed,
    MeasuresAgreed,
    MeetingHeld,
    MeetingScheduled,
)
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.students import StudentIdentity
from shared.contracts import StaffMember

__all__ = [
    "agree_measures",
    "close",
    "form_group",
    "hold_meeting",
    "review",
    "review_due",
    "schedule_meeting",
]

S = CaseStatus


def form_group(
    case: Case,
    *,
    members: Iterable[StaffMember],
    responsible: str,
    by: StaffMember,
    at: datetime,
    student: StudentIdentity | None,
    background: str | None = None,
    background_shared_with_raiser: bool = False,
    outside_parties: Iterable[str] = (),
) -> Case:
    """The group formed on consent, its outside parties too. The first time, the
    opiskeluhuoltokertomus begins: its §20.4 header, then the group; a group formed again
    on a new consent adds the group."""
    members = tuple(members)
    require(
        case,
        {S.CONSENT_GIVEN},
        "form the expert group",
        instead="record the student's or guardian's consent first (§14)",
    )
    require_lead_or_principal(
        case,
        by,
        message="the expert group is formed by the case's responsible person",
        instead="ask the responsible person to form it (or the principal, if nobody leads)",
    )
    if responsible not in {m.staff_id for m in members}:
        raise RuleViolation(
            "§14",
            "the responsible person must be a member of the group",
            instead="name one of the members as responsible",
        )
    parties = tuple(sorted(set(outside_parties)))
    require_consent(case, members=[m.staff_id for m in members], parties=parties)
    group = ExpertGroup(members, responsible, parties)
    if not case.record.begun:
        begun = header(case, student, background, background_shared_with_raiser)
        case = entry(case, begun, by, at)
    formed = GroupFormed(
        responsible=responsible, members=list(members), outside_parties=list(parties)
    )
    case = entry(case, formed, by, at)
    # The group's responsible person leads the case from here: its reminders go to them.
    lead = next(m for m in members if m.staff_id == responsible)
    return replace(
        case,
        group=group,
        status=S.GROUP_FORMED,
        responsible=StaffMember(lead.staff_id, lead.role),
    )


def schedule_meeting(
    case: Case, *, on: datetime, attendees: Iterable[StaffMember], by: StaffMember, at: datetime
) -> Case:
    attendees = tuple(attendees)
    require(case, GROUP_AT_WORK, "schedule a meeting", instead="form the expert group first")
    require_consent(case, members=[a.staff_id for a in attendees])
    meeting = Meeting(uuid4(), on, attendees)
    scheduled = MeetingScheduled(
        meeting_id=meeting.meeting_id, on=on, attendees=[a.staff_id for a in attendees]
    )
    case = entry(case, scheduled, by, at)
    return replace(case, meetings=(*case.meetings, meeting))


def hold_meeting(
    case: Case,
    *,
    meeting_id: UUID,
    attendees: Iterable[StaffMember],
    handling: str,
    by: StaffMember,
    at: datetime,
    others: Iterable[Participant] = (),
) -> Case:
    attendees, others = tuple(attendees), tuple(others)
    require(case, GROUP_AT_WORK, "record a meeting", instead="a closed case takes no meetings")
    meeting = next((m for m in case.meetings if m.meeting_id == meeting_id and not m.held), None)
    if meeting is None:
        raise RuleViolation(
            "case lifecycle", "no such scheduled meeting", instead="schedule the meeting first"
        )
    require_consent(case, members=[a.staff_id for a in attendees])
    check_participants(
        others, consents=case.consents, guardian_barred=not case.guardian_may_see_record
    )
    held_as = MeetingHeld(
        meeting_id=meeting_id, handling=handling, attendees=list(attendees), others=list(others)
    )
    case = entry(case, held_as, by, at)
    held = replace(meeting, held=True, attendees=attendees)
    return replace(case, meetings=tuple(held if m is meeting else m for m in case.meetings))


def agree_measures(
    case: Case, *, measures: Iterable[Measure], by: StaffMember, at: datetime
) -> Case:
    measures = tuple(measures)
    require(case, GROUP_AT_WORK, "agree measures", instead="form the expert group first")
    for measure in measures:
        if (excluded := NOT_EXPERT_GROUP_WORK.get(measure.kind)) is not None:
            raise RuleViolation("§14", excluded.why, instead=excluded.instead)
    require_consent(
        case, members=[p for m in measures for p in (m.carried_out_by, m.followed_up_by)]
    )
    case = entry(case, MeasuresAgreed(measures=list(measures)), by, at)
    return replace(case, measures=(*case.measures, *measures), status=S.FOLLOW_UP)


def review(
    case: Case,
    *,
    outcome: ReviewOutcome,
    progress: str,
    by: StaffMember,
    at: datetime,
    closing_reason: str | None = None,
) -> Case:
    require(case, {S.FOLLOW_UP}, "review the follow-up", instead="agree measures first")
    case = entry(case, FollowUpReview(outcome=outcome, progress=progress), by, at)
    if outcome is ReviewOutcome.CLOSE:
        return close(case, reason=closing_reason or progress, by=by, at=at)
    return case


def close(case: Case, *, reason: str, by: StaffMember, at: datetime) -> Case:
    require(case, OPEN, "close the case", instead="it is closed already")
    case = entry(case, Closed(reason=reason), by, at)
    return replace(case, status=S.CLOSED, closed_reason=reason, closed_at=at)


def review_due(case: Case) -> date | None:
    """The nearest follow-up review date of the agreed measures."""
    return min((m.review_on for m in case.measures), default=None) if case.is_open else None
