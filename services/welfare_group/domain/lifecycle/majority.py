"""Majority in a case (§14, §18): from the day the student is of age no guardian takes part.

The service layer asks the student register whether the student is of age whenever a case
is taken up or changed, and brings the case up to date with ``come_of_age`` before the step
is taken. It is one-way: a student of age stays so for the rest of the case.
"""

from __future__ import annotations

from dataclasses import replace

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.rules import RuleViolation

__all__ = ["come_of_age", "require_minor"]


def come_of_age(case: Case, *, of_age: bool) -> Case:
    """The case as it stands once the student is of age: no guardian notices, no guardian
    access, no hold on notices to a guardian who has no part any more (§18)."""
    if not of_age or case.student_of_age:
        return case
    return replace(
        case,
        student_of_age=True,
        guardian_may_be_notified=False,
        guardian_may_see_record=False,
        guardian_notice_hold=None,
        guardian_bars=frozenset(),  # a minor's bars: an adult's guardian has no part at all
    )


def require_minor(case: Case, step: str, *, instead: str) -> None:
    """What only concerns a minor's guardian (a bar on them, a notice to them, their consent)."""
    if case.student_of_age:
        raise RuleViolation(
            "§18",
            f"the student is of age and has no guardian in welfare matters: cannot {step}",
            instead=instead,
        )
