"""Intake in memory: the concerns, the school directory, the raising limit and a unit of
work over them, with a transact that commits or rolls back as the real one does.

What each fake must do alike with its real adapter is pinned by
tests/contract/test_intake_repositories.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from services.intake.domain import Concern, ConcernSummary
from shared.contracts import EventEnvelope, StaffRole
from shared.security import Access
from shared.storage import DuplicateKeyError

__all__ = ["FakeConcerns", "FakeIntake", "FakeIntakeUnit", "FakeRaisingLimit", "FakeSchools"]

T = TypeVar("T")


@dataclass(frozen=True)
class _Stored:
    concern: Concern
    # What the case last said of the guardian; None until it says anything.
    guardian_may_be_told: bool | None = None


class FakeConcerns:
    def __init__(self) -> None:
        self.stored: dict[UUID, _Stored] = {}

    async def add(self, concern: Concern) -> None:
        if concern.concern_id in self.stored:
            raise DuplicateKeyError(f"concern {concern.concern_id} exists")
        self.stored[concern.concern_id] = _Stored(concern)

    async def get(self, concern_id: UUID) -> Concern | None:
        found = self.stored.get(concern_id)
        return found.concern if found else None

    async def raised_by(self, staff_id: str, *, limit: int) -> list[ConcernSummary]:
        mine = [
            found.concern
            for found in self.stored.values()
            if found.concern.raised_by is not None and found.concern.raised_by.staff_id == staff_id
        ]
        # Newest first, one millisecond's concerns by id, as the database's index orders them.
        mine.sort(key=lambda c: (c.raised_at, str(c.concern_id)), reverse=True)
        return [ConcernSummary.of(c) for c in mine[:limit]]

    async def save(self, concern: Concern, *, guardian_may_be_told: bool | None = None) -> None:
        found = self.stored.get(concern.concern_id)
        if found is None:
            return  # as an update matching no document
        # Only where the concern is changes: the narrative was written once, when raised.
        progress = replace(
            found.concern,
            status=concern.status,
            case_id=concern.case_id,
            handled_by_role=concern.handled_by_role,
            handed_over_at=concern.handed_over_at,
            history=concern.history,
        )
        told = found.guardian_may_be_told if guardian_may_be_told is None else guardian_may_be_told
        self.stored[concern.concern_id] = _Stored(progress, told)

    async def hand_over(
        self,
        concern_id: UUID,
        *,
        case_id: UUID,
        handled_by: StaffRole | None,
        at: datetime,
        guardian_may_be_told: bool | None = None,
    ) -> bool:
        found = self.stored.get(concern_id)
        if found is None:
            return False
        handed = found.concern.hand_over(case_id=case_id, handled_by=handled_by, at=at)
        await self.save(handed, guardian_may_be_told=guardian_may_be_told)
        return True

    async def guardian_may_be_told(self, case_id: UUID, told: bool) -> None:
        for concern_id, found in self.stored.items():
            if found.concern.case_id == case_id:
                self.stored[concern_id] = replace(found, guardian_may_be_told=told)

    async def guardian_kept_out(self, student_ref: str) -> bool:
        return any(
            found.guardian_may_be_told is False
            or (found.guardian_may_be_told is None and found.concern.guardian_must_not_be_told_yet)
            for found in self.stored.values()
            if found.concern.student_ref == student_ref
        )

    async def erase(self, concern_ids: list[UUID]) -> None:
        for concern_id in concern_ids:
            self.stored.pop(concern_id, None)


class FakeSchools:
    def __init__(self, known: Iterable[str] = ()) -> None:
        self.known = set(known)

    async def knows(self, school_id: str) -> bool:
        return school_id in self.known

    async def put(self, school_id: str) -> None:
        self.known.add(school_id)


class FakeRaisingLimit:
    """``allowed`` attempts per person, then a wait of ``retry_after_s`` (the window never
    moves on: a test is over long before a real one would)."""

    def __init__(self, allowed: int, retry_after_s: int = 60) -> None:
        self.allowed = allowed
        self.retry_after_s = retry_after_s
        self.attempts: Counter[str] = Counter()

    async def wait_for(self, person: str) -> int:
        self.attempts[person] += 1
        return 0 if self.attempts[person] <= self.allowed else self.retry_after_s


class FakeIntakeUnit:
    def __init__(self, concerns: FakeConcerns, schools: FakeSchools) -> None:
        self.concerns = concerns
        self.schools = schools
        self.events: list[EventEnvelope] = []

    def emit(self, *events: EventEnvelope) -> None:
        self.events.extend(events)

    async def log_granted(self, access: Access) -> None:
        await access.grant()


class FakeIntake:
    """Intake's state; ``transact`` is the fake ``Transact[IntakeUnit]``: a fresh unit per
    transaction, its events published only if the work returns, its writes undone if not."""

    def __init__(self, schools: Iterable[str] = ("kallio-school",)) -> None:
        self.concerns = FakeConcerns()
        self.schools = FakeSchools(schools)
        self.published: list[EventEnvelope] = []

    async def transact(self, work: Callable[[FakeIntakeUnit], Awaitable[T]]) -> T:
        before = dict(self.concerns.stored), set(self.schools.known)
        unit = FakeIntakeUnit(self.concerns, self.schools)
        try:
            result = await work(unit)
        except BaseException:
            self.concerns.stored, self.schools.known = before
            raise
        self.published.extend(unit.events)
        return result
