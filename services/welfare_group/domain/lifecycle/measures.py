"""A measure carried out (§20.4: "toteutetut toimenpiteet"): the record says what was
done, by whom and when, beside the plan that agreed it."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.lifecycle.guards import (
    GROUP_AT_WORK,
    entry,
    require,
    require_consent,
)
from services.welfare_group.domain.record_content import MeasureCarriedOut
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import StaffMember

__all__ = ["carry_out_measure"]


def carry_out_measure(
    case: Case, *, measure_id: UUID, on: date, what: str, by: StaffMember, at: datetime
) -> Case:
    require(case, GROUP_AT_WORK, "record a measure carried out", instead="agree measures first")
    measure = next((m for m in case.measures if m.measure_id == measure_id), None)
    if measure is None:
        raise RuleViolation(
            "§20", "no such measure was agreed", instead="agree the measure in the plan first"
        )
    if on < case.opened_at.date() or on > at.date():
        raise RuleViolation(
            "§20",
            "a measure is recorded as carried out on a day between the case's opening and today",
            instead="give the day on which it was actually carried out",
        )
    # Whoever carried it out works in the group on a consent in force (§14).
    require_consent(case, members=[measure.carried_out_by])
    done = MeasureCarriedOut(
        measure_id=measure_id,
        carried_out_on=on,
        carried_out_by=measure.carried_out_by,
        what_was_done=what,
    )
    return entry(case, done, by, at)
