"""Wires communal welfare together: the one place that knows every part, and builds each once.

The statistics' counting runs in ``MongoCommunalUnit`` transactions opened by the
consumers; the figures are read outside any transaction and published for a while.
"""

from __future__ import annotations

from fastapi import FastAPI

from services.communal.adapters.unit_of_work import MongoCommunalUnit, MongoRepositories
from services.communal.entrypoints.statistics import statistics_routes
from services.communal.entrypoints.subscribers import SUBSCRIPTIONS
from services.communal.service_layer.figures import Figures, Sources
from services.communal.settings import SERVICE, CommunalSettings
from shared.contracts import utc_now
from shared.dead_letter_ledger.http import dead_letter_routes
from shared.http import create_app
from shared.operations.http import operations_routes
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
    for topic, handlers in SUBSCRIPTIONS.items():
        runtime.consume(topic, handlers, transact)

    figures = Figures(
        Sources(counts_in=records.tallies.counts_in, schools=records.schools.all, now=utc_now),
        cache_s=settings.publication_cache_s,
    )
    app = create_app(
        runtime,
        title="Communal welfare",
        description=(
            "The school's communal welfare group, the welfare plan (§13) and statistics "
            "that name no one (§25): no student, case or person data is held here."
        ),
    )
    app.include_router(statistics_routes(figures, runtime.gate, now=utc_now))
    app.include_router(dead_letter_routes(runtime))
    app.include_router(operations_routes(runtime))
    require_policy_for_every_route(app, SERVICE)
    return app, runtime
