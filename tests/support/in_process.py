"""All four services in this process, on the demo directory, against the real servers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.communal.bootstrap import build as build_communal
from services.communal.settings import CommunalSettings
from services.intake.bootstrap import build as build_intake
from services.intake.settings import IntakeSettings
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.settings import WelfareGroupSettings
from shared.runtime import ServiceRuntime
from tests.support.directory import seed_directory
from tests.support.infra import Namespace
from tests.support.notifications import built_notifications
from tests.support.smtp import SmtpServer

__all__ = ["running_services"]


@asynccontextmanager
async def running_services(
    ns: Namespace, smtp: SmtpServer
) -> AsyncIterator[dict[str, tuple[FastAPI, ServiceRuntime]]]:
    """Each service's app and runtime by name, started and stopped together.

    They start at once: each waits for its consumer groups to form (half the session
    timeout with Tansu), and four such waits one after another cost a test seconds.
    """
    await seed_directory(ns, "intake", "welfare_group", "communal")
    services = {
        "intake": build_intake(ns.settings(IntakeSettings, "intake")),
        "welfare_group": build_welfare_group(ns.settings(WelfareGroupSettings, "welfare_group")),
        "notifications": await built_notifications(ns, smtp),
        "communal": build_communal(ns.settings(CommunalSettings, "communal")),
    }
    runtimes = [runtime for _app, runtime in services.values()]
    started = await asyncio.gather(*(r.start() for r in runtimes), return_exceptions=True)
    try:
        for outcome in started:
            if isinstance(outcome, BaseException):
                raise outcome
        yield services
    finally:
        for runtime, outcome in zip(runtimes, started, strict=True):
            if not isinstance(outcome, BaseException):
                await runtime.stop()
