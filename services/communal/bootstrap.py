"""Wires communal welfare together: the one place that knows every part, and builds each once.

The statistics' counting runs in ``MongoCommunalUnit`` transactions opened by the
consumers; the figures are read outside any transaction and published for a while; the
workspace and the plans write single documents (a version is never rewritten, so no
transaction is needed), each text checked first with the welfare group.
"""

from __future__ import annotations

from fastapi import FastAPI, Request

from services.communal.adapters.name_check import WelfareGroupNameCheck
from services.communal.adapters.publisher import PublishingWorker
from services.communal.adapters.unit_of_work import MongoCommunalUnit, MongoRepositories
from services.communal.domain.tallies import Tally
from services.communal.entrypoints.plans import plan_routes
from services.communal.entrypoints.statistics import statistics_routes
from services.communal.entrypoints.subscribers import SUBSCRIPTIONS
from services.communal.entrypoints.workspace import workspace_routes
from services.communal.service_layer.figures import Figures, Sources
from services.communal.settings import SERVICE, CommunalSettings
from shared.contracts import utc_now
from shared.dead_letter_ledger.http import dead_letter_routes
from shared.http import create_app
from shared.operations.http import operations_routes
from shared.pump import Pump
from shared.runtime import ServiceRuntime
from shared.security import require_policy_for_every_route

__all__ = ["build"]


def build(settings: CommunalSettings | None = None) -> tuple[FastAPI, ServiceRuntime]:
    settings = settings or CommunalSettings()
    runtime = ServiceRuntime(settings, service=SERVICE)
    store = runtime.store
    records = MongoRepositories(store)
    runtime.on_startup(records.ensure_indexes)
    transact = runtime.transactor(lambda session: MongoCommunalUnit(session, store))
    runtime.consume_together(SUBSCRIPTIONS, transact)

    async def counts_until(last_month: str) -> dict[Tally, int]:
        # In one transaction: a scan beside the consumers' increments may otherwise miss a
        # counter being updated under it, and a publication would count too few.
        return await store.in_transaction(
            lambda session: MongoRepositories(store, session).tallies.counts_until(last_month)
        )

    worker = PublishingWorker()
    runtime.on_shutdown(worker.stop)
    figures = Figures(
        Sources(counts_until=counts_until, schools=records.schools.all, now=utc_now),
        worker,
        fresh_s=settings.publication_cache_s,
    )
    if settings.publication_cache_s > 0:
        # The current year is made again in the background as the counters change, so that
        # a page is answered with figures at most PUBLICATION_CACHE_S old and never waits.
        runtime.run_pump(
            Pump("figures", figures.refresh_current, interval_s=settings.publication_cache_s)
        )
    app = create_app(
        runtime,
        title="Communal welfare",
        description=(
            "The school's communal welfare group, the welfare plan (§13) and statistics "
            "that name no one (§25): no student, case or person data is held here."
        ),
    )
    name_check = WelfareGroupNameCheck(
        settings.welfare_group_url, timeout_s=settings.screening_timeout_s, token=""
    )

    def screen_for(request: Request) -> WelfareGroupNameCheck:
        # The gate let the request in on its bearer token; the check is asked with it too.
        return name_check.as_caller(request.headers["authorization"].partition(" ")[2].strip())

    app.include_router(statistics_routes(figures, runtime.gate, now=utc_now))
    app.include_router(workspace_routes(records, runtime.gate, screen_for))
    app.include_router(plan_routes(records, runtime.gate, screen_for, records.school_ids))
    app.include_router(dead_letter_routes(runtime))
    app.include_router(operations_routes(runtime))
    require_policy_for_every_route(app, SERVICE)
    return app, runtime
