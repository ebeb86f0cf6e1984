"""Gauges sampled every few seconds, not at each scrape.

A scrape must stay cheap whoever sends it, and the database is not the place to pay for
it: each sampler runs once per ``METRICS_SAMPLE_INTERVAL_S`` on an index, its cost is
itself a gauge (``welfare_metrics_sample_duration_seconds``), and a failing one leaves
its gauge at the last value and counts the failure.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime, timedelta

from prometheus_client import Gauge

from shared.contracts import utc_now
from shared.logging import get_logger
from shared.metrics.platform import PlatformMetrics
from shared.outbox import OUTBOX
from shared.storage import ASCENDING, Store

__all__ = ["Sample", "Sampler", "count_by", "outbox_sample", "set_labelled"]

Sample = Callable[[], Awaitable[None]]

log = get_logger(__name__)


class Sampler:
    """The samples of one process, run in turn (a pump step)."""

    def __init__(self, metrics: PlatformMetrics) -> None:
        self._metrics = metrics
        self._samples: list[tuple[str, Sample]] = []

    def add(self, name: str, sample: Sample) -> None:
        self._samples.append((name, sample))

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self._samples]

    async def sample(self) -> bool:
        m = self._metrics
        for name, sample in self._samples:
            started = time.perf_counter()
            try:
                await sample()
            except Exception:
                m.sample_failures.labels(m.service, name).inc()
                log.warning("metrics_sample_failed", sampler=name, exc_info=True)
            m.sample_duration.labels(m.service, name).set(time.perf_counter() - started)
        return False


def set_labelled(
    gauge: Gauge, service: str, values: dict[str, float], known: Iterable[str]
) -> None:
    """Set one series per label value; a value seen before but absent now reads 0."""
    for label in {*known, *values}:
        gauge.labels(service, label).set(values.get(label, 0))


async def count_by(
    store: Store, collection: str, field: str, match: Mapping[str, object] | None = None
) -> dict[str, float]:
    """Documents matching ``match``, counted by ``field`` (one aggregation). Without a
    match the whole collection is grouped: on SecantusDB that is twice as fast as a
    ``$match`` stage (measured: 2000 cases in 32 ms against 70 ms)."""
    stages: list[dict[str, object]] = [{"$match": dict(match)}] if match else []
    stages.append({"$group": {"_id": f"${field}", "n": {"$sum": 1}}})
    rows = await store.collection(collection).aggregate(stages).to_list(None)
    return {str(row["_id"]): float(row["n"]) for row in rows}


def outbox_sample(
    store: Store, metrics: PlatformMetrics, now: Callable[[], datetime] = utc_now
) -> Sample:
    """The outbox backlog and its oldest entry's age, both on the ``published_at`` index."""
    outbox = store.collection(OUTBOX)

    async def sample() -> None:
        waiting = {"published_at": None}
        backlog = await outbox.count_documents(waiting)
        oldest = await outbox.find_one(
            waiting, sort=[("_id", ASCENDING)], projection={"created_at": 1}
        )
        age = now() - oldest["created_at"] if oldest else timedelta(0)
        metrics.outbox_backlog.labels(metrics.service).set(backlog)
        metrics.outbox_oldest_age.labels(metrics.service).set(max(age.total_seconds(), 0.0))

    return sample
