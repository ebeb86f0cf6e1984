"""The header that begins the opiskeluhuoltokertomus (§20.4), from what the case knows
and what the school's student register says of the student.

What the matter is and who raised it are the concerns' own facts, which the case state
carries (``Case.categories``, ``Case.raisers``); nothing is copied out of the referral's
entries, which stay in the professional's county register (a copy would be a disclosure).
The concern's narrative stays in intake: the background reaches the record only as the
responsible person writes it, with the raiser's knowledge, and the header says so.
"""

from __future__ import annotations

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.record_content import RecordHeader
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.students import StudentIdentity

__all__ = ["header"]


def header(
    case: Case, student: StudentIdentity | None, background: str | None, shared: bool
) -> RecordHeader:
    if student is None or student.student_ref != case.student_ref:
        raise RuleViolation(
            "§20",
            "the welfare record begins with the student's name, identity code and home "
            "municipality, which the school's student register does not give",
            instead="add the student to the school's student register first",
        )
    if background and not shared:
        raise RuleViolation(
            "§20",
            "the background is written into the record with the raiser's knowledge",
            instead="tell the person who raised the concern what the record will say, then "
            "record that they know",
        )
    minor = student.is_minor_on(case.opened_at.date())
    return RecordHeader(
        student_name=f"{student.given_names} {student.family_name}",
        identity_code=student.identity_code,
        home_municipality=student.home_municipality,
        guardians=list(student.guardians) if minor else [],
        topic=list(case.categories),
        raised_by=list(case.raisers),
        concern_ids=list(case.concern_ids),
        background=background or None,
        background_shared_with_raiser=bool(background) and shared,
    )
