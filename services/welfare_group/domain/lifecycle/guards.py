"""The checks every step shares: the case's state, the consent in force, the record entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent import covers
from services.welfare_group.domain.record_content import EntryContent
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import Role, StaffMember

__all__ = [
    "GROUP_AT_WORK",
    "OPEN",
    "entry",
    "require",
    "require_consent",
    "require_lead_or_principal",
]

S = CaseStatus
GROUP_AT_WORK = frozenset({S.GROUP_FORMED, S.FOLLOW_UP})
OPEN = frozenset(S) - {S.CLOSED}


def require(case: Case, allowed: Iterable[CaseStatus], step: str, *, instead: str) -> None:
    if case.status not in set(allowed):
        raise RuleViolation(
            "case lifecycle",
            f"cannot {step} while the case is {case.status.value.replace('_', ' ')}",
            instead=instead,
        )


def entry(case: Case, content: EntryContent, by: StaffMember, at: datetime) -> Case:
    """Append the step's entry to the register its kind and the case's state decide."""
    register = case.register_for_next(content.kind, by)
    return replace(case, record=case.record.append(content, by=by, at=at, register=register))


def require_consent(case: Case, members: Iterable[str] = (), parties: Iterable[str] = ()) -> None:
    members, parties = set(members), set(parties)
    if not covers(case.consents, members=members, outside_parties=parties):
        named = ", ".join(sorted(members | parties))
        refused = sorted(i for i in members | parties if _refused(case, i))
        if refused:
            raise RuleViolation(
                "§14",
                f"consent was refused for {', '.join(refused)}: no consent in force covers them",
                instead="leave them out, or ask for consent again and record a consent naming them",
            )
        raise RuleViolation(
            "§14",
            f"no consent in force covers {named}",
            instead="record a consent that names them, or leave them out",
        )


def _refused(case: Case, item: str) -> bool:
    """The item's latest decision is a refusal (a later consent naming it would cover it)."""
    for consent in sorted(case.consents, key=lambda c: c.version, reverse=True):
        if item in consent.refused:
            return True
        if consent.given and item in consent.members | consent.outside_parties:
            return False
    return False


def require_lead_or_principal(case: Case, by: StaffMember, *, message: str, instead: str) -> None:
    """What only the case's responsible person decides, or the principal (§14)."""
    leads = case.responsible is not None and case.responsible.staff_id == by.staff_id
    if not leads and by.role is not Role.PRINCIPAL:
        raise RuleViolation("§14", message, instead=instead)
