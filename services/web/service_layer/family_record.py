"""The student's welfare record as the family may read it: the welfare group decides
what (§18, the student's age) and refuses with a reason (403) when nothing may be shown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.web.domain.family_record import KINDS, details_of
from services.web.service_layer.api import Api, Service

__all__ = ["RecordCase", "RecordLine", "record_of"]


@dataclass(frozen=True)
class RecordLine:
    at: datetime
    author_id: str
    author_role: str
    kind: str
    label: str  # a message id: translated where shown
    details: tuple[tuple[str, str | bool], ...]
    corrects: bool


@dataclass(frozen=True)
class RecordCase:
    case_id: str
    status: str
    opened_at: datetime
    lines: tuple[RecordLine, ...]


def _line(raw: Mapping[str, Any]) -> RecordLine:
    kind = str(raw.get("kind", ""))
    author = raw.get("author") or {}
    return RecordLine(
        at=datetime.fromisoformat(str(raw["at"])),
        author_id=str(author.get("staff_id", "")),
        author_role=str(author.get("role", "")),
        kind=kind,
        label=KINDS.get(kind, kind),
        details=tuple(details_of(kind, raw.get("content") or {})),
        corrects=raw.get("corrects") is not None,
    )


async def record_of(api: Api, ref: str) -> tuple[RecordCase, ...]:
    export = await api.get(Service.WELFARE_GROUP, f"/students/{ref}/record")
    return tuple(
        RecordCase(
            case_id=str(case["case_id"]),
            status=str(case.get("status", "")),
            opened_at=datetime.fromisoformat(str(case["opened_at"])),
            lines=tuple(_line(e) for e in case.get("record", [])),
        )
        for case in (export or {}).get("cases", [])
    )
