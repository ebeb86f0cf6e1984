"""An erased case leaves nothing here: its inbox items, deliveries and send-time state go."""

from __future__ import annotations

from services.notifications.service_layer.unit_of_work import NotificationsUnit
from shared.contracts import CasePurgedV1
from shared.logging import get_logger

__all__ = ["case_purged"]

log = get_logger(__name__)


async def case_purged(event: CasePurgedV1, unit: NotificationsUnit) -> None:
    case_id = event.data.case_id
    await unit.inbox.forget_case(case_id)
    await unit.deliveries.forget_case(case_id)
    await unit.case_states.forget_case(case_id)
    log.info("case_forgotten", case_id=str(case_id))
