"""The web app's own gauge: how many sessions are live (a count on the expiry index)."""

from __future__ import annotations

from shared.contracts import utc_now
from shared.metrics import PlatformMetrics, Sample
from shared.storage import Store

__all__ = ["session_sample"]


def session_sample(store: Store, metrics: PlatformMetrics) -> Sample:
    sessions = store.collection("sessions")

    async def sample() -> None:
        live = await sessions.count_documents({"expires_at": {"$gt": utc_now()}})
        metrics.web_sessions.labels(metrics.service).set(live)

    return sample
