"""Messages per minute per topic over the last hour, for the operations console.

Filled by the metrics sampler from the counters the service already keeps: what the outbox
relay published (``welfare_events_published_total``) and what its consumers received
(FastStream's ``faststream_received_messages_total``). Kept in memory only: a restarted
service starts with an empty hour (Prometheus keeps the long history).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

from shared.metrics.platform import PlatformMetrics

__all__ = ["MINUTES", "Throughput"]

MINUTES = 60
_PUBLISHED = ("welfare_events_published", "topic")
_CONSUMED = ("faststream_received_messages", "handler")


class Throughput:
    def __init__(self, metrics: PlatformMetrics, clock: Callable[[], float] = time.time) -> None:
        self._metrics = metrics
        self._clock = clock
        self._seen: dict[tuple[str, str], float] = {}
        # (direction, topic) -> {minute since the epoch: messages}
        self._minutes: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)

    async def sample(self) -> None:
        minute = int(self._clock() // 60)
        for direction, totals in (
            ("published", self._totals(*_PUBLISHED)),
            ("consumed", self._totals(*_CONSUMED)),
        ):
            for topic, total in totals.items():
                key = (direction, topic)
                # A counter starts at 0 with the process: its first reading is all new.
                grown = total - self._seen.get(key, 0.0)
                self._seen[key] = total
                buckets = self._minutes[key]
                if grown > 0:
                    buckets[minute] = buckets.get(minute, 0.0) + grown
                for old in [m for m in buckets if m <= minute - MINUTES]:
                    del buckets[old]

    def last_hour(self) -> list[dict[str, object]]:
        """Per topic and direction, the messages of each of the last 60 minutes, oldest
        first (the last one is the minute going on now)."""
        now = int(self._clock() // 60)
        minutes = range(now - MINUTES + 1, now + 1)
        return [
            {
                "topic": topic,
                "direction": direction,
                "per_minute": [int(buckets.get(m, 0)) for m in minutes],
            }
            for (direction, topic), buckets in sorted(self._minutes.items())
        ]

    def _totals(self, family: str, label: str) -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for metric in self._metrics.registry.collect():
            if metric.name != family:
                continue
            for sample in metric.samples:
                if sample.name.endswith("_total") and label in sample.labels:
                    totals[self._metrics.topic(sample.labels[label])] += sample.value
        return totals
