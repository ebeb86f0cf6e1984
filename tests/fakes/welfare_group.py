"""The welfare group in memory: cases with their append-only records, rosters, calendars,
timers, the student register, the disclosure ledger, and a transact that commits or rolls
back as the real one does.

What each fake must do alike with its real adapter is pinned by
tests/contract/test_welfare_group_repositories.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from copy import copy
from dataclasses import replace
from datetime import date, datetime
from typing import TypeVar
from uuid import UUID

from services.welfare_group.domain.age import of_age
from services.welfare_group.domain.calendar import Break, SchoolCalendar
from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.ledger import LedgerRow
from services.welfare_group.domain.record import Record
from services.welfare_group.domain.routing import Roster
from services.welfare_group.domain.students import StudentIdentity
from services.welfare_group.domain.timers import Timer, TimerState
from shared.contracts import EventEnvelope, Role, StaffMember
from shared.sealing import Unreadable
from shared.security import Access
from shared.storage import DuplicateKeyError
from tests.support.cases import STUDENT

__all__ = [
    "KALLIO",
    "FakeCalendars",
    "FakeCases",
    "FakeDisclosureLedger",
    "FakeRosters",
    "FakeStudentRegister",
    "FakeTimers",
    "FakeWelfareGroup",
    "FakeWelfareUnit",
]

T = TypeVar("T")


def _by_due_date(case: Case) -> tuple[bool, date]:
    """As Mongo sorts: a case with no §15 deadline (null) before those with one."""
    due = case.discussion_due_on
    return (due is not None, due or date.min)


def _without_record(case: Case) -> Case:
    return replace(case, record=Record())


class FakeCases:
    def __init__(self) -> None:
        self.stored: dict[UUID, Case] = {}

    def _open_at(self, school_id: str, student_ref: str) -> Case | None:
        return next(
            (
                c
                for c in self.stored.values()
                if c.is_open and (c.school_id, c.student_ref) == (school_id, student_ref)
            ),
            None,
        )

    async def add(self, case: Case) -> None:
        if case.case_id in self.stored or self._open_at(case.school_id, case.student_ref):
            raise DuplicateKeyError("one open case per student at a school")
        self.stored[case.case_id] = case

    async def save(self, case: Case) -> None:
        previous = self.stored.get(case.case_id)
        if previous is None:  # as the real one: no data key was made for it, none to seal with
            raise Unreadable(f"no data key for {case.case_id}: erased or never created")
        known = previous.record.entries
        # Append-only, as the real one: entries already kept are never rewritten.
        entries = (*known, *case.record.entries[len(known) :])
        self.stored[case.case_id] = replace(case, record=Record(entries))

    async def get(self, case_id: UUID, *, with_record: bool = True) -> Case | None:
        case = self.stored.get(case_id)
        return case if case is None or with_record else _without_record(case)

    async def erase(self, case_id: UUID) -> None:
        self.stored.pop(case_id, None)

    async def open_case_of(self, student_ref: str, school_id: str) -> Case | None:
        return self._open_at(school_id, student_ref)

    async def open_caseload(self, school_id: str) -> dict[str, int]:
        return dict(
            Counter(
                c.responsible.staff_id
                for c in self.stored.values()
                if c.is_open and c.school_id == school_id and c.responsible
            )
        )

    async def closed_before(self, moment: datetime, limit: int) -> list[UUID]:
        return [
            c.case_id
            for c in self.stored.values()
            if c.status is CaseStatus.CLOSED and c.closed_at and c.closed_at < moment
        ][:limit]

    async def open_at(self, school_id: str) -> list[Case]:
        found = [c for c in self.stored.values() if c.is_open and c.school_id == school_id]
        return [_without_record(c) for c in sorted(found, key=lambda c: c.opened_at)]

    async def unassigned_at(self, school_id: str) -> list[UUID]:
        return [
            c.case_id
            for c in self.stored.values()
            if c.is_open and c.school_id == school_id and c.responsible is None
        ]

    async def of_student(self, student_ref: str, *, with_record: bool = True) -> list[Case]:
        found = sorted(
            (c for c in self.stored.values() if c.student_ref == student_ref),
            key=lambda c: c.opened_at,
        )
        return found if with_record else [_without_record(c) for c in found]

    async def of_responsible(self, staff_id: str) -> list[Case]:
        led = [
            c
            for c in self.stored.values()
            if c.is_open and c.responsible and c.responsible.staff_id == staff_id
        ]
        return [_without_record(c) for c in sorted(led, key=_by_due_date)]


class FakeRosters:
    def __init__(self, rosters: Iterable[Roster] = ()) -> None:
        self.stored = {r.school_id: r for r in rosters}

    async def get(self, school_id: str) -> Roster:
        return self.stored.get(school_id) or Roster(school_id, ())

    async def find(self, school_id: str) -> Roster | None:
        return self.stored.get(school_id)

    async def every(self) -> list[Roster]:
        return [self.stored[k] for k in sorted(self.stored)]

    async def put(self, roster: Roster) -> None:
        """The directory's seeding, as ``RosterRepository.put``: not part of any unit."""
        self.stored[roster.school_id] = roster


class FakeCalendars:
    def __init__(self) -> None:
        self.breaks: dict[str, list[Break]] = {}

    async def of_school(self, school_id: str) -> SchoolCalendar:
        return SchoolCalendar(self.breaks.get(school_id, []))


class FakeStudentRegister:
    """The school's student register: the demo's fictitious student unless told others."""

    def __init__(self, students: Iterable[StudentIdentity] = (STUDENT,)) -> None:
        self.stored = {s.student_ref: s for s in students}

    async def identity(self, student_ref: str) -> StudentIdentity | None:
        return self.stored.get(student_ref)

    async def of_age(self, student_ref: str, on: date) -> bool | None:
        student = self.stored.get(student_ref)
        return None if student is None else of_age(student.date_of_birth, on)

    async def at_school(self, school_id: str) -> list[StudentIdentity]:
        return [s for s in self.stored.values() if s.school_id == school_id]

    async def put(self, student: StudentIdentity) -> None:
        """The register's seeding, as ``StudentRegisterRepository.put``: not part of any unit."""
        self.stored[student.student_ref] = student

    async def born(self, student_ref: str, date_of_birth: date) -> None:
        """A test's shorthand: the student (the demo one's identity, or a made-up one) born
        on ``date_of_birth``."""
        known = self.stored.get(student_ref) or replace(STUDENT, student_ref=student_ref)
        await self.put(replace(known, date_of_birth=date_of_birth))


class FakeTimers:
    def __init__(self) -> None:
        self.stored: dict[UUID, tuple[Timer, TimerState]] = {}

    async def schedule(self, timers: Iterable[Timer]) -> None:
        for timer in timers:
            self.stored.setdefault(timer.timer_id, (timer, TimerState.PENDING))

    async def due(self, now: datetime, *, limit: int) -> list[Timer]:
        pending = [t for t, s in self.stored.values() if s is TimerState.PENDING]
        return sorted((t for t in pending if t.fire_at <= now), key=lambda t: t.fire_at)[:limit]

    async def settle(self, timer: Timer, state: TimerState, now: datetime) -> bool:
        found = self.stored.get(timer.timer_id)
        if found is None or found[1] is not TimerState.PENDING:
            return False
        self.stored[timer.timer_id] = (timer, state)
        return True

    async def forget(self, case_id: UUID) -> None:
        self.stored = {k: v for k, v in self.stored.items() if v[0].case_id != case_id}


class FakeDisclosureLedger:
    def __init__(self) -> None:
        self.stored: dict[UUID, LedgerRow] = {}

    async def enter(self, row: LedgerRow) -> None:
        self.stored.setdefault(row.row_id, row)

    async def of_student(self, student_ref: str, *, limit: int = 200) -> list[LedgerRow]:
        return await self.search(student_ref=student_ref, limit=limit)

    async def search(self, *, student_ref: str | None = None, limit: int = 200) -> list[LedgerRow]:
        rows = [r for r in self.stored.values() if student_ref in (None, r.student_ref)]
        return sorted(rows, key=lambda r: r.at, reverse=True)[:limit]


class FakeWelfareUnit:
    def __init__(self, group: FakeWelfareGroup) -> None:
        self.cases, self.rosters = group.cases, group.rosters
        self.calendars, self.timers = group.calendars, group.timers
        self.students = group.students
        self.disclosures = group.disclosures
        self.events: list[EventEnvelope] = []

    def emit(self, *events: EventEnvelope) -> None:
        self.events.extend(events)

    async def log_granted(self, access: Access) -> None:
        await access.grant()


class FakeWelfareGroup:
    """The welfare group's state; ``transact`` is the fake ``Transact[WelfareUnit]``: a fresh
    unit per transaction, its events published only if the work returns, its writes undone
    if not."""

    def __init__(self, rosters: Iterable[Roster] = ()) -> None:
        self.cases = FakeCases()
        self.rosters = FakeRosters(rosters)
        self.calendars = FakeCalendars()
        self.timers = FakeTimers()
        self.students = FakeStudentRegister()
        self.disclosures = FakeDisclosureLedger()
        self.published: list[EventEnvelope] = []

    async def transact(self, work: Callable[[FakeWelfareUnit], Awaitable[T]]) -> T:
        before = copy(self.cases.stored), copy(self.timers.stored), copy(self.disclosures.stored)
        unit = FakeWelfareUnit(self)
        try:
            result = await work(unit)
        except BaseException:
            self.cases.stored, self.timers.stored, self.disclosures.stored = before
            raise
        self.published.extend(unit.events)
        return result


KALLIO = Roster(
    "kallio-school",
    (
        StaffMember("nurse-aino", Role.NURSE),
        StaffMember("psychologist-elias", Role.PSYCHOLOGIST),
        StaffMember("kuraattori-kaisa", Role.KURAATTORI),
        StaffMember("principal-paula", Role.PRINCIPAL),
    ),
    students=540,
)
