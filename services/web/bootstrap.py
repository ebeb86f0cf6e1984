"""Wiring: settings, the session store, sign-in, the services' clients, every screen."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from services.web.adapters.catalogues import load_translations
from services.web.adapters.metrics import session_sample
from services.web.adapters.oidc import SignIn
from services.web.adapters.services_api import ServiceClients
from services.web.adapters.sessions import Lifetime, MongoSessionStore, SessionStore
from services.web.domain.languages import LANGUAGES
from services.web.entrypoints import (
    cases,
    community,
    concerns,
    family,
    figures,
    inbox,
    operations,
    school,
)
from services.web.entrypoints.auth import auth_routes
from services.web.entrypoints.errors import install_error_pages
from services.web.entrypoints.home import home_routes
from services.web.entrypoints.i18n import LanguageMiddleware
from services.web.entrypoints.pages import Pages
from services.web.entrypoints.security import SecurityHeaders
from services.web.entrypoints.sessions import SessionMiddleware
from services.web.service_layer.api import Clients, Service
from services.web.settings import WebSettings
from shared.http import BodyLimit
from shared.metrics import MetricsExposure, PlatformMetrics
from shared.storage import Store
from shared.tracing import configure_tracing

__all__ = ["SCREENS", "build"]

STATIC = Path(__file__).resolve().parent / "static"

# Each person's screens, one router each (see the module of each for whose they are).
SCREENS: tuple[Callable[[Pages], APIRouter], ...] = (
    concerns.routes,
    inbox.routes,
    cases.routes,
    school.routes,
    family.routes,
    operations.routes,
    figures.routes,
    community.routes,
)


def build(
    settings: WebSettings | None = None,
    *,
    sessions: SessionStore | None = None,
    clients: Clients | None = None,
) -> tuple[FastAPI, WebSettings]:
    """The app; the tests pass in-memory ``sessions`` and fake ``clients``."""
    settings = settings or WebSettings()
    configure_tracing("web", settings)  # first: before the database client is made
    store = Store.from_settings(settings)
    lifetime = Lifetime(
        idle=timedelta(seconds=settings.session_idle_timeout_s),
        max_age=timedelta(seconds=settings.session_max_age_s),
    )
    mongo_sessions = MongoSessionStore(store, lifetime)
    sessions = sessions or mongo_sessions
    clients = clients or ServiceClients(
        {
            Service.INTAKE: settings.intake_url,
            Service.WELFARE_GROUP: settings.welfare_group_url,
            Service.NOTIFICATIONS: settings.notifications_url,
            Service.COMMUNAL: settings.communal_url,
        },
        timeout_s=settings.api_timeout_s,
    )
    pages = Pages(idle_s=settings.session_idle_timeout_s, warning_s=settings.session_warning_s)
    exposure = MetricsExposure(PlatformMetrics("web"), settings)
    if sessions is mongo_sessions:
        exposure.sampler.add("web_sessions", session_sample(store, exposure.metrics))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if sessions is mongo_sessions:
            await mongo_sessions.ensure_indexes()
        await exposure.start()
        try:
            yield
        finally:
            await exposure.stop()
            await clients.close()
            store.close()

    # No OpenAPI: these are pages for people; the services' APIs are the integrations'.
    app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.clients = clients
    app.state.metrics = exposure.metrics
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(home_routes(pages, store))
    app.include_router(auth_routes(SignIn(settings), pages))
    for screens in SCREENS:
        app.include_router(screens(pages))
    install_error_pages(app, pages)
    # Outermost last: headers on every answer, then the body limit, the session, the language.
    app.add_middleware(LanguageMiddleware, catalogues=load_translations(LANGUAGES))
    app.add_middleware(SessionMiddleware, store=sessions, secure=settings.secure_cookies)
    app.add_middleware(BodyLimit, limit=65536)
    app.add_middleware(SecurityHeaders, issuer=settings.oidc_issuer, hsts=settings.secure_cookies)
    exposure.instrument(app)  # outermost: every answer counted, by its route's template
    return app, settings
