"""The two §18.2 bars: each chosen alone, each stopping its own (notices; confidential data),
only for a minor, signed off and lifted by a health or social care professional."""

from __future__ import annotations

import pytest

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.need_to_know import Basis, basis_for
from services.welfare_group.domain.rules import RuleViolation
from shared.security import Principal, Role
from tests.support.cases import NURSE, PSYCHOLOGIST, TEACHER, T, with_group

GUARDIAN = Principal("guardian-0001", Role.GUARDIAN, student_refs=frozenset({"student-0001"}))
WHY = {"reason": "fears conflict at home", "assessment": "in the child's interest"}


def test_the_participation_bar_stops_notices_and_leaves_the_record_to_the_data_bar() -> None:
    barred = step.bar_guardian(
        with_group(), bars=[GuardianBar.PARTICIPATION], by=PSYCHOLOGIST, at=T[3], **WHY
    )
    assert not barred.guardian_may_be_notified
    assert barred.guardian_may_see_record
    assert basis_for(barred, GUARDIAN) is Basis.GUARDIAN


def test_the_data_bar_shuts_the_record_and_leaves_the_notices() -> None:
    barred = step.bar_guardian(
        with_group(), bars=[GuardianBar.CONFIDENTIAL_DATA], by=NURSE, at=T[3], **WHY
    )
    assert barred.guardian_may_be_notified
    assert basis_for(barred, GUARDIAN) is None
    lifted = step.lift_guardian_bar(
        barred, bars=[GuardianBar.CONFIDENTIAL_DATA], reason="withdrawn", by=NURSE, at=T[4]
    )
    assert basis_for(lifted, GUARDIAN) is Basis.GUARDIAN
    assert lifted.guardian_bars == frozenset()


def test_a_bar_is_a_minors_and_is_signed_off_and_lifted_by_a_professional() -> None:
    adult = step.come_of_age(with_group(), of_age=True)
    with pytest.raises(RuleViolation) as of_age:
        step.bar_guardian(adult, bars=list(GuardianBar), by=PSYCHOLOGIST, at=T[3], **WHY)
    assert of_age.value.rule == "§18"
    with pytest.raises(RuleViolation) as not_judged:
        step.bar_guardian(with_group(), bars=list(GuardianBar), by=TEACHER, at=T[3], **WHY)
    assert not_judged.value.rule == "§18"
    barred = step.bar_guardian(with_group(), bars=list(GuardianBar), by=NURSE, at=T[3], **WHY)
    with pytest.raises(RuleViolation) as teacher:
        step.lift_guardian_bar(
            barred, bars=[GuardianBar.PARTICIPATION], reason="over", by=TEACHER, at=T[4]
        )
    assert teacher.value.rule == "§18"


def test_a_lifted_hold_does_not_tell_a_guardian_a_bar_still_keeps_out() -> None:
    case = step.bar_guardian(
        with_group(), bars=[GuardianBar.PARTICIPATION], by=PSYCHOLOGIST, at=T[3], **WHY
    )
    assert step.guardian_rights(case) == case
    assert not step.come_of_age(case, of_age=True).guardian_may_see_record
