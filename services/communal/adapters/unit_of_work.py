"""The real repositories, in MongoDB: bound to one transaction (the unit of work) or to
none (the reads)."""

from __future__ import annotations

from services.communal.adapters.schools import Schools
from services.communal.adapters.tallies import Tallies
from shared.storage import Session, Store
from shared.unit_of_work import UnitOfWork

__all__ = ["MongoCommunalUnit", "MongoRepositories"]


class MongoRepositories:
    """Every repository, bound to ``session`` (None: outside any transaction)."""

    def __init__(self, store: Store, session: Session | None = None) -> None:
        self.tallies = Tallies(store, session)
        self.schools = Schools(store, session)

    async def ensure_indexes(self) -> None:
        await self.tallies.ensure_indexes()


class MongoCommunalUnit(UnitOfWork):
    """One transaction, with every repository bound to it."""

    def __init__(self, session: Session, store: Store) -> None:
        super().__init__(session)
        self.tallies = Tallies(store, self.transaction)
