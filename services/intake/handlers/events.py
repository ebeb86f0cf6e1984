"""Events from the welfare group: a concern's visible status moves along; whether the
guardian may be told of it follows the case (§18); an erased case's concerns go with it."""

from __future__ import annotations

from services.intake.adapters.repository import ConcernRepository
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1, CasePurgedV1, CaseStepRecordedV1
from shared.logging import get_logger
from shared.unit_of_work import UnitOfWork

__all__ = ["on_case_purged", "on_case_step", "on_case_taken_up"]

log = get_logger(__name__)


async def on_case_taken_up(
    event: CaseOpenedV1 | CaseConcernLinkedV1, unit: UnitOfWork, concerns: ConcernRepository
) -> None:
    concern = await concerns.get(event.data.concern_id, unit.transaction)
    if concern is None:
        # Not raised through this intake (another school's installation, or test data).
        log.info("case_for_unknown_concern", concern_id=str(event.data.concern_id))
        return
    # The profession the concern itself was referred to, not who leads the case: the
    # raiser learns nothing of a case that was there before their concern (§21).
    await concerns.save(
        concern.hand_over(
            case_id=event.data.case_id, handled_by=event.data.referred_to, at=event.occurred_at
        ),
        unit.transaction,
        # A case opens with its first concern: what it says of the guardian is this one's.
        guardian_may_be_told=(
            event.data.guardian_may_be_notified if isinstance(event, CaseOpenedV1) else None
        ),
    )


async def on_case_step(
    event: CaseStepRecordedV1, unit: UnitOfWork, concerns: ConcernRepository
) -> None:
    told = event.data.guardian_may_be_notified
    await concerns.guardian_may_be_told(event.data.case_id, told, unit.transaction)


async def on_case_purged(
    event: CasePurgedV1, unit: UnitOfWork, concerns: ConcernRepository
) -> None:
    await concerns.erase(event.data.concern_ids, unit.transaction)
    log.info("concerns_erased", case_id=str(event.data.case_id), count=len(event.data.concern_ids))
