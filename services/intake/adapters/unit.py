"""Intake's real unit of work: its repositories bound to the transaction's session, so that
the use cases never hold a session and every write they make commits with their events."""

from __future__ import annotations

from services.intake.adapters.concerns import ConcernRepository
from services.intake.adapters.schools import SchoolDirectory
from shared.sealing import DataKeys
from shared.storage import Session, Store
from shared.unit_of_work import UnitOfWork

__all__ = ["MongoIntakeUnit"]


class MongoIntakeUnit(UnitOfWork):
    def __init__(self, session: Session, store: Store, keys: DataKeys) -> None:
        super().__init__(session)
        self.concerns = ConcernRepository(store, keys, session=session)
        self.schools = SchoolDirectory(store, session=session)
