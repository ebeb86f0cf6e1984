"""What may be done with a case, when, and what the law says otherwise.

opened → consent requested → consent given or refused → expert group formed → meetings →
measures agreed → follow-up reviews → closed. Consent can be withdrawn at any time and
takes effect at once: every step that relies on it checks it at the moment it is taken.
Each step appends its entry to the welfare record; nothing here ever removes one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent import (
    Consent,
    Consenter,
    ConsentForm,
    active_consent,
    covers,
)
from services.welfare_group.domain.group import (
    ExpertGroup,
    GroupMember,
    Measure,
    MeasureKind,
    Meeting,
    ReviewOutcome,
)
from services.welfare_group.domain.record import Author, EntryKind
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import WELFARE_PROFESSIONS

S = CaseStatus
_GROUP_AT_WORK = frozenset({S.GROUP_FORMED, S.FOLLOW_UP})
_OPEN = frozenset(S) - {S.CLOSED}


def _require(case: Case, allowed: Iterable[CaseStatus], step: str, *, instead: str) -> None:
    if case.status not in set(allowed):
        raise RuleViolation(
            "case lifecycle",
            f"cannot {step} while the case is {case.status.value.replace('_', ' ')}",
            instead=instead,
        )


def _entry(case: Case, kind: EntryKind, by: Author, at: datetime, **content: Any) -> Case:
    return replace(case, record=case.record.append(kind, by=by, at=at, content=content))


def _require_consent(case: Case, members: Iterable[str] = (), parties: Iterable[str] = ()) -> None:
    members, parties = set(members), set(parties)
    if not covers(case.consents, members=members, outside_parties=parties):
        named = ", ".join(sorted(members | parties))
        raise RuleViolation(
            "§14",
            f"no consent in force covers {named}",
            instead="record a consent that names them, or leave them out",
        )


def request_consent(
    case: Case, *, from_: Consenter, purpose: str, by: Author, at: datetime
) -> Case:
    _require(
        case,
        {
            S.OPENED,
            S.CONSENT_REFUSED,
            S.CONSENT_WITHDRAWN,
            S.CONSENT_GIVEN,
            S.GROUP_FORMED,
            S.FOLLOW_UP,
        },
        "request consent",
        instead="open a new case",
    )
    case = _entry(case, EntryKind.CONSENT_REQUESTED, by, at, from_=from_.value, purpose=purpose)
    return (
        case
        if case.status in _GROUP_AT_WORK | {S.CONSENT_GIVEN}
        else replace(case, status=S.CONSENT_REQUESTED)
    )


def decide_consent(
    case: Case,
    *,
    given: bool,
    given_by: Consenter,
    student_can_judge: bool,
    purpose: str,
    members: Iterable[str],
    outside_parties: Iterable[str],
    form: ConsentForm,
    by: Author,
    at: datetime,
) -> Case:
    _require(case, _OPEN, "record consent", instead="open a new case")
    consent = Consent(
        consent_id=uuid4(),
        version=len(case.consents) + 1,
        given=given,
        given_by=given_by,
        student_can_judge=student_can_judge,
        capacity_assessed_by=by.staff_id,
        purpose=purpose,
        members=frozenset(members),
        outside_parties=frozenset(outside_parties),
        form=form,
        decided_at=at,
    )
    case = _entry(
        case,
        EntryKind.CONSENT_DECISION,
        by,
        at,
        given=given,
        given_by=given_by.value,
        student_can_judge=student_can_judge,
        purpose=purpose,
        form=form.value,
        covers={
            "members": sorted(consent.members),
            "outside_parties": sorted(consent.outside_parties),
        },
    )
    consents = (*case.consents, consent)
    if case.status in _GROUP_AT_WORK:
        status = case.status  # a group at work already has a consent in force
    else:
        status = S.CONSENT_GIVEN if active_consent(consents) else S.CONSENT_REFUSED
    return replace(case, consents=consents, status=status)


def withdraw_consent(case: Case, *, by: Author, at: datetime) -> Case:
    in_force = [c.version for c in case.consents if c.in_force]
    if not in_force or not case.is_open:
        raise RuleViolation(
            "§14",
            "there is no consent in force to withdraw",
            instead="nothing: without consent the group cannot act",
        )
    consents = tuple(c.withdraw(at) if c.in_force else c for c in case.consents)
    case = _entry(case, EntryKind.CONSENT_WITHDRAWN, by, at, consent_versions=in_force)
    return replace(case, consents=consents, status=S.CONSENT_WITHDRAWN)


def form_group(
    case: Case, *, members: Iterable[GroupMember], responsible: str, by: Author, at: datetime
) -> Case:
    members = tuple(members)
    _require(
        case,
        {S.CONSENT_GIVEN},
        "form the expert group",
        instead="record the student's or guardian's consent first (§14)",
    )
    if responsible not in {m.staff_id for m in members}:
        raise RuleViolation(
            "§14",
            "the responsible person must be a member of the group",
            instead="name one of the members as responsible",
        )
    _require_consent(case, members=[m.staff_id for m in members])
    group = ExpertGroup(members, responsible)
    case = _entry(
        case,
        EntryKind.GROUP_FORMED,
        by,
        at,
        responsible=responsible,
        members=[{"staff_id": m.staff_id, "role": m.role.value} for m in members],
    )
    return replace(case, group=group, status=S.GROUP_FORMED)


def schedule_meeting(
    case: Case, *, on: datetime, attendees: Iterable[GroupMember], by: Author, at: datetime
) -> Case:
    attendees = tuple(attendees)
    _require(case, _GROUP_AT_WORK, "schedule a meeting", instead="form the expert group first")
    _require_consent(case, members=[a.staff_id for a in attendees])
    meeting = Meeting(uuid4(), on, attendees)
    case = _entry(
        case,
        EntryKind.MEETING_SCHEDULED,
        by,
        at,
        meeting_id=str(meeting.meeting_id),
        on=on.isoformat(),
        attendees=[a.staff_id for a in attendees],
    )
    return replace(case, meetings=(*case.meetings, meeting))


def hold_meeting(
    case: Case,
    *,
    meeting_id: UUID,
    attendees: Iterable[GroupMember],
    handling: str,
    by: Author,
    at: datetime,
) -> Case:
    attendees = tuple(attendees)
    _require(case, _GROUP_AT_WORK, "record a meeting", instead="a closed case takes no meetings")
    meeting = next((m for m in case.meetings if m.meeting_id == meeting_id and not m.held), None)
    if meeting is None:
        raise RuleViolation(
            "case lifecycle", "no such scheduled meeting", instead="schedule the meeting first"
        )
    _require_consent(case, members=[a.staff_id for a in attendees])
    case = _entry(
        case,
        EntryKind.MEETING_HELD,
        by,
        at,
        meeting_id=str(meeting_id),
        handling=handling,
        attendees=[{"staff_id": a.staff_id, "role": a.role.value} for a in attendees],
    )
    held = replace(meeting, held=True, attendees=attendees)
    return replace(case, meetings=tuple(held if m is meeting else m for m in case.meetings))


def agree_measures(case: Case, *, measures: Iterable[Measure], by: Author, at: datetime) -> Case:
    measures = tuple(measures)
    _require(case, _GROUP_AT_WORK, "agree measures", instead="form the expert group first")
    if any(m.kind is MeasureKind.DISCIPLINE for m in measures):
        raise RuleViolation(
            "§14",
            "discipline and classroom order do not belong to welfare work",
            instead="handle it under the school's disciplinary procedure",
        )
    _require_consent(
        case, members=[p for m in measures for p in (m.carried_out_by, m.followed_up_by)]
    )
    plan = [_measure_content(m) for m in measures]
    case = _entry(case, EntryKind.MEASURES_AGREED, by, at, measures=plan)
    return replace(case, measures=(*case.measures, *measures), status=S.FOLLOW_UP)


def _measure_content(m: Measure) -> Mapping[str, str]:
    return {
        "measure_id": str(m.measure_id),
        "kind": m.kind.value,
        "description": m.description,
        "carried_out_by": m.carried_out_by,
        "followed_up_by": m.followed_up_by,
        "review_on": m.review_on.isoformat(),
    }


def review(
    case: Case,
    *,
    outcome: ReviewOutcome,
    progress: str,
    by: Author,
    at: datetime,
    closing_reason: str | None = None,
) -> Case:
    _require(case, {S.FOLLOW_UP}, "review the follow-up", instead="agree measures first")
    case = _entry(
        case, EntryKind.FOLLOW_UP_REVIEW, by, at, outcome=outcome.value, progress=progress
    )
    if outcome is ReviewOutcome.CLOSE:
        return close(case, reason=closing_reason or progress, by=by, at=at)
    return case


def close(case: Case, *, reason: str, by: Author, at: datetime) -> Case:
    _require(case, _OPEN, "close the case", instead="it is closed already")
    case = _entry(case, EntryKind.CLOSED, by, at, reason=reason)
    return replace(case, status=S.CLOSED, closed_reason=reason)


def hear_student(case: Case, *, views: str, wishes: str, by: Author, at: datetime) -> Case:
    _require(case, _OPEN, "record the student's views", instead="open a new case")
    return _entry(case, EntryKind.STUDENT_VIEW, by, at, views=views, wishes=wishes)


def bar_guardian(case: Case, *, reason: str, assessment: str, by: Author, at: datetime) -> Case:
    """§18: a minor's bar on the guardian, signed off by a health or social care professional."""
    _require(case, _OPEN, "record a bar on the guardian", instead="open a new case")
    if by.profession not in WELFARE_PROFESSIONS:
        raise RuleViolation(
            "§18",
            "whether a bar is in the child's interest is judged by a health "
            "or social care professional",
            instead="ask the nurse, psychologist or kuraattori to assess and sign it off",
        )
    case = _entry(case, EntryKind.GUARDIAN_BARRED, by, at, reason=reason, assessment=assessment)
    return replace(case, guardian_may_be_notified=False, guardian_may_see_record=False)


def disclose(
    case: Case, *, to: str, what: str, legal_basis: str | None, by: Author, at: datetime
) -> Case:
    """Record data leaving the work: on a consent naming the recipient, or a cited statute."""
    if legal_basis is None:
        _require_consent(case, parties=[to])
    basis = legal_basis or "consent"
    return _entry(case, EntryKind.DISCLOSURE, by, at, to=to, what=what, legal_basis=basis)


def record_child_welfare_notice(case: Case, *, by: Author, at: datetime) -> Case:
    """Child Welfare Act §25: noted in the record; it changes nothing else in the case."""
    return _entry(case, EntryKind.CHILD_WELFARE_NOTICE, by, at, made_by=by.staff_id)


def correct(case: Case, *, entry_id: UUID, correction: str, by: Author, at: datetime) -> Case:
    record = case.record.append(
        EntryKind.CORRECTION, by=by, at=at, corrects=entry_id, content={"correction": correction}
    )
    return replace(case, record=record)


def review_due(case: Case) -> date | None:
    """The nearest follow-up review date of the agreed measures."""
    return min((m.review_on for m in case.measures), default=None) if case.is_open else None
