"""Wires the welfare group together: settings, runtime, repositories, consumer, clock, routes."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from services.welfare_group.adapters.repository import (
    CalendarRepository,
    CaseRepository,
    RosterRepository,
)
from services.welfare_group.adapters.timers import TimerRepository
from services.welfare_group.handlers.access import case_guard, family_check
from services.welfare_group.handlers.deadlines import DeadlineClock, Deadlines
from services.welfare_group.handlers.events import CaseIntake, on_concern_raised
from services.welfare_group.handlers.http import case_routes, caseload_routes
from services.welfare_group.handlers.retention import Retention
from services.welfare_group.handlers.step_http import step_routes
from services.welfare_group.settings import SERVICE, WelfareGroupSettings
from shared.contracts import ConcernRaisedV1
from shared.http import create_app
from shared.pump import Pump
from shared.runtime import ServiceRuntime
from shared.security import require_policy_for_every_route
from shared.security.audit import access_log_routes
from shared.topics import CASES, CONCERNS
from shared.unit_of_work import UnitOfWork

__all__ = ["build"]


def build(settings: WelfareGroupSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or WelfareGroupSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    cases = CaseRepository(runtime.store, runtime.data_keys())
    timers = TimerRepository(runtime.store)
    runtime.on_startup(cases.ensure_indexes)
    runtime.on_startup(timers.ensure_indexes)
    timezone = ZoneInfo(settings.school_timezone)
    calendars = CalendarRepository(runtime.store)
    deadlines = Deadlines(timers, calendars, timezone)
    deps = CaseIntake(
        cases=cases,
        rosters=RosterRepository(runtime.store),
        calendars=calendars,
        timezone=timezone,
        schedule=deadlines.schedule_on,
    )
    clock = DeadlineClock(timers, cases, runtime.transact, batch=settings.timer_batch_size)
    runtime.run_pump(
        Pump("deadline-timers", clock.fire_due, interval_s=settings.timer_poll_interval_s)
    )

    retention = Retention(
        cases,
        timers,
        runtime.transact,
        keep_closed=timedelta(days=settings.retention_closed_case_days),
        batch=settings.purge_batch_size,
    )
    runtime.run_pump(
        Pump("retention", retention.purge_expired, interval_s=settings.purge_poll_interval_s)
    )

    async def concern_raised(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        await on_concern_raised(event, unit, deps)

    runtime.consume(CONCERNS, {ConcernRaisedV1: concern_raised}, runtime.transact)
    runtime.publishes(CASES)
    app = create_app(
        runtime,
        title="Welfare group",
        description="Individual student welfare cases, their deadlines and their record.",
    )
    guard = case_guard(cases, runtime.gate)
    app.include_router(case_routes(cases, runtime.gate, guard))
    app.include_router(step_routes(runtime.transact, cases, deps.rosters, deadlines, guard))
    app.include_router(caseload_routes(cases, deps.rosters, runtime.gate))
    app.include_router(access_log_routes(runtime.gate, runtime.access_log, family_check(cases)))
    require_policy_for_every_route(app, SERVICE)
    return app, runtime
