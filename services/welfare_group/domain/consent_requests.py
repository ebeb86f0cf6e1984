"""Consent requests as the family answers them (§14): what each asks, item by item, and
what of it is decided.

A request names the members and outside parties it asks consent for, and rests on the
capacity assessment the professional asking recorded with it. It stays open while any of
its items (or, for a request naming none, the request itself) has no decision after it.
Who answers is the family member the token names (``FamilyMember``), never a body's word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent import Consent, Consenter
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.record import RecordEntry
from services.welfare_group.domain.record_content import ConsentDecision, ConsentRequested
from shared.contracts import StaffMember

__all__ = [
    "FamilyMember",
    "ItemDecision",
    "OpenRequest",
    "item_decisions",
    "open_requests",
    "requests_for",
]

ItemDecision = str  # "consented", "refused" or "withdrawn"


@dataclass(frozen=True)
class FamilyMember:
    """The student or a guardian acting for themselves, as their token names them."""

    ref: str
    consenter: Consenter  # the student, or a guardian (never a representative: not signed in)


@dataclass(frozen=True)
class OpenRequest:
    request_id: UUID  # the request's record entry
    asked_at: datetime
    asked_by: StaffMember
    asked_of: Consenter
    purpose: str
    members: tuple[StaffMember, ...]
    outside_parties: tuple[str, ...]
    student_can_judge: bool | None
    decided: dict[str, ItemDecision]  # item to its decision after the request, if any

    @property
    def items(self) -> frozenset[str]:
        return frozenset(m.staff_id for m in self.members) | frozenset(self.outside_parties)


def item_decisions(consents: Iterable[Consent]) -> dict[str, ItemDecision]:
    """Each member and outside party named, by its latest decision: "consented" (in force),
    "refused", or "withdrawn"."""
    decided: dict[str, ItemDecision] = {}
    for consent in sorted(consents, key=lambda c: c.version):
        decided |= dict.fromkeys(consent.refused, "refused")
        if consent.given:
            state = "consented" if consent.in_force else "withdrawn"
            decided |= dict.fromkeys(consent.members | consent.outside_parties, state)
    return decided


def _decided_after(entries: Iterable[RecordEntry]) -> tuple[dict[str, ItemDecision], bool]:
    decided: dict[str, ItemDecision] = {}
    any_decision = False
    for e in entries:
        if isinstance(e.content, ConsentDecision):
            any_decision = True
            named = [*e.content.covers.members, *e.content.covers.outside_parties]
            decided |= dict.fromkeys(named, "consented" if e.content.given else "refused")
            if e.content.refused is not None:
                refused = [*e.content.refused.members, *e.content.refused.outside_parties]
                decided |= dict.fromkeys(refused, "refused")
    return decided, any_decision


def open_requests(case: Case) -> list[OpenRequest]:
    """The consent requests still waiting for a decision, oldest first; none once closed."""
    if not case.is_open:
        return []
    entries = case.record.entries
    found: list[OpenRequest] = []
    for i, e in enumerate(entries):
        if not isinstance(e.content, ConsentRequested):
            continue
        decided, any_decision = _decided_after(entries[i + 1 :])
        asked = e.content
        request = OpenRequest(
            e.entry_id, e.at, e.author, asked.from_, asked.purpose, tuple(asked.members),
            tuple(asked.outside_parties), asked.student_can_judge,
            {k: v for k, v in decided.items() if k in _items(asked)},
        )  # fmt: skip
        done = request.items <= request.decided.keys() if request.items else any_decision
        if not done:
            found.append(request)
    return found


def _items(asked: ConsentRequested) -> set[str]:
    return {m.staff_id for m in asked.members} | set(asked.outside_parties)


def requests_for(case: Case, who: FamilyMember) -> list[OpenRequest]:
    """The open requests the family member is the one asked: never a guardian the minor has
    barred from taking part (§18.2), nor one of a student of age (§18)."""
    if who.consenter is Consenter.GUARDIAN and (
        case.student_of_age or GuardianBar.PARTICIPATION in case.guardian_bars
    ):
        return []
    return [r for r in open_requests(case) if r.asked_of is who.consenter]
