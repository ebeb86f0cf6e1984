"""Consent withdrawn (§14): at once, and the group dissolves as far as consent goes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent import Consent, active_consent, covers
from services.welfare_group.domain.consent_requests import FamilyMember
from services.welfare_group.domain.group import ExpertGroup
from services.welfare_group.domain.lifecycle.guards import entry
from services.welfare_group.domain.record_content import ConsentDecision, ConsentWithdrawn
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import StaffMember

__all__ = ["withdraw_consent", "withdraw_family_consent"]

S = CaseStatus


def withdraw_family_consent(case: Case, *, family: FamilyMember, at: datetime) -> Case:
    """The student or guardian withdraws online what they gave (§14): entered by the case's
    responsible person, or while nobody leads it, by whoever recorded the consent."""
    mine = [c for c in case.consents if c.given_by is family.consenter and c.in_force]
    by = case.responsible or _recorded_by(case, {c.decided_at for c in mine})
    return withdraw_consent(case, by=by, at=at, family=family)


def _recorded_by(case: Case, when: set[datetime]) -> StaffMember:
    for e in reversed(case.record.entries):
        if isinstance(e.content, ConsentDecision) and e.at in when:
            return e.author
    raise RuleViolation(
        "§14",
        "there is no consent of yours in force to withdraw",
        instead="nothing: without consent the group cannot act",
    )


def withdraw_consent(
    case: Case, *, by: StaffMember, at: datetime, family: FamilyMember | None = None
) -> Case:
    """Every consent in force withdrawn, or, by the family online, every one they gave."""
    mine = [c for c in case.consents if family is None or c.given_by is family.consenter]
    in_force = [c.version for c in mine if c.in_force]
    if not in_force or not case.is_open:
        raise RuleViolation(
            "§14",
            "there is no consent in force to withdraw",
            instead="nothing: without consent the group cannot act",
        )
    consents = tuple(c.withdraw(at) if c.version in in_force else c for c in case.consents)
    group, left = _what_consent_still_covers(case.group, consents)
    withdrawn = ConsentWithdrawn(
        consent_versions=in_force, left_group=left, withdrawn_by=family.ref if family else None
    )
    case = entry(case, withdrawn, by, at)
    # Another's consent still in force (the family withdrew only their own) keeps the status.
    status = case.status if active_consent(consents) else S.CONSENT_WITHDRAWN
    return replace(case, consents=consents, group=group, status=status)


def _what_consent_still_covers(
    group: ExpertGroup | None, consents: Iterable[Consent]
) -> tuple[ExpertGroup | None, list[str]]:
    """The group dissolves as far as consent goes: members no consent in force covers leave
    it, in the same step; its responsible person stays to lead the case (§14)."""
    if group is None:
        return None, []
    consents = tuple(consents)
    stay = tuple(
        m
        for m in group.members
        if m.staff_id == group.responsible or covers(consents, members=[m.staff_id])
    )
    left = sorted(m.staff_id for m in group.members if m not in stay)
    parties = tuple(p for p in group.outside_parties if covers(consents, outside_parties=[p]))
    return (ExpertGroup(stay, group.responsible, parties) if stay else None), left
