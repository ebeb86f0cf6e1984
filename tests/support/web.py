"""The web app in-process with fake services and in-memory sessions, for fast route tests.

web = WebApp()
async with web.client(as_=TEACHER) as client:
    page = await client.get("/concerns/new")
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from services.web.bootstrap import build
from services.web.domain.person import SignedIn
from services.web.entrypoints.sessions import COOKIE
from services.web.settings import WebSettings
from tests.fakes.web import FakeServices, MemorySessions

__all__ = ["CSRF", "WebApp"]

CSRF = "csrf-of-test"  # the token MemorySessions.sign_in gives every session
BASE = "http://127.0.0.1:8080"


class WebApp:
    def __init__(self, services: FakeServices | None = None, **settings: object) -> None:
        self.services = services or FakeServices()
        self.sessions = MemorySessions()
        self.app, self.settings = build(
            WebSettings(**{"public_base_url": BASE, **settings}),  # type: ignore[arg-type]
            sessions=self.sessions,
            clients=self.services,
        )

    @asynccontextmanager
    async def client(self, as_: SignedIn | None = None) -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            if as_ is not None:
                client.cookies.set(COOKIE, self.sessions.sign_in(as_))
            yield client
