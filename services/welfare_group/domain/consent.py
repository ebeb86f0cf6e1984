"""Consent as data (§14, §19): itemised, given by the right person, revocable, all kept.

A consent names whom it covers (expert group members, outside parties) and for what
purpose. Whether it covers a step is checked when the step is taken, so a withdrawal
takes effect at once. Refusals and withdrawals are kept beside the consents (the
tahdonilmaisu is part of the welfare register). Who decides follows the capacity
assessment and majority (§14, §18): the student who can judge; otherwise, for a minor the
guardian, for a student of age their court-appointed representative (edunvalvoja), never a
guardian.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from services.welfare_group.domain.rules import RuleViolation

__all__ = [
    "WRITTEN_FORMS",
    "Consent",
    "ConsentForm",
    "Consenter",
    "active_consent",
    "covers",
    "require_the_right_consenter",
    "who_decides",
]


class Consenter(StrEnum):
    STUDENT = "student"
    GUARDIAN = "guardian"  # a minor's only
    REPRESENTATIVE = "representative"  # court-appointed, for a student of age only


_NAMED = {
    Consenter.STUDENT: "the student",
    Consenter.GUARDIAN: "the guardian",
    Consenter.REPRESENTATIVE: "the court-appointed representative",
}


def who_decides(*, student_can_judge: bool, student_of_age: bool) -> Consenter:
    if student_can_judge:
        return Consenter.STUDENT
    return Consenter.REPRESENTATIVE if student_of_age else Consenter.GUARDIAN


class ConsentForm(StrEnum):
    WRITTEN = "written"
    ORAL_RECORDED = "oral_recorded"
    # Given in the e-service, signed in with strong authentication: a written document in
    # law (Act on Electronic Services in Government 13/2003 §9), so written consent.
    ELECTRONIC = "electronic"


# The forms that meet §14's written consent for outside parties.
WRITTEN_FORMS = frozenset({ConsentForm.WRITTEN, ConsentForm.ELECTRONIC})


def require_the_right_consenter(
    given_by: Consenter, *, student_can_judge: bool, student_of_age: bool = False
) -> None:
    """§14: the student decides who can judge what consenting means; else the guardian, or
    for a student of age their court-appointed representative (§18: an adult has no guardian
    in these matters). Every consent the welfare register keeps (to the group, to a
    disclosure) follows it."""
    if student_of_age and given_by is Consenter.GUARDIAN:
        raise RuleViolation(
            "§14",
            "the student is of age: a guardian has no say in their welfare matters (§18)",
            instead="record the student's own decision, or their court-appointed representative's",
        )
    expected = who_decides(student_can_judge=student_can_judge, student_of_age=student_of_age)
    if given_by is not expected:
        who = _NAMED[expected]
        raise RuleViolation(
            "§14",
            f"the student {'can' if student_can_judge else 'cannot'} judge what "
            f"consenting means, so the decision is {who}'s",
            instead=f"record {who}'s decision, or record a new capacity assessment",
        )


@dataclass(frozen=True)
class Consent:
    consent_id: UUID
    version: int
    given: bool  # False records a refusal
    given_by: Consenter
    student_can_judge: bool  # the capacity assessment, recorded with the decision
    capacity_assessed_by: str
    purpose: str
    members: frozenset[str]
    outside_parties: frozenset[str]
    form: ConsentForm
    decided_at: datetime
    withdrawn_at: datetime | None = None
    student_of_age: bool = False
    capacity_reasons: str | None = None  # why the professional judged as they did
    # An itemised answer's refusals beside what it consents to (a refusal's are its own).
    refused_members: frozenset[str] = frozenset()
    refused_outside_parties: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        require_the_right_consenter(
            self.given_by,
            student_can_judge=self.student_can_judge,
            student_of_age=self.student_of_age,
        )
        if self.given and self.outside_parties and self.form not in WRITTEN_FORMS:
            raise RuleViolation(
                "§14",
                "bringing in outside parties needs written consent naming them",
                instead="record the written, itemised consent",
            )

    @property
    def in_force(self) -> bool:
        return self.given and self.withdrawn_at is None

    @property
    def refused(self) -> frozenset[str]:
        """Every member and outside party this decision refused."""
        named = self.members | self.outside_parties
        return (
            self.refused_members
            | self.refused_outside_parties
            | (frozenset() if self.given else named)
        )

    def withdraw(self, at: datetime) -> Consent:
        return replace(self, withdrawn_at=at)


def active_consent(consents: Iterable[Consent]) -> Consent | None:
    """The latest consent still in force. A later refusal (say, of a wider request) does
    not revoke it; only a withdrawal does."""
    return max((c for c in consents if c.in_force), key=lambda c: c.version, default=None)


def covers(consents: Iterable[Consent], *, members: Iterable[str] = (),
           outside_parties: Iterable[str] = ()) -> bool:  # fmt: skip
    consent = active_consent(consents)
    return consent is not None and (
        set(members) <= consent.members and set(outside_parties) <= consent.outside_parties
    )
