"""Wires intake together: settings, runtime, repository, consumers and HTTP routes."""

from __future__ import annotations

from fastapi import FastAPI

from services.intake.adapters.repository import ConcernRepository
from services.intake.handlers.commands import SERVICE
from services.intake.handlers.events import on_case_taken_up
from services.intake.handlers.http import concern_routes
from services.intake.settings import IntakeSettings
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1
from shared.http import create_app
from shared.runtime import ServiceRuntime
from shared.topics import CASES, CONCERNS
from shared.unit_of_work import UnitOfWork

__all__ = ["build"]


def build(settings: IntakeSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or IntakeSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    concerns = ConcernRepository(runtime.store)
    runtime.on_startup(concerns.ensure_indexes)

    async def case_taken_up(event: CaseOpenedV1 | CaseConcernLinkedV1, unit: UnitOfWork) -> None:
        await on_case_taken_up(event, unit, concerns)

    runtime.consume(CASES, {CaseOpenedV1: case_taken_up, CaseConcernLinkedV1: case_taken_up})
    runtime.publishes(CONCERNS)
    app = create_app(
        runtime,
        title="Intake",
        description="Raise a student welfare concern and follow its status.",
    )
    app.include_router(
        concern_routes(runtime.transact, concerns, public_base_url=settings.public_base_url)
    )
    return app, runtime
