"""The real repositories, in MongoDB: bound to one transaction (the unit of work) or to none
(the pumps' and the reads' single atomic operations)."""

from __future__ import annotations

from services.notifications.adapters.case_states import CaseStates
from services.notifications.adapters.deliveries import Deliveries
from services.notifications.adapters.directory import Directory
from services.notifications.adapters.inbox import Inbox
from shared.storage import Session, Store
from shared.unit_of_work import UnitOfWork

__all__ = ["MongoNotificationsUnit", "MongoRepositories"]


class MongoRepositories:
    """The four repositories, bound to ``session`` (None: outside any transaction)."""

    def __init__(self, store: Store, session: Session | None = None) -> None:
        self.case_states = CaseStates(store, session)
        self.deliveries = Deliveries(store, session)
        self.directory = Directory(store, session)
        self.inbox = Inbox(store, session)

    async def ensure_indexes(self) -> None:
        for repository in (self.directory, self.inbox, self.deliveries):
            await repository.ensure_indexes()


class MongoNotificationsUnit(UnitOfWork):
    """One transaction, with every repository bound to it."""

    def __init__(self, session: Session, store: Store) -> None:
        super().__init__(session)
        self.case_states = CaseStates(store, self.transaction)
        self.deliveries = Deliveries(store, self.transaction)
        self.directory = Directory(store, self.transaction)
        self.inbox = Inbox(store, self.transaction)
