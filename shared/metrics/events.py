"""Counters read off the events the outbox relay publishes.

Counting at publish rather than where the event is made keeps the services' code free of
metrics, and counts an event once its transaction committed (a transaction retried makes
its events again, a committed one never). An entry published again after a broker lost
its storage is counted again: rare, and logged (``broker_lost_events``).
"""

from __future__ import annotations

import json

from shared.metrics.platform import PlatformMetrics
from shared.outbox import Position, RawPublish

__all__ = ["CountingPublish"]

_DELIVERY_OUTCOMES = {"notification.sent": "sent", "notification.failed": "failed"}
_DEAD_LETTER = "dead_letter"


class CountingPublish:
    """A ``RawPublish`` that counts what went out, after the broker acknowledged it."""

    def __init__(self, publish: RawPublish, metrics: PlatformMetrics) -> None:
        self._publish = publish
        self._metrics = metrics

    async def __call__(
        self, topic: str, key: bytes | None, value: bytes, headers: dict[str, str]
    ) -> Position:
        position = await self._publish(topic, key, value, headers)
        self._count(topic, value, headers)
        return position

    def _count(self, topic: str, value: bytes, headers: dict[str, str]) -> None:
        m = self._metrics
        # A dead letter keeps the original message's headers, so its event type too.
        kind = _DEAD_LETTER if "dead-letter-reason" in headers else headers.get("event-type")
        m.events_published.labels(m.service, topic, kind or "unknown").inc()
        if kind == "deadline.breached":
            data = _data(value)
            m.deadlines_breached.labels(m.service, str(data.get("urgency", "unknown"))).inc()
        elif kind in _DELIVERY_OUTCOMES:
            data = _data(value)
            channel = str(data.get("channel", "unknown"))
            m.deliveries.labels(m.service, channel, _DELIVERY_OUTCOMES[kind]).inc()


def _data(value: bytes) -> dict[str, object]:
    """The event's data, or nothing if it cannot be read (it was valid when it was made)."""
    try:
        decoded = json.loads(value)
    except ValueError:
        return {}
    data = decoded.get("data") if isinstance(decoded, dict) else None
    return data if isinstance(data, dict) else {}
