"""The cases a welfare professional leads, and one case's workspace: its facts, its §15
clock, its record's chronology, whom consent covers, its group, meetings and measures."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from services.web.domain.cases import (
    Clock,
    ConsentItem,
    clock_of,
    consent_items,
    day,
    nearest_deadline_first,
)
from services.web.service_layer.api import Api, Forbidden, Service
from services.web.service_layer.case_record import Entry, disclosure_consents, entry_of

__all__ = [
    "CaseCard",
    "Entry",
    "Measure",
    "Meeting",
    "Workspace",
    "my_cases",
    "workspace",
]


@dataclass(frozen=True)
class CaseCard:
    case_id: UUID
    student_ref: str
    status: str
    categories: tuple[str, ...]
    unassigned: bool
    responsible: tuple[str, str] | None  # staff id, role
    clock: Clock
    opened_on: date | None

    @classmethod
    def of(cls, case: Mapping[str, Any], today: date) -> CaseCard:
        lead = case.get("responsible")
        return cls(
            case_id=UUID(str(case["case_id"])),
            student_ref=str(case.get("student_ref", "")),
            status=str(case.get("status", "")),
            categories=tuple(str(c) for c in case.get("categories") or ()),
            unassigned=bool(case.get("unassigned")),
            responsible=(str(lead["staff_id"]), str(lead["role"])) if lead else None,
            clock=clock_of(case, today),
            opened_on=day(case.get("opened_at")),
        )


@dataclass(frozen=True)
class Meeting:
    meeting_id: UUID
    at: datetime
    held: bool
    attendees: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    measure_id: UUID
    kind: str
    carried_out_by: str
    followed_up_by: str
    review_on: date | None
    carried_out_on: date | None  # from the record, when it says so


@dataclass(frozen=True)
class Workspace:
    card: CaseCard
    case: dict[str, Any]  # the rest of the facts, as the service says them
    group: tuple[tuple[str, str], ...]
    group_outside_parties: tuple[str, ...]
    consents: tuple[ConsentItem, ...]
    meetings: tuple[Meeting, ...]
    measures: tuple[Measure, ...]
    reviews: tuple[Entry, ...]
    record: tuple[Entry, ...] | None  # None: this person is not shown the record
    record_refused: str | None
    disclosure_consents: tuple[tuple[UUID, str], ...]  # in force: id, recipient
    student_to_be_told_by: date | None  # §16.2's notice still owed
    review_due_on: date | None


async def my_cases(api: Api, staff_id: str, today: date) -> list[CaseCard]:
    answer = await api.get(Service.WELFARE_GROUP, f"/staff/{staff_id}/cases")
    return [CaseCard.of(case, today) for case in nearest_deadline_first(answer or ())]


async def workspace(api: Api, case_id: UUID, today: date) -> Workspace:
    # Both at once: the page waits for the slower of the two, not for their sum.
    answers: tuple[Any, Any] = await asyncio.gather(
        api.get(Service.WELFARE_GROUP, f"/cases/{case_id}"),
        api.get(Service.WELFARE_GROUP, f"/cases/{case_id}/record"),
        return_exceptions=True,
    )
    case, answer = answers
    if isinstance(case, BaseException):
        raise case
    record: list[dict[str, Any]] | None = None
    refused = None
    if isinstance(answer, Forbidden):  # the principal of an unassigned case sees the case only
        refused = str(answer)
    elif isinstance(answer, BaseException):
        raise answer
    else:
        record = answer
    entries = tuple(entry_of(e) for e in sorted(record or (), key=lambda e: int(e.get("seq", 0))))
    done = {
        str(e.get("content", {}).get("measure_id")): day(e["content"].get("carried_out_on"))
        for e in record or ()
        if e.get("kind") == "measure_carried_out"
    }
    return Workspace(
        card=CaseCard.of(case, today),
        case=case,
        group=tuple((str(m["staff_id"]), str(m["role"])) for m in case.get("group") or ()),
        group_outside_parties=tuple(str(p) for p in case.get("group_outside_parties") or ()),
        consents=tuple(consent_items(case, record)),
        meetings=tuple(
            Meeting(
                UUID(str(m["meeting_id"])),
                datetime.fromisoformat(str(m["at"])),
                bool(m.get("held")),
                tuple(str(a) for a in m.get("attendees") or ()),
            )
            for m in case.get("meetings") or ()
        ),
        measures=tuple(
            Measure(
                UUID(str(m["measure_id"])),
                str(m.get("kind", "")),
                str(m.get("carried_out_by", "")),
                str(m.get("followed_up_by", "")),
                day(m.get("review_on")),
                done.get(str(m["measure_id"])),
            )
            for m in case.get("measures") or ()
        ),
        reviews=tuple(e for e in entries if e.kind == "follow_up_review"),
        record=entries if record is not None else None,
        record_refused=refused,
        disclosure_consents=disclosure_consents(record or ()),
        student_to_be_told_by=day(case.get("student_to_be_told_by")),
        review_due_on=day(case.get("review_due_on")),
    )
