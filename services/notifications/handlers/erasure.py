"""An erased case leaves nothing here: its inbox items, deliveries and send-time state go."""

from __future__ import annotations

from services.notifications.handlers.notify import Notifier
from shared.contracts import CasePurgedV1
from shared.logging import get_logger
from shared.unit_of_work import UnitOfWork

__all__ = ["on_case_purged"]

log = get_logger(__name__)


async def on_case_purged(event: CasePurgedV1, unit: UnitOfWork, notifier: Notifier) -> None:
    case_id = event.data.case_id
    await notifier.inbox.forget_case(case_id, unit.transaction)
    await notifier.deliveries.forget_case(case_id, unit.transaction)
    await notifier.case_states.forget_case(case_id, unit.transaction)
    log.info("case_forgotten", case_id=str(case_id))
