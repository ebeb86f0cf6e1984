"""Events from the welfare group that move a concern's visible status along."""

from __future__ import annotations

from services.intake.adapters.repository import ConcernRepository
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1
from shared.logging import get_logger
from shared.unit_of_work import UnitOfWork

__all__ = ["on_case_taken_up"]

log = get_logger(__name__)


async def on_case_taken_up(
    event: CaseOpenedV1 | CaseConcernLinkedV1, unit: UnitOfWork, concerns: ConcernRepository
) -> None:
    concern = await concerns.get(event.data.concern_id, unit.session)
    if concern is None:
        # Not raised through this intake (another school's installation, or test data).
        log.info("case_for_unknown_concern", concern_id=str(event.data.concern_id))
        return
    responsible = event.data.responsible
    await concerns.save(
        concern.hand_over(
            case_id=event.data.case_id,
            handled_by=responsible.role if responsible else None,
            at=event.occurred_at,
        ),
        unit.session,
    )
