"""A written consent to one disclosure (§22): whose data, to whom, which part of the record.

Taking part in the expert group (§14, §19) is one consent; letting record data leave the
work is another. §22 lets data go to someone outside the work only on the person's
written, itemised consent to that disclosure, or on a statute (``statutes``). So a
disclosure consent names its recipient and the data, is given by the student or the
guardian as the capacity assessment decides (§14), is written, and can be withdrawn;
every decision, refusal and withdrawal is kept in the record (the tahdonilmaisu).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from services.welfare_group.domain.consent import (
    Consenter,
    ConsentForm,
    require_the_right_consenter,
)
from services.welfare_group.domain.rules import RuleViolation

__all__ = ["DisclosureConsent", "RecordData", "consenting_to"]


class RecordData(StrEnum):
    """Which part of the welfare record is disclosed: what a consent itemises and what the
    disclosure ledger names, without a word of the record itself."""

    WHOLE_RECORD = "whole_record"  # an export or a print of the record
    PLAN_OF_MEASURES = "plan_of_measures"  # the measures, their owners and follow-up
    MEETINGS = "meetings"  # how the group handled the matter
    STUDENT_VIEWS = "student_views"
    CONTINUITY = "continuity"  # what a new education provider needs to go on (§23.3)
    CHILD_WELFARE_NOTICE = "child_welfare_notice"  # a notice made (Child Welfare Act §25)


@dataclass(frozen=True)
class DisclosureConsent:
    consent_id: UUID
    given: bool  # False records a refusal
    given_by: Consenter
    student_can_judge: bool
    capacity_assessed_by: str
    to: str  # the recipient it names
    data: frozenset[RecordData]
    purpose: str
    form: ConsentForm
    decided_at: datetime
    withdrawn_at: datetime | None = None
    student_of_age: bool = False  # then the student or their representative decides (§18)

    def __post_init__(self) -> None:
        require_the_right_consenter(
            self.given_by,
            student_can_judge=self.student_can_judge,
            student_of_age=self.student_of_age,
        )
        if self.given and self.form is not ConsentForm.WRITTEN:
            raise RuleViolation(
                "§22",
                "a consent to disclose record data outside the work must be written",
                instead="record the written consent naming the recipient and the data",
            )

    @property
    def in_force(self) -> bool:
        return self.given and self.withdrawn_at is None

    def covers(self, to: str, data: RecordData) -> bool:
        named = data in self.data or RecordData.WHOLE_RECORD in self.data
        return self.in_force and self.to == to and named

    def withdraw(self, at: datetime) -> DisclosureConsent:
        return replace(self, withdrawn_at=at)


def consenting_to(
    consents: Iterable[DisclosureConsent], to: str, data: RecordData
) -> DisclosureConsent | None:
    """The latest consent in force that names this recipient and this data."""
    found = [c for c in consents if c.covers(to, data)]
    return max(found, key=lambda c: c.decided_at, default=None)
