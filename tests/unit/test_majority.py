"""Majority from the date of birth (§14, §18): from 18 the student has no guardian in these
matters: no notices, no access, no guardian's consent; a court-appointed representative
decides where the adult student cannot."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.age import of_age
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.need_to_know import Basis, basis_for
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import ConcernCategory, Urgency
from shared.security import Principal, Role
from tests.support.cases import PSY, PSYCHOLOGIST, START, TEACHER, T, consented, opened_case

STUDENT = Principal("student-0001", Role.STUDENT, student_refs=frozenset({"student-0001"}))
GUARDIAN = Principal("guardian-0001", Role.GUARDIAN, student_refs=frozenset({"student-0001"}))


def adult_case(*, hold: bool = False) -> Case:
    return open_case(
        concern_id=uuid.uuid4(), student_ref="student-0001", school_id="kallio-school",
        categories=[ConcernCategory.MENTAL_HEALTH], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=hold, responsible=PSY, raised_by=TEACHER,
        requested_on=START.date(), calendar=SchoolCalendar(), now=START, student_of_age=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("born", "on", "adult"),
    [
        (date(2008, 3, 1), date(2026, 2, 28), False),
        (date(2008, 3, 1), date(2026, 3, 1), True),  # the 18th birthday itself
        (date(2008, 2, 29), date(2026, 2, 28), False),  # born on a leap day: 1 March
        (date(2008, 2, 29), date(2026, 3, 1), True),
        (date(2008, 2, 29), date(2028, 2, 29), True),
        (date(2012, 3, 14), date(2026, 12, 1), False),
    ],
)
def test_majority_begins_on_the_18th_birthday(born: date, on: date, adult: bool) -> None:
    assert of_age(born, on) is adult


def test_an_adult_students_case_tells_no_guardian_and_lets_none_in_and_holds_nothing() -> None:
    case = adult_case(hold=True)
    assert (case.guardian_may_be_notified, case.guardian_may_see_record) == (False, False)
    assert case.guardian_notice_hold is None  # no guardian to hold a notice back from
    assert basis_for(case, GUARDIAN) is None
    assert basis_for(case, STUDENT) is Basis.STUDENT


def test_a_student_who_comes_of_age_mid_case_has_no_guardian_from_that_day() -> None:
    case = consented()
    assert basis_for(case, GUARDIAN) is Basis.GUARDIAN
    adult = step.come_of_age(case, of_age=True)
    assert basis_for(adult, GUARDIAN) is None
    assert not adult.guardian_may_be_notified
    assert step.come_of_age(adult, of_age=False) is adult  # majority stays
    assert step.come_of_age(case, of_age=False) is case
    # A hold lifted later tells no guardian either.
    held = step.come_of_age(opened_case(), of_age=True)
    assert held.guardian_notice_hold is None


def test_a_guardians_consent_for_an_adult_is_refused_naming_section_14() -> None:
    case = step.come_of_age(opened_case(), of_age=True)
    with pytest.raises(RuleViolation) as asked:
        step.request_consent(
            case, from_=Consenter.GUARDIAN, purpose="expert group", by=PSYCHOLOGIST, at=T[0]
        )
    assert asked.value.rule == "§14"
    for can_judge in (True, False):
        with pytest.raises(RuleViolation) as refused:
            consented_as(case, given_by=Consenter.GUARDIAN, student_can_judge=can_judge)
        assert refused.value.rule == "§14"
        assert "of age" in refused.value.message


def test_an_adult_who_cannot_judge_consents_through_a_court_appointed_representative() -> None:
    case = step.come_of_age(opened_case(), of_age=True)
    asked = step.request_consent(
        case, from_=Consenter.REPRESENTATIVE, purpose="expert group", by=PSYCHOLOGIST, at=T[0]
    )
    given = consented_as(asked, given_by=Consenter.REPRESENTATIVE, student_can_judge=False)
    assert given.consents[-1].given_by is Consenter.REPRESENTATIVE
    with pytest.raises(RuleViolation, match="representative's"):
        consented_as(asked, given_by=Consenter.STUDENT, student_can_judge=False)
    own = consented_as(asked, given_by=Consenter.STUDENT, student_can_judge=True)
    assert own.consents[-1].given_by is Consenter.STUDENT


def test_a_minor_has_no_court_appointed_representative_in_these_matters() -> None:
    with pytest.raises(RuleViolation) as asked:
        step.request_consent(
            opened_case(), from_=Consenter.REPRESENTATIVE, purpose="group", by=PSY, at=T[0]
        )
    assert asked.value.rule == "§14"
    with pytest.raises(RuleViolation) as refused:
        consented_as(opened_case(), given_by=Consenter.REPRESENTATIVE, student_can_judge=False)
    assert refused.value.rule == "§14"


def consented_as(case: Case, *, given_by: Consenter, student_can_judge: bool) -> Case:
    return step.decide_consent(
        case, given=True, given_by=given_by, student_can_judge=student_can_judge,
        purpose="expert group", members=[PSY.staff_id], outside_parties=(),
        form=ConsentForm.WRITTEN, capacity_reasons="cannot take in what the group is",
        by=PSYCHOLOGIST, at=T[1],
    )  # fmt: skip
