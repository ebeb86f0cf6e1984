"""Who leads a case, and what only the lead decides: the responsible person assigned when
the roster named nobody, and a raiser's request that the guardian not be told yet: kept
with a new expiry, lifted, or lapsed at its expiry (§16.3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.lifecycle.guardian import guardian_rights
from services.welfare_group.domain.lifecycle.guards import (
    OPEN,
    entry,
    require,
    require_lead_or_principal,
)
from services.welfare_group.domain.record_content import (
    GuardianHoldConfirmed,
    GuardianHoldLapsed,
    GuardianHoldLifted,
    ResponsibleAssigned,
)
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import WELFARE_PROFESSIONS, StaffMember

__all__ = ["assign_responsible", "decide_guardian_hold", "lapse_guardian_hold"]


def assign_responsible(case: Case, *, member: StaffMember, by: StaffMember, at: datetime) -> Case:
    """§16: a concern is taken up by the nurse, psychologist or kuraattori; when the roster
    named none, the principal assigns one (or the lead hands the case to a colleague)."""
    require(case, OPEN, "assign a responsible person", instead="open a new case")
    if member.role not in WELFARE_PROFESSIONS:
        raise RuleViolation(
            "§16",
            "a concern is taken up by the school nurse, psychologist or kuraattori",
            instead="assign one of them as the responsible person",
        )
    require_lead_or_principal(
        case,
        by,
        message="only the principal, or the person who leads the case, assigns its lead",
        instead="ask the principal to assign the responsible person",
    )
    previous = case.responsible.staff_id if case.responsible else None
    # The referral moves to the new lead: the entry goes to their register, not the old one.
    case = replace(case, responsible=member)
    return entry(case, ResponsibleAssigned(responsible=member, previous=previous), by, at)


def decide_guardian_hold(
    case: Case, *, keep: bool, ground: str, by: StaffMember, at: datetime
) -> Case:
    """Review a raiser's request that the guardian not be told yet: keep it, which a health
    or social care professional judges (§18), or lift it, after which the guardian is told."""
    require(case, OPEN, "review the guardian notice hold", instead="open a new case")
    hold = case.guardian_notice_hold
    if hold is None:
        raise RuleViolation(
            "§18",
            "no request to keep the guardian uninformed is in effect",
            instead="record a §18 bar if the student asks for one",
        )
    if keep and by.role not in WELFARE_PROFESSIONS:
        raise RuleViolation(
            "§18",
            "whether the guardian is kept uninformed is judged by a health or social care "
            "professional",
            instead="ask the nurse, psychologist or kuraattori to review it",
        )
    if keep:
        kept = hold.kept(by, at.date())
        confirmed = GuardianHoldConfirmed(
            ground=ground, requested_by=hold.requested_by, expires_on=kept.expires_on
        )
        return replace(entry(case, confirmed, by, at), guardian_notice_hold=kept)
    case = entry(case, GuardianHoldLifted(ground=ground, requested_by=hold.requested_by), by, at)
    return guardian_rights(replace(case, guardian_notice_hold=None))


def lapse_guardian_hold(case: Case, *, at: datetime) -> Case:
    """§16.3: a hold no professional kept past its expiry lapses, and the guardian is told.
    Entered in the name of the professional whose review fell due (the responsible person),
    or, while nobody leads the case, of the raiser whose request it was."""
    hold = case.guardian_notice_hold
    if hold is None or hold.expires_on is None or not case.is_open:
        return case
    author = case.responsible or hold.raiser
    if author is None:  # a hold from before holds named their raiser: it stays for review
        return case
    lapsed = GuardianHoldLapsed(requested_by=hold.requested_by, expired_on=hold.expires_on)
    case = entry(case, lapsed, author, max(at, case.record.entries[-1].at))
    return guardian_rights(replace(case, guardian_notice_hold=None))
