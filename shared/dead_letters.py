"""The dead-letter topic: where a message goes when it cannot be processed, with why.

The original bytes, key and headers are kept unchanged so the message can be inspected
and replayed; the reason travels in ``dead-letter-*`` headers. A dead letter goes through
the outbox like any event: it is stored before the offset is committed, so it is never lost
between the two, and it is published again if the broker loses it.
"""

from __future__ import annotations

from shared.contracts import utc_now
from shared.logging import get_logger
from shared.metrics.platform import PlatformMetrics
from shared.outbox import Outbox
from shared.received import ReceivedMessage
from shared.topics import DEAD_LETTERS

__all__ = ["DeadLetters"]

log = get_logger(__name__)


class DeadLetters:
    def __init__(self, outbox: Outbox, metrics: PlatformMetrics | None = None) -> None:
        self._outbox = outbox
        self._metrics = metrics

    async def send(
        self, message: ReceivedMessage, *, consumer: str, reason: str, detail: str
    ) -> None:
        headers = {
            **message.headers,
            "dead-letter-consumer": consumer,
            "dead-letter-reason": reason,
            "dead-letter-detail": detail[:1000],
            "dead-letter-topic": message.topic,
            "dead-letter-partition": str(message.partition),
            "dead-letter-offset": str(message.offset),
            "dead-letter-at": utc_now().isoformat(),
        }
        await self._outbox.append_message(DEAD_LETTERS.name, message.key, message.value, headers)
        if self._metrics is not None:
            self._metrics.dead_lettered(message.topic, reason)
        log.warning(
            "dead_lettered",
            consumer=consumer,
            reason=reason,
            detail=detail,
            topic=message.topic,
            partition=message.partition,
            offset=message.offset,
        )
