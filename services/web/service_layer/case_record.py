"""A case's record as the workspace shows it: each entry's facts and what its content says,
and the consents to a disclosure still in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from services.web.domain.chronology import Detail, summarise

__all__ = ["Entry", "disclosure_consents", "entry_of"]


@dataclass(frozen=True)
class Entry:
    entry_id: UUID
    seq: int
    kind: str
    at: datetime
    author: tuple[str, str]  # staff id, role
    register: str
    corrects: UUID | None
    details: tuple[Detail, ...]


def entry_of(entry: dict[str, Any]) -> Entry:
    author = entry.get("author") or {}
    corrects = entry.get("corrects")
    return Entry(
        entry_id=UUID(str(entry["entry_id"])),
        seq=int(entry.get("seq", 0)),
        kind=str(entry.get("kind", "")),
        at=datetime.fromisoformat(str(entry["at"])),
        author=(str(author.get("staff_id", "")), str(author.get("role", ""))),
        register=str(entry.get("register", "")),
        corrects=UUID(str(corrects)) if corrects else None,
        details=tuple(summarise(entry.get("content") or {})),
    )


def disclosure_consents(record: Any) -> tuple[tuple[UUID, str], ...]:
    """The consents to a disclosure still in force: given, and not withdrawn since."""
    in_force: dict[str, str] = {}
    for entry in record:
        content = entry.get("content") or {}
        if entry.get("kind") == "disclosure_consent_decision" and content.get("given"):
            in_force[str(content["consent_id"])] = str(content.get("to", ""))
        elif entry.get("kind") == "disclosure_consent_withdrawn":
            in_force.pop(str(content.get("consent_id")), None)
    return tuple((UUID(k), v) for k, v in in_force.items())
