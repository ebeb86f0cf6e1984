"""Wires intake together: settings, runtime, the unit of work, consumers and HTTP routes.
The one module that knows which adapter stands behind each seam of the service layer."""

from __future__ import annotations

from fastapi import FastAPI

from services.intake.adapters.concerns import ConcernRepository
from services.intake.adapters.rate_limit import ConcernRateLimit
from services.intake.adapters.unit import MongoIntakeUnit
from services.intake.entrypoints.following import OWN_CONCERNS, family_check, following_routes
from services.intake.entrypoints.http import concern_routes
from services.intake.entrypoints.requests import request_routes
from services.intake.entrypoints.subscribers import (
    on_case_opened,
    on_case_purged,
    on_case_step,
    on_concern_linked,
)
from services.intake.settings import SERVICE, IntakeSettings
from shared.contracts import CaseConcernLinkedV1, CaseOpenedV1, CasePurgedV1, CaseStepRecordedV1
from shared.dead_letter_ledger.http import dead_letter_routes
from shared.http import create_app
from shared.operations.http import operations_routes
from shared.runtime import ServiceRuntime
from shared.security import require_policy_for_every_route
from shared.security.audit import access_log_routes
from shared.topics import CASES, CONCERNS

__all__ = ["build"]


def build(settings: IntakeSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or IntakeSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    keys = runtime.data_keys()
    transact = runtime.transactor(lambda session: MongoIntakeUnit(session, runtime.store, keys))
    runtime.on_startup(ConcernRepository(runtime.store, keys).ensure_indexes)

    runtime.consume(
        CASES,
        {
            CaseOpenedV1: on_case_opened,
            CaseConcernLinkedV1: on_concern_linked,
            CaseStepRecordedV1: on_case_step,
            CasePurgedV1: on_case_purged,
        },
        transact,
    )
    runtime.publishes(CONCERNS)
    app = create_app(
        runtime,
        title="Intake",
        description="Raise a student welfare concern and follow its status.",
    )
    # Intake's own rule beside the shared table's, as the welfare group covers its steps.
    runtime.gate.cover(OWN_CONCERNS)
    rate_limit = ConcernRateLimit(settings.concern_rate_limit, settings.rate_limit_storage_uri)
    app.include_router(
        concern_routes(transact, runtime.gate, rate_limit, public_base_url=settings.public_base_url)
    )
    app.include_router(following_routes(transact, runtime.gate))
    app.include_router(
        request_routes(transact, runtime.gate, rate_limit, public_base_url=settings.public_base_url)
    )
    app.include_router(access_log_routes(runtime.gate, runtime.access_log, family_check(transact)))
    app.include_router(dead_letter_routes(runtime))
    app.include_router(operations_routes(runtime))
    require_policy_for_every_route(app, SERVICE)
    return app, runtime
