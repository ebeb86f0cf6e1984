"""Events in: a raised concern is taken up as a case, in the consumer's transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from services.welfare_group.domain.notice_hold import DEFAULT_HOLD_DAYS
from services.welfare_group.service_layer.concerns import take_up_concern
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from shared.contracts import ConcernRaisedV1, EventEnvelope

__all__ = ["subscribers"]


def subscribers(
    timezone: ZoneInfo, hold_days: int = DEFAULT_HOLD_DAYS
) -> Mapping[type[EventEnvelope], Callable[[Any, WelfareUnit], Awaitable[None]]]:
    async def concern_raised(event: ConcernRaisedV1, unit: WelfareUnit) -> None:
        await take_up_concern(event, unit, timezone, hold_days=hold_days)

    return {ConcernRaisedV1: concern_raised}
