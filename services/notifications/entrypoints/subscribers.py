"""Events in: each case event the service reacts to, handed to its use case, in the
transaction the consumer opened for it (with the event's processed marker)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from services.notifications.service_layer.cases import case_opened, concern_linked
from services.notifications.service_layer.deadlines import (
    deadline_approaching,
    deadline_breached,
    follow_up_due,
    student_notice_due,
)
from services.notifications.service_layer.erasure import case_purged
from services.notifications.service_layer.steps import step_recorded
from services.notifications.service_layer.telling import Planning
from services.notifications.service_layer.unit_of_work import NotificationsUnit
from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    CasePurgedV1,
    CaseStepRecordedV1,
    DeadlineApproachingV1,
    DeadlineBreachedV1,
    EventEnvelope,
    FollowUpDueV1,
    StudentNoticeDueV1,
)

__all__ = ["Subscriber", "subscribers"]

Subscriber = Callable[[Any, NotificationsUnit], Awaitable[None]]
_Planned = Callable[[Any, NotificationsUnit, Planning], Awaitable[None]]

_PLANNED: dict[type[EventEnvelope], _Planned] = {
    CaseOpenedV1: case_opened,
    CaseConcernLinkedV1: concern_linked,
    CaseStepRecordedV1: step_recorded,
    DeadlineApproachingV1: deadline_approaching,
    DeadlineBreachedV1: deadline_breached,
    FollowUpDueV1: follow_up_due,
    StudentNoticeDueV1: student_notice_due,
}


def subscribers(planning: Planning) -> dict[type[EventEnvelope], Subscriber]:
    """Every case event the service reads, with what it does about it."""

    def with_planning(use_case: _Planned) -> Subscriber:
        async def handle(event: Any, unit: NotificationsUnit) -> None:
            await use_case(event, unit, planning)

        return handle

    return {
        **{kind: with_planning(use_case) for kind, use_case in _PLANNED.items()},
        CasePurgedV1: case_purged,
    }
