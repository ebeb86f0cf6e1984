"""Wires the welfare group together: settings, runtime, repositories, consumer, routes."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fastapi import FastAPI

from services.welfare_group.adapters.repository import (
    CalendarRepository,
    CaseRepository,
    RosterRepository,
)
from services.welfare_group.handlers.events import SERVICE, CaseIntake, on_concern_raised
from services.welfare_group.handlers.http import case_routes, caseload_routes
from services.welfare_group.handlers.step_http import step_routes
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import ConcernRaisedV1
from shared.http import create_app
from shared.runtime import ServiceRuntime
from shared.topics import CASES, CONCERNS
from shared.unit_of_work import UnitOfWork

__all__ = ["build"]


def build(settings: WelfareGroupSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or WelfareGroupSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    cases = CaseRepository(runtime.store)
    runtime.on_startup(cases.ensure_indexes)
    deps = CaseIntake(
        cases=cases,
        rosters=RosterRepository(runtime.store),
        calendars=CalendarRepository(runtime.store),
        timezone=ZoneInfo(settings.school_timezone),
    )

    async def concern_raised(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        await on_concern_raised(event, unit, deps)

    runtime.consume(CONCERNS, {ConcernRaisedV1: concern_raised})
    runtime.publishes(CASES)
    app = create_app(
        runtime,
        title="Welfare group",
        description="Individual student welfare cases, their deadlines and their record.",
    )
    app.include_router(case_routes(cases))
    app.include_router(step_routes(runtime.transact, cases))
    app.include_router(caseload_routes(cases, deps.rosters))
    return app, runtime
