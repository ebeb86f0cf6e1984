"""Who is asking: the person a verified token names, and the role they act in.

Roles are the people of the domain (§14, §16, §18) plus the education provider's
administrator. A guardian's children come from the identity provider's claim, as the
population register asserts guardianship; nobody can name their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.contracts import STAFF_ROLES, Role, StaffMember

__all__ = [
    "ALL_ROLES",
    "FAMILY",
    "PROFESSIONALS",
    "STAFF",
    "Principal",
    "Role",
]


ALL_ROLES = frozenset(Role)
STAFF = STAFF_ROLES
PROFESSIONALS = STAFF
FAMILY = frozenset({Role.GUARDIAN, Role.STUDENT})


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    # The schools a staff member works at, as the identity provider asserts them: a
    # kuraattori or psychologist often serves several. For the student, the school they
    # attend; for a guardian, their children's schools (as the student register asserts),
    # the only schools a family's own request may go to (§15.1-2).
    school_ids: frozenset[str] = field(default=frozenset())
    # For a guardian, the students in their care; for a student, their own reference.
    student_refs: frozenset[str] = field(default=frozenset())

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF

    def as_staff(self) -> StaffMember:
        return StaffMember(staff_id=self.subject, role=self.role)

    def works_at(self, school_id: str) -> bool:
        return school_id in self.school_ids

    def is_family_of(self, student_ref: str) -> bool:
        if self.role is Role.STUDENT:
            return self.subject == student_ref
        return self.role is Role.GUARDIAN and student_ref in self.student_refs
