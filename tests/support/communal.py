"""Communal welfare in-process on the demo directory, against the real broker and database,
with an HTTP client for its API (tokens from the tests' development issuer)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.communal.bootstrap import build
from services.communal.seed import seed
from services.communal.settings import CommunalSettings
from shared.runtime import ServiceRuntime
from tests.support.directory import DEMO
from tests.support.infra import Namespace

__all__ = ["Communal", "communal", "running_communal"]


class Communal:
    def __init__(self, app: FastAPI, runtime: ServiceRuntime) -> None:
        self.app = app
        self.runtime = runtime

    def client(self) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app)
        return httpx.AsyncClient(transport=transport, base_url="http://communal.test")

    async def counts(self) -> dict[tuple[str, str, str], int]:
        """Every counter of the read-model, summed over months: (school, measure, key)."""
        found: dict[tuple[str, str, str], int] = {}
        async for d in self.runtime.store.collection("tallies").find({}):
            key = (d["school_id"], d["measure"], d["key"])
            found[key] = found.get(key, 0) + int(d["count"])
        return found


@asynccontextmanager
async def running_communal(ns: Namespace, **overrides: Any) -> AsyncIterator[Communal]:
    """The service on the demo directory; figures computed afresh for every request."""
    fields: dict[str, Any] = {"publication_cache_s": 0, **overrides}
    settings = ns.settings(CommunalSettings, "communal", **fields)
    await seed(DEMO, settings)
    app, runtime = build(settings)
    async with runtime.lifespan():
        yield Communal(app, runtime)


@pytest.fixture
async def communal(ns: Namespace) -> AsyncIterator[Communal]:
    async with running_communal(ns) as running:
        yield running
