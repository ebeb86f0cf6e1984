"""§20.4 in full: the welfare record begins with the student's name, identity code, home
municipality and, for a minor, the guardians' names and contacts, from the school's
student register; the background only as the responsible person writes it, with the
raiser's knowledge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.record_content import RecordHeader
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.students import StudentIdentity
from tests.support.cases import NURSE, PSY, PSYCHOLOGIST, STUDENT, TEACHER, T, consented

PSY_ID = UUID(int=7)


def formed(student: StudentIdentity | None = STUDENT, **kw: object) -> Case:
    return step.form_group(
        consented(), members=[PSY, NURSE], responsible=PSY.staff_id, by=PSYCHOLOGIST,
        at=T[2], student=student, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def header_of(case: Case) -> RecordHeader:
    (first,) = [e for e in case.record.entries if isinstance(e.content, RecordHeader)]
    assert isinstance(first.content, RecordHeader)
    return first.content


def test_the_header_names_the_student_and_a_minors_guardians() -> None:
    header = header_of(formed())
    assert header.student_name == "Testi Oppilas-Yksi"
    assert header.identity_code == "150312A9018"
    assert header.home_municipality == "Demokunta"
    assert [(g.name, g.phone) for g in header.guardians] == [
        ("Testi Huoltaja-Yksi", "+358400000001")
    ]
    assert header.raised_by == [TEACHER]
    assert header.background is None


def test_an_adult_students_header_names_no_guardian() -> None:
    adult = replace(STUDENT, date_of_birth=date(2006, 1, 2))
    assert header_of(formed(adult)).guardians == []


def test_no_record_begins_without_the_student_registers_identity() -> None:
    with pytest.raises(RuleViolation) as refused:
        formed(None)
    assert refused.value.rule == "§20"
    other = replace(STUDENT, student_ref="student-0002")
    with pytest.raises(RuleViolation):
        formed(other)


def test_the_background_is_written_with_the_raisers_knowledge() -> None:
    with pytest.raises(RuleViolation) as refused:
        formed(background="tired in class since October")
    assert refused.value.rule == "§20"
    header = header_of(
        formed(background="tired in class since October", background_shared_with_raiser=True)
    )
    assert header.background == "tired in class since October"
    assert header.background_shared_with_raiser


def test_a_measure_carried_out_is_one_the_plan_agreed_on_a_day_that_has_been() -> None:
    from datetime import timedelta

    from tests.support.cases import measure

    agreed = step.agree_measures(formed(), measures=[measure()], by=PSYCHOLOGIST, at=T[3])
    plan = agreed.measures[0]
    done = step.carry_out_measure(
        agreed, measure_id=plan.measure_id, on=T[4].date(), what="talk", by=PSY, at=T[4]
    )
    assert done.record.entries[-1].content.what_was_done == "talk"  # type: ignore[union-attr]
    with pytest.raises(RuleViolation) as unknown:
        step.carry_out_measure(agreed, measure_id=PSY_ID, on=T[4].date(), what="x", by=PSY,
                               at=T[4])  # fmt: skip
    assert unknown.value.rule == "§20"
    later = T[4].date() + timedelta(days=2)
    with pytest.raises(RuleViolation):
        step.carry_out_measure(
            agreed, measure_id=plan.measure_id, on=later, what="x", by=PSY, at=T[4]
        )


def test_the_student_guardians_and_outside_parties_attend_in_their_positions() -> None:
    from services.welfare_group.domain.participants import Participant, Position
    from services.welfare_group.domain.record_content import MeetingHeld

    case = step.schedule_meeting(formed(), on=T[8], attendees=[PSY], by=PSYCHOLOGIST, at=T[3])
    meeting_id = case.meetings[0].meeting_id

    def hold(*others: Participant, on: Case = case) -> Case:
        return step.hold_meeting(on, meeting_id=meeting_id, attendees=[PSY], handling="plan",
                                 by=PSYCHOLOGIST, at=T[8], others=others)  # fmt: skip

    student = Participant(Position.STUDENT, "Testi Oppilas-Yksi")
    guardian = Participant(Position.GUARDIAN, "Testi Huoltaja-Yksi")
    youth_worker = Participant(Position.OUTSIDE_PARTY, "Demo Worker", "youth-services")
    held = hold(student, guardian).record.entries[-1].content
    assert isinstance(held, MeetingHeld)
    assert [o.position for o in held.others] == [Position.STUDENT, Position.GUARDIAN]
    with pytest.raises(RuleViolation) as not_named:
        hold(youth_worker)  # the consent names no outside party
    assert not_named.value.rule == "§19"
    barred = step.bar_guardian(
        case, bars=list(GuardianBar), reason="weighty", assessment="ok", by=PSY, at=T[4]
    )
    with pytest.raises(RuleViolation) as kept_out:
        hold(guardian, on=barred)
    assert kept_out.value.rule == "§18"


def test_an_outside_party_the_written_consent_names_attends() -> None:
    from services.welfare_group.domain.consent import ConsentForm
    from services.welfare_group.domain.participants import Participant, Position

    named = consented(outside_parties=("youth-services",), form=ConsentForm.WRITTEN)
    case = step.form_group(named, members=[PSY, NURSE], responsible=PSY.staff_id,
                           by=PSYCHOLOGIST, at=T[2], student=STUDENT)  # fmt: skip
    case = step.schedule_meeting(case, on=T[8], attendees=[PSY], by=PSYCHOLOGIST, at=T[3])
    worker = Participant(Position.OUTSIDE_PARTY, "Demo Worker", "youth-services", "youth worker")
    meeting_id = case.meetings[0].meeting_id
    held = step.hold_meeting(case, meeting_id=meeting_id, attendees=[PSY], handling="plan",
                             by=PSYCHOLOGIST, at=T[8], others=[worker])  # fmt: skip
    assert held.record.entries[-1].content.others == [worker]  # type: ignore[union-attr]
