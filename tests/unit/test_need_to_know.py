"""Who may see a case is decided by the case: its lead, its consented members, its family."""

from __future__ import annotations

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.need_to_know import Basis, basis_for
from shared.security import Principal, Role
from tests.support.cases import PSYCHOLOGIST, T, with_group

ELIAS = Principal("psychologist-elias", Role.PSYCHOLOGIST)
AINO = Principal("nurse-aino", Role.NURSE)
KAISA = Principal("kuraattori-kaisa", Role.KURAATTORI)
PAULA = Principal("principal-paula", Role.PRINCIPAL, school_ids=frozenset({"kallio-school"}))
STUDENT = Principal("student-0001", Role.STUDENT, student_refs=frozenset({"student-0001"}))
GUARDIAN = Principal("guardian-0001", Role.GUARDIAN, student_refs=frozenset({"student-0001"}))
OTHER_GUARDIAN = Principal("guardian-0002", Role.GUARDIAN, student_refs=frozenset({"s-2"}))


def test_the_lead_and_consented_members_see_the_case_and_a_role_alone_opens_nothing() -> None:
    case = with_group()
    assert basis_for(case, ELIAS) is Basis.RESPONSIBLE
    assert basis_for(case, AINO) is Basis.GROUP_MEMBER
    assert basis_for(case, KAISA) is None
    assert basis_for(case, PAULA) is None  # the principal is no member here


def test_withdrawing_consent_closes_the_case_to_the_group_at_once_but_not_to_its_lead() -> None:
    withdrawn = step.withdraw_consent(with_group(), by=PSYCHOLOGIST, at=T[3])
    assert basis_for(withdrawn, AINO) is None
    assert basis_for(withdrawn, ELIAS) is Basis.RESPONSIBLE


def test_the_family_sees_the_record_until_the_student_bars_the_guardian() -> None:
    case = with_group()
    assert basis_for(case, STUDENT) is Basis.STUDENT
    assert basis_for(case, GUARDIAN) is Basis.GUARDIAN
    assert basis_for(case, OTHER_GUARDIAN) is None
    barred = step.bar_guardian(
        case, bars=list(GuardianBar), reason="fears conflict at home",
        assessment="in the child's interest", by=PSYCHOLOGIST, at=T[3],
    )  # fmt: skip
    assert basis_for(barred, GUARDIAN) is None
    assert basis_for(barred, STUDENT) is Basis.STUDENT
