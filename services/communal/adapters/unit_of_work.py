"""The real repositories, in MongoDB: bound to one transaction (the unit of work) or to
none (the reads)."""

from __future__ import annotations

from services.communal.adapters.meetings import MongoMeetings
from services.communal.adapters.plans import MongoPlans
from services.communal.adapters.schools import Schools
from services.communal.adapters.tallies import Tallies, TallyReads
from shared.storage import Session, Store
from shared.unit_of_work import UnitOfWork

__all__ = ["MongoCommunalUnit", "MongoRepositories"]


class MongoRepositories:
    """Every repository, bound to ``session`` (None: outside any transaction)."""

    def __init__(self, store: Store, session: Session | None = None) -> None:
        self.tallies = TallyReads(store, session)  # moved only in a unit: ``Tallies``
        self.schools = Schools(store, session)
        self.meetings = MongoMeetings(store, session)
        self.plans = MongoPlans(store, session)

    async def school_ids(self) -> set[str]:
        return set(await self.schools.all())

    async def ensure_indexes(self) -> None:
        for repository in (self.tallies, self.meetings, self.plans):
            await repository.ensure_indexes()


class MongoCommunalUnit(UnitOfWork):
    """One transaction, with every repository bound to it."""

    def __init__(self, session: Session, store: Store) -> None:
        super().__init__(session)
        self.tallies = Tallies(store, self.transaction)

    async def finish(self) -> None:
        await self.tallies.flush()
