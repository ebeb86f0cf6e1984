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
from datetime import datetime
from uuid import UUID

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.record import RecordEntry
from services.welfare_group.domain.record_content import Disclosure
from services.welfare_group.domain.statutes import Statute

__all__ = ["LedgerRow", "rows_for"]


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

    @property
    def basis(self) -> str:
        return self.statute.value if self.statute else "consent"


def rows_for(case: Case, entries: Iterable[RecordEntry]) -> list[LedgerRow]:
    """The ledger rows of the disclosures among these record entries of the case."""
    return [
        LedgerRow(
            row_id=e.entry_id,
            student_ref=case.student_ref,
            school_id=case.school_id,
            case_id=case.case_id,
            to=e.content.to,
            data=e.content.data,
            statute=e.content.statute,
            consent_id=e.content.consent_id,
            at=e.at,
            by=e.author.staff_id,
            by_profession=e.author.role.value,
        )
        for e in entries
        if isinstance(e.content, Disclosure)
    ]
