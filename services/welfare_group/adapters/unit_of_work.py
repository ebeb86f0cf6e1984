"""The welfare group's real unit of work: its repositories bound to one transaction."""

from __future__ import annotations

from services.welfare_group.adapters.cases import CaseRepository
from services.welfare_group.adapters.schools import CalendarRepository, RosterRepository
from services.welfare_group.adapters.students import StudentRepository
from services.welfare_group.adapters.timers import TimerRepository
from shared.sealing import DataKeys
from shared.storage import Session, Store
from shared.unit_of_work import UnitOfWork

__all__ = ["MongoWelfareUnit"]


class MongoWelfareUnit(UnitOfWork):
    def __init__(self, session: Session, store: Store, keys: DataKeys) -> None:
        super().__init__(session)
        self.cases = CaseRepository(store, keys, session)
        self.rosters = RosterRepository(store, session)
        self.calendars = CalendarRepository(store, session)
        self.timers = TimerRepository(store, session)
        self.students = StudentRepository(store, keys, session)
