"""The welfare record (opiskeluhuoltokertomus, §20): one chronology, appended to, never edited.

Every entry has its date, its author and the author's profession, and carries the content
the law requires of its kind, typed per kind (``record_content``). A mistake is put right
by a correction entry that names the entry it corrects; the original stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID, uuid4

from pydantic import BeforeValidator, ValidationInfo

from services.welfare_group.domain.record_content import EntryContent
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import EntryKind, StaffMember

__all__ = ["EntryKind", "Record", "RecordEntry"]


# What §20 requires each kind of entry to say.
_REQUIRED: Mapping[EntryKind, frozenset[str]] = {
    EntryKind.CASE_OPENED: frozenset({"topic", "background", "raised_by"}),
    EntryKind.CONCERN_LINKED: frozenset({"topic", "raised_by"}),
    EntryKind.DISCUSSION_OFFERED: frozenset({"offered_on", "offered_by"}),
    EntryKind.CONSENT_DECISION: frozenset({"given", "given_by", "covers", "purpose"}),
    EntryKind.STUDENT_VIEW: frozenset({"views", "wishes"}),
    EntryKind.GUARDIAN_BARRED: frozenset({"reason", "assessment"}),
    EntryKind.GUARDIAN_HOLD_CONFIRMED: frozenset({"ground", "requested_by"}),
    EntryKind.GUARDIAN_HOLD_LIFTED: frozenset({"ground", "requested_by"}),
    EntryKind.RESPONSIBLE_ASSIGNED: frozenset({"responsible"}),
    EntryKind.GROUP_FORMED: frozenset({"members", "responsible"}),
    EntryKind.MEETING_HELD: frozenset({"attendees", "handling"}),
    EntryKind.MEASURES_AGREED: frozenset({"measures"}),
    EntryKind.FOLLOW_UP_REVIEW: frozenset({"outcome", "progress"}),
    EntryKind.DISCLOSURE_CONSENT_DECISION: frozenset({"given_by", "to", "data", "purpose"}),
    EntryKind.DISCLOSURE: frozenset({"what", "to", "legal_basis"}),
    EntryKind.TRANSFER_DECISION: frozenset({"given_by", "to"}),
    EntryKind.CHILD_WELFARE_NOTICE: frozenset({"made_by", "made_on", "to"}),
    EntryKind.CORRECTION: frozenset({"correction"}),
    EntryKind.CLOSED: frozenset({"reason"}),
}


def _the_entry_says_its_kind(content: Any, info: ValidationInfo) -> Any:
    # Content sealed at rest does not repeat its kind: the entry, validated first, says it.
    if isinstance(content, Mapping) and "kind" in info.data:
        return {"kind": info.data["kind"], **content}
    return content


@dataclass(frozen=True)
class RecordEntry:
    entry_id: UUID
    seq: int
    kind: EntryKind  # beside the content, so that the record can be read by kind, unsealed
    at: datetime
    author: StaffMember
    content: Annotated[EntryContent, BeforeValidator(_the_entry_says_its_kind)]
    corrects: UUID | None = None

    def __post_init__(self) -> None:
        if self.content.kind is not self.kind:
            raise ValueError(f"a {self.kind.value} entry with {self.content.kind.value} content")


@dataclass(frozen=True)
class Record:
    entries: tuple[RecordEntry, ...] = field(default=())

    def append(
        self,
        content: EntryContent,
        *,
        by: StaffMember,
        at: datetime,
        corrects: UUID | None = None,
    ) -> Record:
        kind = content.kind
        missing = {
            name
            for name in _REQUIRED.get(kind, frozenset())
            if getattr(content, name) in (None, "", [], ())
        }
        if missing:
            raise RuleViolation(
                "§20",
                f"a {kind.value.replace('_', ' ')} entry must record {', '.join(sorted(missing))}",
                instead="fill in the missing content",
            )
        if self.entries and at < self.entries[-1].at:
            raise RuleViolation(
                "§20", "the record is kept in date order: an entry cannot predate the last one",
                instead="date the entry now; describe earlier events in its content",
            )  # fmt: skip
        if (kind is EntryKind.CORRECTION) != (corrects is not None):
            raise RuleViolation("§20", "a correction names the entry it corrects, and only a "
                                "correction does", instead="use a correction entry")  # fmt: skip
        if corrects is not None and corrects not in {e.entry_id for e in self.entries}:
            raise RuleViolation("§20", "there is no such entry to correct",
                                instead="name an entry of this record")  # fmt: skip
        entry = RecordEntry(uuid4(), len(self.entries), kind, at, by, content, corrects)
        return Record((*self.entries, entry))
