"""The operations console's use cases: each service's status (a service that does not
answer is shown as down, the page still renders), the failed deliveries and their retry,
the overdue timers. Counts and identifiers only, as the services give them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from services.web.domain.operations import Chart, GroupLag, chart_of, lag_rows
from services.web.service_layer.api import Api, Service, Unavailable

__all__ = [
    "Console",
    "FailedDelivery",
    "Probe",
    "ServiceCard",
    "Timers",
    "console",
    "failed_deliveries",
    "overdue_timers",
    "retry_delivery",
]


@dataclass(frozen=True)
class Probe:
    up: bool
    error: str | None = None
    latency_ms: float | None = None

    @classmethod
    def of(cls, part: Any) -> Probe:
        if not isinstance(part, dict):
            return cls(False, "Missing")
        return cls(bool(part.get("up")), part.get("error"), part.get("latency_ms"))


@dataclass(frozen=True)
class ServiceCard:
    service: Service
    answered: bool  # False: the service itself did not answer (down)
    version: str | None = None
    started_at: datetime | None = None
    database: Probe = Probe(False)
    broker: Probe = Probe(False)
    outbox: Probe = Probe(False)
    backlog: int | None = None
    oldest_age_s: float | None = None
    failed_deliveries: int | None = None  # notifications
    timers_due: int | None = None  # the welfare group
    timers_overdue: int | None = None

    @property
    def healthy(self) -> bool:
        return self.answered and self.database.up and self.broker.up and self.outbox.up

    @classmethod
    def of(cls, service: Service, status: dict[str, Any] | None) -> ServiceCard:
        if status is None:
            return cls(service, False)
        outbox, timers = status.get("outbox") or {}, status.get("timers") or {}
        deliveries = status.get("deliveries") or {}
        return cls(
            service, True, status.get("version"),
            datetime.fromisoformat(status["started_at"]) if status.get("started_at") else None,
            Probe.of(status.get("database")), Probe.of(status.get("broker")), Probe.of(outbox),
            outbox.get("backlog"), outbox.get("oldest_age_s"), deliveries.get("failed"),
            timers.get("due"), timers.get("overdue"),
        )  # fmt: skip


@dataclass(frozen=True)
class Console:
    cards: tuple[ServiceCard, ...]
    groups: tuple[GroupLag, ...]
    chart: Chart


async def _status(api: Api, service: Service) -> dict[str, Any] | None:
    try:
        found = await api.get(service, "/operations/status")
    except Unavailable:
        return None
    return found if isinstance(found, dict) else None


async def console(api: Api) -> Console:
    services = tuple(Service)
    statuses = await asyncio.gather(*(_status(api, s) for s in services))
    answered = [s for s in statuses if s is not None]
    return Console(
        tuple(ServiceCard.of(svc, st) for svc, st in zip(services, statuses, strict=True)),
        tuple(lag_rows(answered)),
        chart_of(answered),
    )


@dataclass(frozen=True)
class FailedDelivery:
    notification_id: str
    case_id: str | None  # older services' answers may lack it
    person_id: str
    channel: str
    reason: str | None  # why it failed: a code (smtp_rejected: 550, no_address)
    attempts: int
    created_at: datetime


async def failed_deliveries(api: Api) -> list[FailedDelivery]:
    found = await api.get(Service.NOTIFICATIONS, "/deliveries/failed")
    return [_failed(d) for d in found or []]


def _failed(d: dict[str, Any]) -> FailedDelivery:
    return FailedDelivery(
        str(d["notification_id"]), d.get("case_id"), str(d["person_id"]), str(d["channel"]),
        d.get("last_error"), int(d["attempts"]), datetime.fromisoformat(d["created_at"]),
    )  # fmt: skip


async def retry_delivery(api: Api, notification_id: UUID, reason: str | None) -> bool:
    """True if it was requeued; False if it was not failed any more (nothing done)."""
    body: dict[str, Any] = {"reason": reason} if reason else {}
    done = await api.post(Service.NOTIFICATIONS, f"/deliveries/{notification_id}/retry", body)
    return bool(done and done.get("requeued"))


@dataclass(frozen=True)
class Timers:
    answered: bool
    due: int = 0
    overdue: int = 0
    grace_s: float = 0
    overdue_timers: tuple[tuple[str, str, datetime], ...] = ()  # case id, kind, moment


async def overdue_timers(api: Api) -> Timers:
    status = await _status(api, Service.WELFARE_GROUP)
    part = (status or {}).get("timers") or {}
    if not part.get("up"):
        return Timers(False)
    return Timers(
        True, int(part["due"]), int(part["overdue"]), float(part.get("grace_s", 0)),
        tuple(
            (str(t["case_id"]), str(t["kind"]), datetime.fromisoformat(t["fire_at"]))
            for t in part.get("overdue_timers", [])
        ),
    )  # fmt: skip
