"""What intake learns from the welfare group: a concern's visible status moves along; whether
the guardian may be told of it follows the case (§18); an erased case's concerns go with it."""

from __future__ import annotations

from services.intake.service_layer.unit_of_work import IntakeUnit
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1, CasePurgedV1, CaseStepRecordedV1
from shared.logging import get_logger

__all__ = ["case_purged", "case_step_recorded", "concern_taken_up"]

log = get_logger(__name__)


async def concern_taken_up(event: CaseOpenedV1 | CaseConcernLinkedV1, unit: IntakeUnit) -> None:
    """A case opened with the concern, or the concern joined an open case."""
    # The profession the concern itself was referred to, not who leads the case: the
    # raiser learns nothing of a case that was there before their concern (§21).
    known = await unit.concerns.hand_over(
        event.data.concern_id,
        case_id=event.data.case_id,
        handled_by=event.data.referred_to,
        at=event.occurred_at,
        # A case opens with its first concern: what it says of the guardian is this one's.
        guardian_may_be_told=(
            event.data.guardian_may_be_notified if isinstance(event, CaseOpenedV1) else None
        ),
    )
    if not known:
        # Not raised through this intake (another school's installation, or test data).
        log.info("case_for_unknown_concern", concern_id=str(event.data.concern_id))


async def case_step_recorded(event: CaseStepRecordedV1, unit: IntakeUnit) -> None:
    """Each step says whether the guardian may be told now: a §18 bar (on taking part or on
    confidential data), a raiser's hold kept or lifted, or majority, reaches every concern
    taken into the case."""
    step = event.data
    told = step.guardian_may_be_notified and step.guardian_may_see_record is not False
    await unit.concerns.guardian_may_be_told(step.case_id, told)


async def case_purged(event: CasePurgedV1, unit: IntakeUnit) -> None:
    """The case is erased: so are the concerns it took in, narrative and all."""
    await unit.concerns.erase(event.data.concern_ids)
    log.info("concerns_erased", case_id=str(event.data.case_id), count=len(event.data.concern_ids))
