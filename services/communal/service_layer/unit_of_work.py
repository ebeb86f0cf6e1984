"""The repositories the use cases need, as Protocols, and the unit of work that holds them.

Each repository is bound to one transaction (or to none) when it is made, so no method
takes a session: the Mongo adapters and the in-memory fakes answer the same calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from services.communal.domain.tallies import Tally
from shared.unit_of_work import Emits

__all__ = ["CommunalUnit", "TallyRepository"]


class TallyRepository(Protocol):
    """The statistics' counters: counts by school, month, measure and key, nothing else."""

    async def add(self, tallies: Iterable[Tally]) -> None: ...

    async def counts_in(self, months: Sequence[str]) -> list[tuple[Tally, int]]: ...


class CommunalUnit(Emits, Protocol):
    tallies: TallyRepository
