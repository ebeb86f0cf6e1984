"""All four services in this process, on the demo directory, against the real servers."""

from __future__ import annotations

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
from tests.support.notifications import running_notifications
from tests.support.smtp import SmtpServer

__all__ = ["running_services"]


@asynccontextmanager
async def running_services(
    ns: Namespace, smtp: SmtpServer
) -> AsyncIterator[dict[str, tuple[FastAPI, ServiceRuntime]]]:
    """Each service's app and runtime by name, started and stopped together."""
    wg_settings = ns.settings(WelfareGroupSettings, "welfare_group")
    await seed_directory(ns, "intake", "welfare_group", "communal")
    intake = build_intake(ns.settings(IntakeSettings, "intake"))
    welfare_group = build_welfare_group(wg_settings)
    communal = build_communal(ns.settings(CommunalSettings, "communal"))
    async with (
        intake[1].lifespan(),
        welfare_group[1].lifespan(),
        communal[1].lifespan(),
        running_notifications(ns, smtp) as notifications,
    ):
        yield {
            "intake": intake,
            "welfare_group": welfare_group,
            "notifications": notifications,
            "communal": communal,
        }
