"""Wires intake together: settings, runtime, repository, consumers and HTTP routes."""

from __future__ import annotations

from fastapi import FastAPI

from services.intake.adapters.rate_limit import ConcernRateLimit
from services.intake.adapters.repository import ConcernRepository
from services.intake.adapters.schools import SchoolDirectory
from services.intake.handlers.events import on_case_purged, on_case_step, on_case_taken_up
from services.intake.handlers.http import concern_routes
from services.intake.settings import SERVICE, IntakeSettings
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1, CasePurgedV1, CaseStepRecordedV1
from shared.http import create_app
from shared.runtime import ServiceRuntime
from shared.security import Principal, Role, require_policy_for_every_route
from shared.security.audit import access_log_routes
from shared.topics import CASES, CONCERNS
from shared.unit_of_work import UnitOfWork

__all__ = ["build"]


def build(settings: IntakeSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or IntakeSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    concerns = ConcernRepository(runtime.store, runtime.data_keys())
    schools = SchoolDirectory(runtime.store)
    runtime.on_startup(concerns.ensure_indexes)

    async def case_taken_up(event: CaseOpenedV1 | CaseConcernLinkedV1, unit: UnitOfWork) -> None:
        await on_case_taken_up(event, unit, concerns)

    async def case_purged(event: CasePurgedV1, unit: UnitOfWork) -> None:
        await on_case_purged(event, unit, concerns)

    async def case_step(event: CaseStepRecordedV1, unit: UnitOfWork) -> None:
        await on_case_step(event, unit, concerns)

    runtime.consume(
        CASES,
        {
            CaseOpenedV1: case_taken_up,
            CaseConcernLinkedV1: case_taken_up,
            CaseStepRecordedV1: case_step,
            CasePurgedV1: case_purged,
        },
        runtime.transact,
    )
    runtime.publishes(CONCERNS)
    app = create_app(
        runtime,
        title="Intake",
        description="Raise a student welfare concern and follow its status.",
    )
    rate_limit = ConcernRateLimit(settings.concern_rate_limit, settings.rate_limit_storage_uri)
    app.include_router(
        concern_routes(
            runtime.transact,
            concerns,
            schools,
            runtime.gate,
            rate_limit,
            public_base_url=settings.public_base_url,
        )
    )

    async def family_check(who: Principal, student_ref: str) -> str | None:
        if who.role is Role.GUARDIAN and await concerns.guardian_kept_out(student_ref):
            return "The guardian may not be told of this yet (§18)."
        return None

    app.include_router(access_log_routes(runtime.gate, runtime.access_log, family_check))
    require_policy_for_every_route(app, SERVICE)
    return app, runtime
