"""Wires the welfare group together: settings, runtime, unit of work, consumer, pumps, routes."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from services.welfare_group.adapters.case_counts import CaseCounts
from services.welfare_group.adapters.caseloads import Caseloads
from services.welfare_group.adapters.cases import CaseRepository
from services.welfare_group.adapters.ledger import DISCLOSURE_LEDGER, DisclosureLedgerRepository
from services.welfare_group.adapters.metrics import case_sample, timer_sample
from services.welfare_group.adapters.schools import RosterRepository
from services.welfare_group.adapters.students import StudentRegisterRepository
from services.welfare_group.adapters.timer_status import timer_status
from services.welfare_group.adapters.timers import TimerRepository
from services.welfare_group.adapters.unit_of_work import MongoWelfareUnit
from services.welfare_group.entrypoints.caseload import caseload_routes
from services.welfare_group.entrypoints.cases import case_routes
from services.welfare_group.entrypoints.family import FAMILY_RULES, family_routes
from services.welfare_group.entrypoints.guards import case_guard, family_check
from services.welfare_group.entrypoints.ledger import ledger_routes
from services.welfare_group.entrypoints.notices import notice_routes
from services.welfare_group.entrypoints.records import record_routes
from services.welfare_group.entrypoints.screening import screening_routes
from services.welfare_group.entrypoints.steps import step_routes, step_rules
from services.welfare_group.entrypoints.subscribers import subscribers
from services.welfare_group.service_layer.majority import current_age
from services.welfare_group.service_layer.steps import CASE_STEPS
from services.welfare_group.settings import SERVICE, WelfareGroupSettings
from services.welfare_group.workers.deadline_clock import DeadlineClock
from services.welfare_group.workers.retention import Retention
from shared.dead_letter_ledger.http import dead_letter_routes
from shared.expiry import Expiry
from shared.folded_counters import folding
from shared.http import create_app
from shared.operations.http import operations_routes
from shared.pump import Pump
from shared.runtime import ServiceRuntime
from shared.security import require_policy_for_every_route
from shared.security.audit import access_log_routes
from shared.storage import Session
from shared.topics import CASES, CONCERNS

__all__ = ["build"]


def build(settings: WelfareGroupSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or WelfareGroupSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    store, keys = runtime.store, runtime.data_keys()
    timezone = ZoneInfo(settings.school_timezone)

    def unit(session: Session) -> MongoWelfareUnit:
        return MongoWelfareUnit(session, store, keys)

    transact = runtime.transactor(unit)
    # Reads outside a transaction: the guards, the views, the pumps' searches.
    cases, timers = CaseRepository(store, keys), TimerRepository(store)
    runtime.on_startup(cases.ensure_indexes)
    runtime.on_startup(timers.ensure_indexes)
    # The ledger is kept as long as the access log, not as long as the cases (§20.5).
    ledger = DisclosureLedgerRepository(store)
    runtime.expiries.add(
        Expiry(DISCLOSURE_LEDGER, "at", timedelta(days=settings.access_log_retention_days))
    )
    runtime.on_startup(ledger.ensure_indexes)

    clock = DeadlineClock(timers, transact, batch=settings.timer_batch_size, timezone=timezone)
    runtime.run_pump(
        Pump("deadline-timers", clock.fire_due, interval_s=settings.timer_poll_interval_s)
    )
    # Overdue: still pending after a few of the clock's looks (at least ten minutes).
    grace = timedelta(seconds=max(600.0, 3 * settings.timer_poll_interval_s))
    runtime.exposure.sampler.add("timers", timer_sample(store, runtime.metrics, grace=grace))
    runtime.exposure.sampler.add("cases", case_sample(store, runtime.metrics))
    fold = folding(Caseloads(store).counters, CaseCounts(store).counters)
    runtime.run_pump(Pump("counter-fold", fold, interval_s=settings.counter_fold_interval_s))
    keep_closed = timedelta(days=settings.retention_closed_case_days)
    retention = Retention(cases, transact, keep_closed, batch=settings.purge_batch_size)
    runtime.run_pump(
        Pump("retention", retention.purge_expired, interval_s=settings.purge_poll_interval_s)
    )

    runtime.consume(CONCERNS, subscribers(timezone, settings.guardian_hold_days), transact)
    runtime.publishes(CASES)
    app = create_app(
        runtime,
        title="Welfare group",
        description="Individual student welfare cases, their deadlines and their record.",
    )
    current = current_age(StudentRegisterRepository(store, keys), timezone)
    guard = case_guard(cases, runtime.gate, current)
    app.include_router(case_routes(cases, runtime.gate, guard))
    app.include_router(record_routes(cases, runtime.gate, current, transact))
    app.include_router(step_routes(CASE_STEPS, transact, guard, timezone))
    app.include_router(family_routes(cases, runtime.gate, current))
    app.include_router(notice_routes(transact, runtime.gate))
    app.include_router(caseload_routes(cases, RosterRepository(store), runtime.gate, timezone))
    app.include_router(screening_routes(StudentRegisterRepository(store, keys), runtime.gate))
    app.include_router(
        access_log_routes(runtime.gate, runtime.access_log, family_check(cases, current))
    )
    app.include_router(ledger_routes(ledger, runtime.gate, family_check(cases, current)))
    runtime.gate.cover(step_rules(CASE_STEPS) | FAMILY_RULES)
    app.include_router(dead_letter_routes(runtime))
    app.include_router(operations_routes(runtime, timers=timer_status(store, grace=grace)))
    require_policy_for_every_route(app, SERVICE)
    return app, runtime
