"""The welfare record (opiskeluhuoltokertomus, §20): one chronology, appended to, never edited.

Every entry has its date, its author and the author's profession, and carries the content
the law requires of its kind, typed per kind (``record_content``). A mistake is put right
by a correction entry that names the entry it corrects; the original stays, and the
correction goes to the same register as what it corrects.

A case's chronology spans registers (``registers``): every entry names the register it
belongs to. The opiskeluhuoltokertomus proper is the welfare register's part of it, and it
begins with its header (§20.4), written when the expert group is formed on consent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID, uuid4

from pydantic import BeforeValidator, ValidationInfo

from services.welfare_group.domain.record_content import EntryContent
from services.welfare_group.domain.registers import Register
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import EntryKind, StaffMember

__all__ = ["EntryKind", "Record", "RecordEntry"]


# What §20 requires each kind of entry to say.
_REQUIRED: Mapping[EntryKind, frozenset[str]] = {
    EntryKind.CASE_OPENED: frozenset({"topic", "background", "raiser"}),
    EntryKind.CONCERN_LINKED: frozenset({"topic", "raiser"}),
    EntryKind.DISCUSSION_OFFERED: frozenset({"offered_on", "offered_by"}),
    EntryKind.CONSENT_DECISION: frozenset({"given", "given_by", "covers", "purpose"}),
    EntryKind.STUDENT_VIEW: frozenset({"views", "wishes"}),
    EntryKind.GUARDIAN_BARRED: frozenset({"reason", "assessment", "bars"}),
    EntryKind.GUARDIAN_BAR_LIFTED: frozenset({"bars", "reason"}),
    EntryKind.GUARDIAN_HOLD_CONFIRMED: frozenset({"ground", "requested_by"}),
    EntryKind.GUARDIAN_HOLD_LIFTED: frozenset({"ground", "requested_by"}),
    EntryKind.GUARDIAN_HOLD_LAPSED: frozenset({"requested_by", "expired_on"}),
    EntryKind.RESPONSIBLE_ASSIGNED: frozenset({"responsible"}),
    EntryKind.RECORD_HEADER: frozenset(
        {"student_name", "identity_code", "home_municipality", "topic", "raised_by"}
    ),
    EntryKind.GROUP_FORMED: frozenset({"members", "responsible"}),
    EntryKind.MEETING_HELD: frozenset({"attendees", "handling"}),
    EntryKind.MEASURES_AGREED: frozenset({"measures"}),
    EntryKind.MEASURE_CARRIED_OUT: frozenset({"measure_id", "carried_out_on", "what_was_done"}),
    EntryKind.FOLLOW_UP_REVIEW: frozenset({"outcome", "progress"}),
    EntryKind.DISCLOSURE_CONSENT_DECISION: frozenset({"given_by", "to", "data", "purpose"}),
    EntryKind.DISCLOSURE: frozenset({"what", "to", "legal_basis"}),
    EntryKind.TRANSFER_DECISION: frozenset({"given_by", "to"}),
    EntryKind.CHILD_WELFARE_NOTICE: frozenset({"made_by", "made_on", "to"}),
    EntryKind.CORRECTION: frozenset({"correction"}),
    EntryKind.CLOSED: frozenset({"reason"}),
    EntryKind.DISCUSSION_REQUESTED: frozenset({"requested_on", "requested_by"}),
    EntryKind.URGENCY_REASSESSED: frozenset({"to_urgency", "reason"}),
    EntryKind.DISCUSSION_NOT_NEEDED: frozenset({"exception", "explanation"}),
    EntryKind.STUDENT_TOLD: frozenset({"told_on"}),
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
    register: Register = Register.WELFARE  # whose register holds it (§20.2, §21)

    def __post_init__(self) -> None:
        if self.content.kind is not self.kind:
            raise ValueError(f"a {self.kind.value} entry with {self.content.kind.value} content")


@dataclass(frozen=True)
class Record:
    entries: tuple[RecordEntry, ...] = field(default=())

    @property
    def begun(self) -> bool:
        """The opiskeluhuoltokertomus exists: its header has been written."""
        return any(e.kind is EntryKind.RECORD_HEADER for e in self.entries)

    def of_register(self, register: Register) -> tuple[RecordEntry, ...]:
        return tuple(e for e in self.entries if e.register is register)

    def append(
        self,
        content: EntryContent,
        *,
        by: StaffMember,
        at: datetime,
        register: Register,
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
        if corrects is not None:  # a correction stays with what it corrects
            register = next(e.register for e in self.entries if e.entry_id == corrects)
        entry = RecordEntry(uuid4(), len(self.entries), kind, at, by, content, corrects, register)
        return Record((*self.entries, entry))
