"""What the welfare group's use cases need from storage, as Protocols.

The real unit (``adapters.unit_of_work``) binds Mongo repositories to one transaction;
the fake one (``tests/fakes/welfare_group.py``) keeps them in dictionaries. One contract
suite runs against both, so that the fast tier tests what the servers would do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.ledger import LedgerRow
from services.welfare_group.domain.routing import Roster
from services.welfare_group.domain.students import StudentIdentity
from services.welfare_group.domain.timers import Timer, TimerState
from shared.security import Access
from shared.unit_of_work import Emits, Transact

__all__ = [
    "Calendars",
    "Cases",
    "DisclosureLedger",
    "Rosters",
    "StudentRegister",
    "Timers",
    "WelfareTransact",
    "WelfareUnit",
]


class Cases(Protocol):
    async def add(self, case: Case) -> None: ...
    async def save(self, case: Case) -> None:
        """Replace the state; append the record's new entries, never rewrite older ones."""

    async def get(self, case_id: UUID, *, with_record: bool = True) -> Case | None: ...
    async def erase(self, case_id: UUID) -> None: ...
    async def open_case_of(self, student_ref: str, school_id: str) -> Case | None: ...
    async def open_caseload(self, school_id: str) -> dict[str, int]:
        """Open cases per responsible person (``staff_id``) at the school."""

    async def closed_before(self, moment: datetime, limit: int) -> list[UUID]: ...
    async def unassigned_at(self, school_id: str) -> list[UUID]: ...
    async def open_at(self, school_id: str) -> list[Case]: ...
    async def of_student(self, student_ref: str, *, with_record: bool = True) -> list[Case]: ...
    async def of_responsible(self, staff_id: str) -> list[Case]: ...


class Rosters(Protocol):
    async def get(self, school_id: str) -> Roster: ...
    async def find(self, school_id: str) -> Roster | None:
        """None for a school the directory does not name."""

    async def every(self) -> list[Roster]:
        """Every school the directory names, by its id."""


class Calendars(Protocol):
    async def of_school(self, school_id: str) -> SchoolCalendar: ...


class StudentRegister(Protocol):
    """The school's student register: majority, and §20.4's header."""

    async def identity(self, student_ref: str) -> StudentIdentity | None:
        """None for a student the register does not know."""

    async def of_age(self, student_ref: str, on: date) -> bool | None:
        """Whether the student is 18 or over on ``on``; None: the register does not know them.
        Never the date of birth itself: only the derived fact reaches the rules."""

    async def at_school(self, school_id: str) -> list[StudentIdentity]:
        """The students the register enrols at the school (for the text screen)."""


class Timers(Protocol):
    async def schedule(self, timers: Iterable[Timer]) -> None:
        """Add the timers not yet known; one already settled stays settled."""

    async def due(self, now: datetime, *, limit: int) -> list[Timer]: ...
    async def settle(self, timer: Timer, state: TimerState, now: datetime) -> bool:
        """Settle a pending timer; False if someone else settled it first."""

    async def forget(self, case_id: UUID) -> None: ...


class DisclosureLedger(Protocol):
    """Every disclosure, kept apart from the cases and beyond their purge (§20.5)."""

    async def enter(self, row: LedgerRow) -> None:
        """Enter a row; one already entered (by its id) stays as it was."""

    async def of_student(self, student_ref: str, *, limit: int = 200) -> list[LedgerRow]: ...
    async def search(self, *, student_ref: str | None = None, limit: int = 200) -> list[LedgerRow]:
        """Newest first; every student's, or one student's."""


class WelfareUnit(Emits, Protocol):
    # Read-only, so that a unit may hold any implementation of each repository.
    @property
    def cases(self) -> Cases: ...
    @property
    def rosters(self) -> Rosters: ...
    @property
    def calendars(self) -> Calendars: ...
    @property
    def timers(self) -> Timers: ...
    @property
    def students(self) -> StudentRegister: ...
    @property
    def disclosures(self) -> DisclosureLedger: ...
    async def log_granted(self, access: Access) -> None:
        """Log a held write as granted in this transaction: logged exactly if it commits."""


WelfareTransact = Transact[WelfareUnit]
