"""Counting: what an event adds to the statistics, added in the consumer's transaction."""

from __future__ import annotations

from typing import Any

from services.communal.domain.tallies import tallies_of
from services.communal.service_layer.unit_of_work import CountingUnit

__all__ = ["count"]


async def count(event: Any, unit: CountingUnit) -> None:
    """Add what ``event`` counts for; an event that counts for nothing adds nothing."""
    tallies = tallies_of(event)
    if tallies:
        await unit.tallies.add(tallies)
