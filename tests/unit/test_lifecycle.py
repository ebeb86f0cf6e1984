"""A case carried from opening to closure, and each step the law forbids, refused with why."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import CaseStatus
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.group import MeasureKind, ReviewOutcome
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.record import EntryKind
from services.welfare_group.domain.record_content import (
    DiscussionOffered,
    DiscussionRequester,
    content_to_stored,
)
from services.welfare_group.domain.registers import Register
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import Role, StaffMember, Urgency
from tests.support.cases import (
    NURSE,
    PSY,
    PSYCHOLOGIST,
    START,
    STUDENT,
    TEACHER,
    T,
    consented,
    measure,
    opened_case,
    with_group,
)


def test_a_case_is_carried_from_opening_to_closure_with_every_step_in_the_record() -> None:
    case = with_group()
    case = step.hear_student(
        case, views="feels left out", wishes="talks at school", by=PSYCHOLOGIST, at=T[3]
    )
    case = step.schedule_meeting(case, on=T[10], attendees=[PSY, NURSE], by=PSYCHOLOGIST, at=T[4])
    case = step.hold_meeting(
        case,
        meeting_id=case.meetings[0].meeting_id,
        attendees=[PSY, NURSE],
        handling="plan agreed with the student",
        by=PSYCHOLOGIST,
        at=T[10],
    )
    case = step.agree_measures(case, measures=[measure()], by=PSYCHOLOGIST, at=T[11])
    assert step.review_due(case) == date(2027, 1, 15)
    case = step.review(
        case, outcome=ReviewOutcome.CONTINUE, progress="better", by=PSYCHOLOGIST, at=T[12]
    )
    case = step.review(
        case, outcome=ReviewOutcome.CLOSE, progress="goals met", by=PSYCHOLOGIST, at=T[13]
    )

    assert case.status is CaseStatus.CLOSED
    assert case.closed_reason == "goals met"
    assert [e.kind for e in case.record.entries] == [
        EntryKind.CASE_OPENED,
        EntryKind.CONSENT_REQUESTED,
        EntryKind.CONSENT_DECISION,
        EntryKind.RECORD_HEADER,  # §20.4: the opiskeluhuoltokertomus begins with the group
        EntryKind.GROUP_FORMED,
        EntryKind.STUDENT_VIEW,
        EntryKind.MEETING_SCHEDULED,
        EntryKind.MEETING_HELD,
        EntryKind.MEASURES_AGREED,
        EntryKind.FOLLOW_UP_REVIEW,
        EntryKind.FOLLOW_UP_REVIEW,
        EntryKind.CLOSED,
    ]
    # The referral and the consent request are the psychologist's, in the county's register.
    assert [e.register for e in case.record.entries[:2]] == [Register.HEALTH_CARE] * 2
    assert {e.register for e in case.record.entries[2:]} == {Register.WELFARE}
    held = case.record.entries[7]
    assert held.author == PSYCHOLOGIST
    assert content_to_stored(held.content)["attendees"] == [
        {"staff_id": "psychologist-elias", "role": "psychologist"},
        {"staff_id": "nurse-aino", "role": "nurse"},
    ]


def refused(rule: str, attempt: Any) -> RuleViolation:
    with pytest.raises(RuleViolation) as refusal:
        attempt()
    assert refusal.value.rule == rule
    assert refusal.value.instead
    return refusal.value


def test_no_group_without_consent() -> None:
    why = refused(
        "case lifecycle",
        lambda: step.form_group(
            opened_case(),
            members=[PSY],
            responsible=PSY.staff_id,
            by=PSYCHOLOGIST,
            at=T[0],
            student=STUDENT,
        ),
    )
    assert "consent" in why.instead


def test_no_group_member_the_consent_does_not_name() -> None:
    why = refused(
        "§14",
        lambda: step.form_group(
            consented(members=("psychologist-elias",)),
            members=[PSY, NURSE],
            responsible=PSY.staff_id,
            by=PSYCHOLOGIST,
            at=T[2],
            student=STUDENT,
        ),
    )
    assert "nurse-aino" in why.message


def test_the_consenter_follows_the_capacity_assessment() -> None:
    refused("§14", lambda: consented(given_by=Consenter.GUARDIAN))
    refused("§14", lambda: consented(student_can_judge=False))
    assert (
        consented(given_by=Consenter.GUARDIAN, student_can_judge=False).status
        is CaseStatus.CONSENT_GIVEN
    )


def test_outside_parties_need_written_consent_naming_them() -> None:
    refused(
        "§14",
        lambda: consented(outside_parties=("youth-services",), form=ConsentForm.ORAL_RECORDED),
    )
    # Naming youth services in the consent to take part (§19.2) lets them into the work;
    # it is no consent to disclose record data to them (§22): see tests/unit/test_disclosures.py.
    named = consented(outside_parties=("youth-services",))
    for case in (with_group(), named):
        refused(
            "§22",
            lambda case=case: step.disclose(
                case,
                to="youth-services",
                what="plan",
                data=RecordData.PLAN_OF_MEASURES,
                statute=None,
                by=PSYCHOLOGIST,
                at=T[5],
            ),
        )


def test_a_withdrawal_takes_effect_at_once() -> None:
    case = step.withdraw_consent(with_group(), by=PSYCHOLOGIST, at=T[3])
    assert case.status is CaseStatus.CONSENT_WITHDRAWN
    refused(
        "case lifecycle",
        lambda: step.schedule_meeting(case, on=T[9], attendees=[PSY], by=PSYCHOLOGIST, at=T[4]),
    )
    assert all(c.withdrawn_at == T[3] for c in case.consents)


def test_a_refused_wider_request_leaves_the_consent_in_force() -> None:
    case = step.decide_consent(
        with_group(),
        given=False,
        given_by=Consenter.STUDENT,
        student_can_judge=True,
        purpose="bring in youth services",
        members=(),
        outside_parties=("youth-services",),
        form=ConsentForm.WRITTEN,
        capacity_reasons="understands what the wider group would mean",
        by=PSYCHOLOGIST,
        at=T[3],
    )
    assert case.status is CaseStatus.GROUP_FORMED
    assert len(case.consents) == 2
    step.schedule_meeting(case, on=T[9], attendees=[PSY], by=PSYCHOLOGIST, at=T[4])


def test_a_discipline_matter_does_not_belong_here() -> None:
    why = refused(
        "§14",
        lambda: step.agree_measures(
            with_group(), measures=[measure(MeasureKind.DISCIPLINE)], by=PSYCHOLOGIST, at=T[3]
        ),
    )
    assert "disciplinary procedure" in why.instead


def test_the_cooperation_on_learning_support_is_no_expert_group_measure() -> None:
    case = with_group()
    support = measure(MeasureKind.LEARNING_SUPPORT)
    why = refused(
        "§14",
        lambda: step.agree_measures(case, measures=[measure(), support], by=PSYCHOLOGIST, at=T[3]),
    )
    assert "national core curriculum" in why.message
    assert "learning support under the Basic Education Act" in why.instead
    assert step.agree_measures(case, measures=[measure()], by=PSYCHOLOGIST, at=T[3]).measures


def test_a_closed_case_takes_no_meeting() -> None:
    case = step.close(with_group(), reason="moved away", by=PSYCHOLOGIST, at=T[3])
    refused(
        "case lifecycle",
        lambda: step.schedule_meeting(case, on=T[9], attendees=[PSY], by=PSYCHOLOGIST, at=T[4]),
    )


def test_a_guardian_bar_is_signed_off_by_a_welfare_professional_and_sticks() -> None:
    refused(
        "§18",
        lambda: step.bar_guardian(
            opened_case(),
            bars=list(GuardianBar),
            reason="weighty",
            assessment="ok",
            by=TEACHER,
            at=T[0],
        ),
    )
    case = step.bar_guardian(
        opened_case(),
        bars=list(GuardianBar),
        reason="weighty",
        assessment="in the child's interest",
        by=PSYCHOLOGIST,
        at=T[0],
    )
    assert not case.guardian_may_be_notified
    assert not case.guardian_may_see_record


def test_the_record_requires_its_content_and_corrections_reference_never_edit() -> None:
    scheduled = step.schedule_meeting(
        with_group(), on=T[9], attendees=[PSY], by=PSYCHOLOGIST, at=T[3]
    )
    why = refused(
        "§20",
        lambda: step.hold_meeting(
            scheduled,
            meeting_id=scheduled.meetings[0].meeting_id,
            attendees=[PSY],
            handling="",
            by=PSYCHOLOGIST,
            at=T[4],
        ),
    )
    assert "handling" in why.message
    case = with_group()
    original = case.record.entries[2]
    corrected = step.correct(
        case, entry_id=original.entry_id, correction="form was oral", by=PSYCHOLOGIST, at=T[5]
    )
    assert corrected.record.entries[2] == original
    assert corrected.record.entries[-1].corrects == original.entry_id
    refused(
        "§20",
        lambda: step.correct(case, entry_id=uuid.uuid4(), correction="x", by=PSYCHOLOGIST, at=T[5]),
    )


def test_a_child_welfare_notice_is_noted_and_changes_nothing_else() -> None:
    case = with_group()
    noted = step.record_child_welfare_notice(
        case,
        made_on=T[4].date(),
        to="helsinki-child-welfare",
        by=StaffMember("kuraattori-kaisa", Role.KURAATTORI),
        at=T[4],
    )
    assert noted.record.entries[-1].kind is EntryKind.CHILD_WELFARE_NOTICE
    assert content_to_stored(noted.record.entries[-1].content) == {
        "made_by": "kuraattori-kaisa",
        "made_on": T[4].date().isoformat(),
        "to": "helsinki-child-welfare",
    }
    assert (noted.status, noted.group, noted.consents) == (case.status, case.group, case.consents)


def test_the_discussion_offered_meets_the_deadline_and_keeps_the_first_day() -> None:
    case = opened_case()
    first = step.offer_discussion(case, offered_on=START.date(), by=PSYCHOLOGIST, at=T[0])
    again = step.offer_discussion(
        first, offered_on=START.date() + timedelta(days=1), by=PSYCHOLOGIST, at=T[1]
    )
    assert again.discussion_offered_on == START.date()
    offered = [e.content for e in again.record.entries if e.kind is EntryKind.DISCUSSION_OFFERED]
    assert all(isinstance(o, DiscussionOffered) for o in offered)
    assert [o.within_deadline for o in offered if isinstance(o, DiscussionOffered)] == [True, True]
    assert again.status is CaseStatus.OPENED


def test_only_a_psychologist_or_kuraattori_offers_the_section_15_discussion() -> None:
    nurse = StaffMember("nurse-aino", Role.NURSE)
    with pytest.raises(RuleViolation) as refused:
        step.offer_discussion(opened_case(), offered_on=START.date(), by=nurse, at=T[0])
    assert refused.value.rule == "§15"
    with pytest.raises(RuleViolation, match="before the concern was raised"):
        step.offer_discussion(opened_case(), offered_on=date(2026, 1, 1), by=PSYCHOLOGIST, at=T[0])


def test_a_discussion_request_starts_the_clock_and_never_postpones_it() -> None:
    calendar = SchoolCalendar()
    nurse_case = replace(opened_case(), discussion_due_on=None, discussion_requested_on=None)
    requested = step.request_discussion(
        nurse_case, requested_on=date(2026, 11, 25), requested_by=DiscussionRequester.GUARDIAN,
        with_profession=Role.KURAATTORI, calendar=calendar, by=NURSE, at=T[0],
    )  # fmt: skip
    assert requested.discussion_requested_on == date(2026, 11, 25)
    assert requested.discussion_due_on == date(2026, 12, 4)  # 7 school days on
    later = step.request_discussion(
        requested, requested_on=date(2026, 11, 27), requested_by=DiscussionRequester.STUDENT,
        with_profession=Role.PSYCHOLOGIST, calendar=calendar, by=NURSE, at=T[1],
    )  # fmt: skip
    assert later.discussion_due_on == date(2026, 12, 4)
    assert later.discussion_requested_on == date(2026, 11, 25)
    with pytest.raises(RuleViolation) as refused:
        step.request_discussion(
            nurse_case, requested_on=date(2026, 11, 25), requested_by=DiscussionRequester.STAFF,
            with_profession=Role.NURSE, calendar=calendar, by=NURSE, at=T[0],
        )  # fmt: skip
    assert refused.value.rule == "§15"


def test_a_welfare_professional_reassesses_urgency_from_the_day_of_the_request() -> None:
    calendar = SchoolCalendar()
    case = opened_case()  # routine, requested Monday 23 November 2026, due 2 December
    urgent = step.reassess_urgency(
        case, urgency=Urgency.URGENT, reason="self-harm mentioned", calendar=calendar,
        by=NURSE, at=T[0],
    )  # fmt: skip
    assert urgent.urgency is Urgency.URGENT
    assert urgent.discussion_due_on == date(2026, 11, 24)  # the next working day
    assert urgent.record.entries[-1].kind is EntryKind.URGENCY_REASSESSED
    back = step.reassess_urgency(
        urgent, urgency=Urgency.ROUTINE, reason="talked to her", calendar=calendar,
        by=PSYCHOLOGIST, at=T[1],
    )  # fmt: skip
    assert back.discussion_due_on == date(2026, 12, 2)  # from the request day, not today
    for by, urgency in ((TEACHER, Urgency.URGENT), (NURSE, Urgency.ROUTINE)):
        with pytest.raises(RuleViolation) as refused:
            step.reassess_urgency(
                case, urgency=urgency, reason="x", calendar=calendar, by=by, at=T[0]
            )
        assert refused.value.rule == "§15"
    untimed = replace(case, discussion_due_on=None, discussion_requested_on=None)
    judged = step.reassess_urgency(
        untimed, urgency=Urgency.URGENT, reason="x", calendar=calendar, by=NURSE, at=T[0]
    )
    assert judged.discussion_due_on is None  # no §15 request: still nothing to time
