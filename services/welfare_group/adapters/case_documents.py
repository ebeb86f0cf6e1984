"""How a case and its record entries look in the welfare group's database.

What a case says in words (record entry content, consents, meetings, measures, the closing
reason) is sealed with the case's own data key; what the service must query by (ids,
status, dates, the responsible person, the group) stays in the clear.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.record import Record, RecordEntry
from services.welfare_group.domain.record_content import content_from_stored, content_to_stored
from shared.sealing import Sealer

__all__ = [
    "OPEN_STATUSES",
    "case_document",
    "case_from",
    "entry_document",
    "entry_from",
    "open_key",
]

# The domain's dataclasses map to documents through pydantic: one definition, no drift.
_CASE: TypeAdapter[Case] = TypeAdapter(Case)
_ENTRY: TypeAdapter[RecordEntry] = TypeAdapter(RecordEntry)
_SEALED = ("consents", "disclosure_consents", "meetings", "measures", "closed_reason")

OPEN_STATUSES = [status.value for status in CaseStatus if status is not CaseStatus.CLOSED]


def open_key(school_id: str, student_ref: str) -> str:
    return f"{school_id}/{student_ref}"  # "/" is in no identifier: the key is unambiguous


def case_document(case: Case, sealer: Sealer) -> dict[str, Any]:
    document: dict[str, Any] = _CASE.dump_python(case, mode="json", exclude={"record"})
    document["_id"] = document.pop("case_id")
    document["sealed"] = sealer.seal({k: document.pop(k) for k in _SEALED})
    document["closed_at"] = case.closed_at  # a date the purge compares, not a string
    document["record_length"] = len(case.record.entries)
    if case.is_open:
        # Present only while the case is open: the sparse unique index on it is what
        # guarantees one open case per student at a school, even against a racing writer.
        document["open_for_student"] = open_key(case.school_id, case.student_ref)
    return document


def case_from(document: dict[str, Any], entries: list[RecordEntry], sealer: Sealer) -> Case:
    fields = {
        k: v
        for k, v in document.items()
        if k not in ("_id", "record_length", "open_for_student", "sealed")
    }
    fields |= sealer.open(document["sealed"])
    record = Record(tuple(entries))
    return _CASE.validate_python({**fields, "case_id": document["_id"], "record": record})


def entry_document(case: Case, entry: RecordEntry, sealer: Sealer) -> dict[str, Any]:
    document: dict[str, Any] = _ENTRY.dump_python(entry, mode="json")
    document["content"] = sealer.seal(content_to_stored(entry.content))
    # §20 names what an author is in the record: their profession.
    document["author"] = {"staff_id": entry.author.staff_id, "profession": entry.author.role}
    return {**document, "_id": str(entry.entry_id), "case_id": str(case.case_id)}


def entry_from(document: dict[str, Any], sealer: Sealer) -> RecordEntry:
    fields = {k: v for k, v in document.items() if k not in ("_id", "case_id")}
    author = {"staff_id": fields["author"]["staff_id"], "role": fields["author"]["profession"]}
    content = content_from_stored(document["kind"], sealer.open(document["content"]))
    return _ENTRY.validate_python({**fields, "author": author, "content": content})
