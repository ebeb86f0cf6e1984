"""What one service says of itself on the operations console: counts and identifiers only.

Each part is measured on its own, within a short bound; a part that fails or takes too long
says so (``up: false`` with the error's type) and the others are still answered, so a
broker or a database that is down shows as down, never as an error of the whole status.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from aiokafka import TopicPartition

from shared.contracts import utc_now
from shared.metrics.lag import ConsumerLag
from shared.operations.broker import BrokerProbe
from shared.operations.throughput import Throughput
from shared.outbox import OUTBOX
from shared.storage import ASCENDING, Store

__all__ = ["Part", "StatusReport", "app_version"]

Part = Callable[[], Awaitable[dict[str, Any]]]
PART_TIMEOUT_S = 3.0  # the web app waits longer (API_TIMEOUT_S) for the whole


def app_version() -> str:
    """The package's version, with the build's commit if the image says it (APP_VERSION)."""
    try:
        package = version("opiskeluhuolto")
    except PackageNotFoundError:
        package = "unknown"
    built = os.environ.get("APP_VERSION", "").strip()
    return f"{package}+{built}" if built else package


async def measured(part: Part, timeout_s: float = PART_TIMEOUT_S) -> dict[str, Any]:
    try:
        return await asyncio.wait_for(part(), timeout_s)
    except TimeoutError:
        return {"up": False, "error": "Timeout"}
    except Exception as failed:  # whatever went wrong is the answer, not a 500
        return {"up": False, "error": type(failed).__name__}


class StatusReport:
    def __init__(
        self, *, service: str, store: Store, lag: ConsumerLag, broker: BrokerProbe,
        throughput: Throughput, extra: Mapping[str, Part] | None = None,
    ) -> None:  # fmt: skip
        self._service = service
        self._store = store
        self._lag = lag
        self._broker = broker
        self._throughput = throughput
        self.extra: dict[str, Part] = dict(extra or {})
        self.started_at = utc_now()

    async def report(self) -> dict[str, Any]:
        names = ["database", "broker", "outbox", "consumer_groups", *self.extra]
        parts = [self._database, self._broker_up, self._outbox, self._groups, *self.extra.values()]
        answers = await asyncio.gather(*(measured(p) for p in parts))
        found = dict(zip(names, answers, strict=True))
        groups = found.pop("consumer_groups")
        return {
            "service": self._service,
            "version": app_version(),
            "started_at": self.started_at,
            **found,
            "consumer_groups": groups.get("groups", []),
            "consumer_groups_error": groups.get("error"),
            "throughput": self._throughput.last_hour(),
        }

    async def _database(self) -> dict[str, Any]:
        started = time.perf_counter()
        await self._store.ping()
        return {"up": True, "latency_ms": round((time.perf_counter() - started) * 1000, 1)}

    async def _broker_up(self) -> dict[str, Any]:
        await self._broker.check()
        return {"up": True}

    async def _outbox(self) -> dict[str, Any]:
        outbox, waiting = self._store.collection(OUTBOX), {"published_at": None}
        backlog = await outbox.count_documents(waiting)
        oldest = await outbox.find_one(
            waiting, sort=[("_id", ASCENDING)], projection={"created_at": 1}
        )
        age: timedelta = utc_now() - oldest["created_at"] if oldest else timedelta(0)
        return {"up": True, "backlog": backlog, "oldest_age_s": max(age.total_seconds(), 0.0)}

    async def _groups(self) -> dict[str, Any]:
        offsets = await self._lag.offsets()
        places = {o: (TopicPartition(o.qualified, o.partition), o.committed) for o in offsets}
        behind = [place for o, place in places.items() if o.lag]
        try:
            ages = await self._broker.oldest_ages(behind, wait_s=0.5) if behind else {}
        except Exception:  # the counts are still worth showing without the ages
            ages = {}
        return {
            "up": True,
            "groups": [
                {
                    "group": o.group,
                    "topic": o.topic,
                    "partition": o.partition,
                    "lag_messages": o.lag,
                    # None: behind, but the oldest message's time could not be read in time
                    "lag_seconds": round(ages[place], 1)
                    if place in ages
                    else (None if o.lag else 0.0),
                }
                for o, place in places.items()
            ],
        }
