"""What must never be written in communal welfare's free text: anything that singles out
one student. Communal work is about the whole school community (§3.2, §4); a matter of one
student belongs to that student's expert group (§14.3), not to the school's group.

This module finds what can be found locally, from the shape of the text alone: identity
codes, student references, case ids. The names of the school's students only the welfare
group knows (it alone holds the register); the service layer asks it through a port and
merges its findings with these. A finding says which field and what kind, never the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from enum import StrEnum

from services.communal.domain.refusals import Refused

__all__ = ["Finding", "MentionsAStudent", "screen"]


class Finding(StrEnum):
    IDENTITY_CODE = "identity_code"
    STUDENT_REF = "student_ref"
    STUDENT_NAME = "student_name"  # found only by the welfare group's check
    CASE_REF = "case_ref"  # a case's or a concern's id is one student's as surely as a name


# Whole tokens only: a run inside a longer number or word ("150000-2000000") is none.
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![^\W_])", r"(?![^\W_])"
# The henkilötunnus as shared/contracts/vocabulary.py knows it (DDMMYY, century sign, three
# digits, a check character), with a real day and month, so that an invoice or a budget
# line is not taken for one; the check character is not verified: a mistyped code is still
# someone's.
_DAY_MONTH_YEAR = r"(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d\d"
_IDENTITY_CODE = re.compile(
    _EDGE_BEFORE + _DAY_MONTH_YEAR + r"[-+A-FU-Y]\d{3}[0-9A-Y]" + _EDGE_AFTER, re.IGNORECASE
)
# The register's pseudonymous references are shaped "student-0001"; the Finnish and the
# Swedish word too, since the group writes in either.
_STUDENT_REF = re.compile(
    rf"{_EDGE_BEFORE}(student|pupil|oppilas|elev)[-_]?\d+{_EDGE_AFTER}", re.IGNORECASE
)
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_CASE_REF = re.compile(_EDGE_BEFORE + _UUID + _EDGE_AFTER, re.IGNORECASE)
_PATTERNS = (
    (Finding.IDENTITY_CODE, _IDENTITY_CODE),
    (Finding.STUDENT_REF, _STUDENT_REF),
    (Finding.CASE_REF, _CASE_REF),
)


def screen(texts: Mapping[str, str]) -> dict[str, frozenset[Finding]]:
    """The fields (by name) whose text singles a student out by its shape, and how."""
    findings: dict[str, frozenset[Finding]] = {}
    for field, text in texts.items():
        found = frozenset(kind for kind, pattern in _PATTERNS if pattern.search(text))
        if found:
            findings[field] = found
    return findings


class MentionsAStudent(Refused):
    """The whole write is refused: one refusal per offending field, no text echoed."""

    CODE = "mentions_a_student"
    MESSAGE = (
        "This text names a student: communal welfare is about the whole school, never about "
        "one student. Describe the matter without naming anyone (no names, student "
        "references, case ids or identity codes); bring an individual student's matter to "
        "the student's multidisciplinary expert group instead."
    )

    def __init__(self, findings: Mapping[str, Collection[str]]) -> None:
        super().__init__(list(findings), self.CODE, self.MESSAGE)
        # The kinds per field, for the log and the tests: codes only, never the text.
        self.findings = {field: frozenset(kinds) for field, kinds in findings.items()}
