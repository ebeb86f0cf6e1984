"""Notifications' part of the operations status: how many deliveries failed for good."""

from __future__ import annotations

from typing import Any

from services.notifications.adapters.deliveries import DELIVERIES
from shared.operations import Part
from shared.storage import Store

__all__ = ["delivery_status"]


def delivery_status(store: Store) -> Part:
    async def part() -> dict[str, Any]:
        failed = await store.collection(DELIVERIES).count_documents({"status": "failed"})
        return {"up": True, "failed": failed}

    return part
