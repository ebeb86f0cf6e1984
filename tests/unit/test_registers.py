"""Registers as data (§20.2, §21): every entry names its register and controller; before
consent the referral and the professionals' own work go to the county's registers, and
the welfare register holds the consents and the record begun with the expert group."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.consent import Consenter
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.record import EntryKind
from services.welfare_group.domain.registers import Controller, Register, register_of
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import Role, StaffMember
from tests.support.cases import (
    NURSE,
    PSY,
    PSYCHOLOGIST,
    START,
    TEACHER,
    T,
    consented,
    opened_case,
    with_group,
)

KAISA = StaffMember("kuraattori-kaisa", Role.KURAATTORI)


def test_each_register_has_its_controller() -> None:
    assert Register.WELFARE.controller is Controller.EDUCATION_PROVIDER
    assert Register.HEALTH_CARE.controller is Controller.WELLBEING_SERVICES_COUNTY
    assert Register.SOCIAL_CARE.controller is Controller.WELLBEING_SERVICES_COUNTY
    assert register_of(Role.NURSE) is register_of(Role.PSYCHOLOGIST) is Register.HEALTH_CARE
    assert register_of(Role.KURAATTORI) is Register.SOCIAL_CARE
    assert register_of(Role.TEACHER) is None


def test_a_concern_opens_a_referral_in_the_receiving_professionals_register() -> None:
    case = opened_case()  # mental health: referred to the psychologist
    (referral,) = case.record.entries
    assert referral.kind is EntryKind.CASE_OPENED
    assert referral.register is Register.HEALTH_CARE
    assert not case.record.begun
    assert case.record.of_register(Register.WELFARE) == ()


def test_the_professionals_own_work_goes_to_their_own_county_register() -> None:
    day = START.date() + timedelta(days=1)
    case = step.offer_discussion(opened_case(), offered_on=day, by=KAISA, at=T[0])
    case = step.hear_student(case, views="tired", wishes="talks", by=KAISA, at=T[1])
    case = step.bar_guardian(
        case,
        bars=[GuardianBar.PARTICIPATION, GuardianBar.CONFIDENTIAL_DATA],
        reason="weighty",
        assessment="in interest",
        by=KAISA,
        at=T[2],
    )
    assert [e.register for e in case.record.entries[1:]] == [Register.SOCIAL_CARE] * 3


def test_consent_decisions_are_kept_in_the_welfare_register_and_only_they_before_the_group() -> (
    None
):
    case = consented()
    assert [e.register for e in case.record.entries] == [
        Register.HEALTH_CARE,  # the referral
        Register.HEALTH_CARE,  # the psychologist asked for consent
        Register.WELFARE,  # the tahdonilmaisu
    ]
    assert not case.record.begun


def test_the_record_begins_with_its_header_when_the_group_is_formed() -> None:
    case = with_group()
    header, formed = case.record.entries[3:5]
    assert (header.kind, formed.kind) == (EntryKind.RECORD_HEADER, EntryKind.GROUP_FORMED)
    assert header.register is formed.register is Register.WELFARE
    assert header.content.raised_by == [TEACHER]  # type: ignore[union-attr]
    again = step.request_consent(case, from_=Consenter.STUDENT, purpose="more", by=PSY, at=T[3])
    assert again.record.entries[-1].register is Register.WELFARE  # the record has begun


def test_a_correction_stays_in_the_register_of_what_it_corrects() -> None:
    case = with_group()
    referral = case.record.entries[0]
    case = step.correct(case, entry_id=referral.entry_id, correction="date", by=PSY, at=T[4])
    assert case.record.entries[-1].register is Register.HEALTH_CARE


def test_before_the_group_school_staff_have_no_record_to_write_the_students_views_in() -> None:
    with pytest.raises(RuleViolation) as refused:
        step.hear_student(opened_case(), views="sad", wishes="help", by=TEACHER, at=T[0])
    assert refused.value.rule == "§20"
    after = step.hear_student(with_group(), views="sad", wishes="help", by=TEACHER, at=T[3])
    assert after.record.entries[-1].register is Register.WELFARE
    assert NURSE.role in Register.HEALTH_CARE.professions
    assert PSYCHOLOGIST.role in Register.HEALTH_CARE.professions


def test_the_record_shows_each_caller_only_the_registers_they_may_see() -> None:
    from services.welfare_group.domain.need_to_know import Basis, registers_shown
    from shared.security.identity import Principal

    def shown(role: Role, basis: Basis | None) -> set[Register]:
        return set(registers_shown(basis, Principal("someone", role)))

    assert shown(Role.PSYCHOLOGIST, Basis.RESPONSIBLE) == {Register.WELFARE, Register.HEALTH_CARE}
    assert shown(Role.KURAATTORI, Basis.GROUP_MEMBER) == {Register.WELFARE, Register.SOCIAL_CARE}
    assert shown(Role.TEACHER, Basis.GROUP_MEMBER) == {Register.WELFARE}
    assert shown(Role.GUARDIAN, Basis.GUARDIAN) == {Register.WELFARE}
    assert shown(Role.STUDENT, Basis.STUDENT) == {Register.WELFARE}
    assert shown(Role.PRINCIPAL, Basis.PRINCIPAL) == set()  # the state of an unassigned case
    assert shown(Role.NURSE, None) == set()
