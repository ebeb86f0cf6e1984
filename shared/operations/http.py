"""HTTP in for the operations console: ``GET /operations/status``, the administrator's only.

Every service mounts it with one line (``operations_routes``), giving the parts only it
has (the welfare group's timers, notifications' failed deliveries). Counts and
identifiers only: no case content, no person.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from shared.operations.status import Part
from shared.security.access import Access

if TYPE_CHECKING:
    from shared.runtime import ServiceRuntime

__all__ = ["OperationsStatus", "operations_routes"]


class OperationsStatus(BaseModel):
    service: str
    version: str
    started_at: datetime
    database: dict[str, Any]  # up, latency_ms | error
    broker: dict[str, Any]  # up | error
    outbox: dict[str, Any]  # up, backlog, oldest_age_s | error
    consumer_groups: list[dict[str, Any]]  # group, topic, partition, lag_messages, lag_seconds
    consumer_groups_error: str | None = None
    throughput: list[dict[str, Any]]  # topic, direction, per_minute (60, oldest first)
    timers: dict[str, Any] | None = None  # the welfare group: due, overdue
    deliveries: dict[str, Any] | None = None  # notifications: failed


def operations_routes(runtime: ServiceRuntime, **extra: Part) -> APIRouter:
    router = APIRouter(tags=["operations"])
    runtime.status.extra.update(extra)
    gate = runtime.gate

    @router.get(
        "/operations/status",
        response_model=OperationsStatus,
        summary="The service's health, backlog, lag and throughput (for the administrator)",
        description=(
            "Version and start time; the database and the broker, each up or down with the "
            "error's type; the outbox backlog; each group's lag on what this service publishes, "
            "in messages and in seconds (the oldest unconsumed message's age); messages per "
            "minute per topic over the last hour (kept in memory: empty after a restart). "
            "Each part has a short bound: one that fails says so, the answer is still 200."
        ),
    )
    async def status(access: Access = Depends(gate)) -> OperationsStatus:
        return OperationsStatus(**await runtime.status.report())

    return router
