"""The demo directory loaded into every service's database of one test's namespace."""

from __future__ import annotations

from pathlib import Path

from services.communal.seed import seed as seed_staffing
from services.communal.settings import CommunalSettings
from services.intake.seed import seed as seed_schools
from services.intake.settings import IntakeSettings
from services.notifications.seed import seed as seed_contacts
from services.notifications.settings import NotificationsSettings
from services.welfare_group.seed import seed as seed_rosters
from services.welfare_group.settings import WelfareGroupSettings
from tests.support.infra import Namespace

__all__ = ["DEMO", "seed_directory"]

DEMO = Path(__file__).resolve().parents[2] / "deploy" / "seed" / "demo.yaml"


async def seed_directory(ns: Namespace, *services: str) -> None:
    """As ``deploy/up.sh`` seeds it: the schools for intake, the rosters and calendars for
    the welfare group, the contacts for notifications, the schools' staffing for communal
    welfare (or only the ``services`` named)."""
    chosen = set(services or ("intake", "welfare_group", "notifications", "communal"))
    if "intake" in chosen:
        await seed_schools(DEMO, ns.settings(IntakeSettings, "intake"))
    if "welfare_group" in chosen:
        await seed_rosters(DEMO, ns.settings(WelfareGroupSettings, "welfare_group"))
    if "notifications" in chosen:
        await seed_contacts(DEMO, ns.settings(NotificationsSettings, "notifications"))
    if "communal" in chosen:
        await seed_staffing(DEMO, ns.settings(CommunalSettings, "communal"))
