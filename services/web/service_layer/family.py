"""The family's cases as the welfare group shows them, and the family's own steps: a
request for a discussion (intake), a consent answered or withdrawn (the welfare group).

Every call is made with the family member's own token: the services decide what of a
case the family may see (§18, the student's age) and leave out what they may not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.web.domain.family import family_refs
from services.web.domain.family_consent import ConsentRequest, consent_request_of
from services.web.domain.person import SignedIn
from services.web.service_layer.api import Api, Forbidden, Service

__all__ = [
    "Child",
    "FamilyCase",
    "answer_consent",
    "ask_for_discussion",
    "cases_of",
    "find_case",
    "overview",
    "withdraw_consent",
]


@dataclass(frozen=True)
class FamilyCase:
    case_id: str
    student_ref: str
    status: str
    opened_at: datetime
    categories: tuple[str, ...] | None
    responsible_profession: str | None
    discussion_requested_on: date | None
    discussion_due_on: date | None
    discussion_offered_on: date | None
    consent_requests: tuple[ConsentRequest, ...]
    consent_items: tuple[tuple[str, str], ...]  # (member or outside party, its decision)

    @property
    def has_consent(self) -> bool:
        return any(decision == "consented" for _, decision in self.consent_items)


@dataclass(frozen=True)
class Child:
    """A student's card: their cases, or why the service shows none to this person."""

    student_ref: str
    cases: tuple[FamilyCase, ...]
    refused: str | None = None


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _case_of(ref: str, raw: Mapping[str, Any]) -> FamilyCase:
    categories = raw.get("categories")
    return FamilyCase(
        case_id=str(raw["case_id"]),
        student_ref=ref,
        status=str(raw.get("status", "")),
        opened_at=datetime.fromisoformat(str(raw["opened_at"])),
        categories=None if categories is None else tuple(str(c) for c in categories),
        responsible_profession=raw.get("responsible_profession"),
        discussion_requested_on=_day(raw.get("discussion_requested_on")),
        discussion_due_on=_day(raw.get("discussion_due_on")),
        discussion_offered_on=_day(raw.get("discussion_offered_on")),
        consent_requests=tuple(consent_request_of(r) for r in raw.get("consent_requests", [])),
        consent_items=tuple(
            (str(i["item"]), str(i["decision"])) for i in raw.get("consent_items", [])
        ),
    )


async def cases_of(api: Api, ref: str) -> tuple[FamilyCase, ...]:
    """The student's cases the service shows this family member; only those."""
    found = await api.get(Service.WELFARE_GROUP, f"/students/{ref}/cases")
    listed = found.get("cases", []) if isinstance(found, dict) else found or []
    return tuple(_case_of(ref, raw) for raw in listed)


async def overview(api: Api, person: SignedIn) -> tuple[Child, ...]:
    children: list[Child] = []
    for ref in family_refs(person):
        try:
            children.append(Child(ref, await cases_of(api, ref)))
        except Forbidden as refused:  # e.g. a guardian §18 keeps out of this child's matters
            children.append(Child(ref, (), refused=str(refused) or None))
    return tuple(children)


async def find_case(api: Api, person: SignedIn, case_id: str) -> FamilyCase | None:
    """The case among the person's students' cases, as the service shows it; None if the
    service shows it to none of them (so it is not theirs, or not for them to see)."""
    for ref in family_refs(person):
        for case in await cases_of(api, ref):
            if case.case_id == case_id:
                return case
    return None


async def ask_for_discussion(api: Api, ref: str, body: dict[str, Any]) -> str:
    accepted = await api.post(Service.INTAKE, f"/students/{ref}/discussion-requests", body)
    return str((accepted or {}).get("concern_id", ""))


async def answer_consent(api: Api, case_id: str, body: dict[str, Any]) -> None:
    await api.post(Service.WELFARE_GROUP, f"/cases/{case_id}/consent-decisions", body)


async def withdraw_consent(api: Api, case_id: str) -> None:
    await api.post(Service.WELFARE_GROUP, f"/cases/{case_id}/consent-withdrawals", {})
