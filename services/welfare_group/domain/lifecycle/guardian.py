"""The guardian's part in a minor's case (§18): the two §18.2 bars, set and lifted each on
its own, and what the guardian may then be told and shown.

Every bar is the minor's, for a weighty reason, and whether it is in the child's interest
is judged by a health or social care professional (nurse, psychologist, kuraattori), who
signs it off; lifting one is judged and recorded the same way. A student of age has no
guardian in these matters, so there is no bar to set (§18). What the guardian may be told
and shown is always derived from the case's facts (``guardian_rights``): majority, a
raiser's hold on notices, and the bars in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.lifecycle.guards import OPEN, entry, require
from services.welfare_group.domain.lifecycle.majority import require_minor
from services.welfare_group.domain.record_content import GuardianBarLifted, GuardianBarred
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import WELFARE_PROFESSIONS, StaffMember

__all__ = ["bar_guardian", "guardian_rights", "lift_guardian_bar"]


def guardian_rights(case: Case) -> Case:
    """Notices stop under the participation bar (and while a hold stands); the record and
    every confidential datum stop under the data bar; both stop for a student of age."""
    bars = case.guardian_bars
    adult = case.student_of_age
    held = case.guardian_notice_hold is not None
    return replace(
        case,
        guardian_may_be_notified=not (adult or held or GuardianBar.PARTICIPATION in bars),
        guardian_may_see_record=not (adult or GuardianBar.CONFIDENTIAL_DATA in bars),
    )


def _require_professional(by: StaffMember, judged: str) -> None:
    if by.role not in WELFARE_PROFESSIONS:
        raise RuleViolation(
            "§18",
            f"whether {judged} is in the child's interest is judged by a health "
            "or social care professional",
            instead="ask the nurse, psychologist or kuraattori to assess and sign it off",
        )


def bar_guardian(
    case: Case,
    *,
    bars: Iterable[GuardianBar],
    reason: str,
    assessment: str,
    by: StaffMember,
    at: datetime,
) -> Case:
    """§18.2: a minor's bar on the guardian taking part, or receiving confidential data, or
    both, each chosen, with its reason, signed off by a health or social care professional."""
    chosen = sorted(set(bars))
    require(case, OPEN, "record a bar on the guardian", instead="open a new case")
    require_minor(case, "record a bar on a guardian", instead="nothing: no guardian takes part")
    _require_professional(by, "a bar")
    barred = GuardianBarred(reason=reason, assessment=assessment, bars=chosen)
    case = entry(case, barred, by, at)
    return guardian_rights(replace(case, guardian_bars=case.guardian_bars | set(chosen)))


def lift_guardian_bar(
    case: Case, *, bars: Iterable[GuardianBar], reason: str, by: StaffMember, at: datetime
) -> Case:
    """A bar lifted, on the student's word or as the professional judges it over (§18)."""
    chosen = sorted(set(bars))
    require(case, OPEN, "lift a bar on the guardian", instead="open a new case")
    not_in_force = [b.value for b in chosen if b not in case.guardian_bars]
    if not chosen or not_in_force:
        raise RuleViolation(
            "§18",
            f"no such bar on the guardian is in force: {', '.join(not_in_force) or 'none named'}",
            instead="name a bar in force",
        )
    _require_professional(by, "lifting a bar")
    case = entry(case, GuardianBarLifted(bars=chosen, reason=reason), by, at)
    return guardian_rights(replace(case, guardian_bars=case.guardian_bars - set(chosen)))
