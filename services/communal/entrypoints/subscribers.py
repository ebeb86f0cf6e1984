"""Events in: every event the statistics count, handed to the counting use case in the
transaction the consumer opened for it (with the event's processed marker)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from services.communal.service_layer.tallying import count
from services.communal.service_layer.unit_of_work import CountingUnit
from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    CaseStepRecordedV1,
    ConcernRaisedV1,
    DeadlineBreachedV1,
    EventEnvelope,
    NotificationFailedV1,
    NotificationSentV1,
)
from shared.topics import CASES, CONCERNS, NOTIFICATIONS, Topic

__all__ = ["SUBSCRIPTIONS", "Subscriber"]

Subscriber = Callable[[Any, CountingUnit], Awaitable[None]]

# Each topic the statistics read, with the events on it that count for something.
SUBSCRIPTIONS: dict[Topic, dict[type[EventEnvelope], Subscriber]] = {
    CONCERNS: {ConcernRaisedV1: count},
    CASES: {
        CaseOpenedV1: count,
        CaseConcernLinkedV1: count,
        CaseStepRecordedV1: count,
        DeadlineBreachedV1: count,
    },
    NOTIFICATIONS: {NotificationSentV1: count, NotificationFailedV1: count},
}
