"""Who may see a case, and on what basis (§18, §21): the case's own facts decide, not roles.

A professional sees a case as its responsible person, or as a member of its expert group
while a consent in force covers them; withdrawing consent closes the case to the group at
once. The student sees their own record. A guardian sees it unless the student has barred
them from confidential data (§18.2; a bar on taking part alone stops their notices, not
this) or they may not be told of the case yet, and never once the student is of age: an
adult has no guardian in these matters (§18). While nobody leads a case (the roster
named no one), the principal of its school reaches it, to see that someone is assigned:
its state, not its record.

What of the record a basis shows is decided per register (``registers_shown``): the welfare
register to the case team and, within §18, the family; a county register only to that
county's professionals on the case (a nurse or psychologist the health care records, a
kuraattori the social care ones). The family reads the county's records from the county,
under its own laws; here they see the welfare register.
"""

from __future__ import annotations

from enum import StrEnum

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent import covers
from services.welfare_group.domain.registers import Register, register_of
from shared.security.identity import Principal, Role

__all__ = ["CASE_TEAM", "FAMILY_BASES", "Basis", "basis_for", "registers_shown"]


class Basis(StrEnum):
    RESPONSIBLE = "responsible"
    GROUP_MEMBER = "group_member"
    STUDENT = "student"
    GUARDIAN = "guardian"
    PRINCIPAL = "principal"  # of the school, while the case is unassigned


CASE_TEAM = frozenset({Basis.RESPONSIBLE, Basis.GROUP_MEMBER})
FAMILY_BASES = frozenset({Basis.STUDENT, Basis.GUARDIAN})


def basis_for(case: Case, who: Principal) -> Basis | None:
    if who.is_staff:
        if case.responsible is not None and case.responsible.staff_id == who.subject:
            return Basis.RESPONSIBLE
        in_group = case.group is not None and who.subject in case.group.member_ids
        if in_group and covers(case.consents, members=[who.subject]):
            return Basis.GROUP_MEMBER
        if who.role is Role.PRINCIPAL and who.works_at(case.school_id) and case.unassigned:
            return Basis.PRINCIPAL
        return None
    if who.role is Role.STUDENT and who.subject == case.student_ref:
        return Basis.STUDENT
    # Not of age, no §18.2 data bar, and told of the case (no raiser's hold standing).
    guardian_allowed = (
        not case.student_of_age
        and case.guardian_may_see_record
        and case.guardian_notice_hold is None
    )
    if who.role is Role.GUARDIAN and who.is_family_of(case.student_ref) and guardian_allowed:
        return Basis.GUARDIAN
    return None


def registers_shown(basis: Basis | None, who: Principal) -> frozenset[Register]:
    """The registers of a case's record this basis shows its holder (none: state only)."""
    if basis in FAMILY_BASES:
        return frozenset({Register.WELFARE})
    if basis not in CASE_TEAM:
        return frozenset()
    own = register_of(who.role)
    return frozenset({Register.WELFARE, own}) if own else frozenset({Register.WELFARE})
