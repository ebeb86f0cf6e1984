"""The disclosure ledger: every disclosure of a student's welfare data, kept apart from the
cases and as long as the access log (§20.5, Client Data Act 703/2023).

A disclosure is entered in its case's record, and a row of it here. The record goes when
the case is purged at the end of its retention; the ledger row stays for the access log's
retention, so that the family and the controller can still learn who received the data,
when and on what basis. A row holds identifiers and categories only: the recipient's id,
which part of the record (``RecordData``), the statute's id or the consent's, never the
record's words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.record import RecordEntry
from services.welfare_group.domain.record_content import ChildWelfareNotice, Disclosure
from services.welfare_group.domain.statutes import Statute
from shared.contracts import StaffMember

__all__ = ["LedgerRow", "notice_row", "rows_for", "shown_to_guardian"]


@dataclass(frozen=True)
class LedgerRow:
    row_id: UUID  # the record entry's id where there is one: entering it twice is once
    student_ref: str
    school_id: str
    case_id: UUID | None  # none for a notice made about a student with no open case
    to: str
    data: RecordData
    statute: Statute | None  # the statute it rests on, or
    consent_id: UUID | None  # the written consent to the disclosure
    at: datetime
    by: str  # the staff member who disclosed
    by_profession: str
    made_on: date | None = None  # for a child-welfare notice: the day it was made

    @property
    def basis(self) -> str:
        return self.statute.value if self.statute else "consent"


def notice_row(
    *,
    row_id: UUID,
    student_ref: str,
    school_id: str,
    case_id: UUID | None,
    notice: ChildWelfareNotice,
    by: StaffMember,
    at: datetime,
) -> LedgerRow:
    """A child-welfare notice is a disclosure the Child Welfare Act §25 requires."""
    return LedgerRow(
        row_id=row_id,
        student_ref=student_ref,
        school_id=school_id,
        case_id=case_id,
        to=notice.to,
        data=RecordData.CHILD_WELFARE_NOTICE,
        statute=Statute.CHILD_WELFARE_ACT_25,
        consent_id=None,
        at=at,
        by=by.staff_id,
        by_profession=by.role.value,
        made_on=notice.made_on,
    )


def _row(case: Case, e: RecordEntry) -> LedgerRow | None:
    content = e.content
    if isinstance(content, ChildWelfareNotice):
        return notice_row(
            row_id=e.entry_id,
            student_ref=case.student_ref,
            school_id=case.school_id,
            case_id=case.case_id,
            notice=content,
            by=e.author,
            at=e.at,
        )
    if not isinstance(content, Disclosure):
        return None
    return LedgerRow(
        row_id=e.entry_id,
        student_ref=case.student_ref,
        school_id=case.school_id,
        case_id=case.case_id,
        to=content.to,
        data=content.data,
        statute=content.statute,
        consent_id=content.consent_id,
        at=e.at,
        by=e.author.staff_id,
        by_profession=e.author.role.value,
    )


def rows_for(case: Case, entries: Iterable[RecordEntry]) -> list[LedgerRow]:
    """The ledger rows of the disclosures (and child-welfare notices) among these entries."""
    return [row for e in entries if (row := _row(case, e)) is not None]


def shown_to_guardian(rows: Iterable[LedgerRow]) -> list[LedgerRow]:
    """What of the ledger a guardian reads: not the child-welfare notices. A notice may be
    about the guardian, and it is child welfare's to tell the family of it, not the
    school's ledger (the Client Data Act lets the log be withheld where telling would
    endanger the child); the student and the administrator see every row."""
    return [r for r in rows if r.data is not RecordData.CHILD_WELFARE_NOTICE]
