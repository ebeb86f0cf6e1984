"""The notifications service in-process on the demo directory, for the tests that need its
real broker, database and channels (formerly in tests/integration/test_notifications_service)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from fastapi import FastAPI

from services.notifications.bootstrap import build
from services.notifications.seed import seed
from services.notifications.settings import NotificationsSettings
from shared.runtime import ServiceRuntime
from tests.support.directory import DEMO
from tests.support.infra import Namespace
from tests.support.smtp import SmtpServer

__all__ = ["built_notifications", "collection", "notifications", "running_notifications"]


@asynccontextmanager
async def running_notifications(
    ns: Namespace, smtp: SmtpServer, **overrides: Any
) -> AsyncIterator[tuple[FastAPI, ServiceRuntime]]:
    """The service in-process on the demo directory, quick to retry unless told otherwise."""
    app, runtime = await built_notifications(ns, smtp, **overrides)
    async with runtime.lifespan():
        yield app, runtime


async def built_notifications(
    ns: Namespace, smtp: SmtpServer, **overrides: Any
) -> tuple[FastAPI, ServiceRuntime]:
    """The service on the demo directory, built but not started."""
    fields: dict[str, Any] = {
        "smtp_port": smtp.port,
        "delivery_retry_backoff_s": 0.05,
        "delivery_max_attempts": 3,
        "dispatch_poll_interval_s": 0.1,
    }
    settings = ns.settings(NotificationsSettings, "notifications", **{**fields, **overrides})
    await seed(DEMO, settings)
    return build(settings)


@pytest.fixture
async def notifications(ns: Namespace, smtp: SmtpServer) -> AsyncIterator[ServiceRuntime]:
    async with running_notifications(ns, smtp) as (_app, runtime):
        yield runtime


def collection(runtime: ServiceRuntime, name: str) -> Any:
    return runtime.store.collection(name)
