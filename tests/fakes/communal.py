"""Communal welfare in memory: the group's meetings, the welfare plans, a unit of work over
them with a transact that undoes a failed write, and the welfare group's name check.

What the fakes must do alike with the lead's Mongo adapters is what the Protocols in
services/communal/service_layer/unit_of_work.py say: newest first, versions appended and
never rewritten, a version saved twice a ``DuplicateKeyError``.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import replace
from typing import TypeVar
from uuid import UUID

from services.communal.domain.welfare_plan import PlanVersion, PlanVersionEntry
from services.communal.domain.workspace import Meeting, Minutes
from services.communal.service_layer.screen import ScreenUnavailable
from shared.storage import DuplicateKeyError

__all__ = ["FakeCommunal", "FakeCommunalUnit", "FakeMeetings", "FakePlans", "FakeTextScreen"]

T = TypeVar("T")


class FakeMeetings:
    def __init__(self) -> None:
        self.stored: dict[UUID, Meeting] = {}

    async def add(self, meeting: Meeting) -> None:
        if meeting.meeting_id in self.stored:
            raise DuplicateKeyError(f"meeting {meeting.meeting_id} exists")
        self.stored[meeting.meeting_id] = meeting

    async def get(self, school_id: str, meeting_id: UUID) -> Meeting | None:
        meeting = self.stored.get(meeting_id)
        return meeting if meeting is not None and meeting.school_id == school_id else None

    async def of_school(self, school_id: str) -> list[Meeting]:
        mine = [m for m in self.stored.values() if m.school_id == school_id]
        return sorted(mine, key=lambda m: (m.held_on, m.scheduled_at), reverse=True)

    async def add_minutes(self, meeting_id: UUID, minutes: Minutes) -> None:
        meeting = self.stored[meeting_id]
        if any(v.version == minutes.version for v in meeting.versions):
            raise DuplicateKeyError(f"minutes {minutes.version} of {meeting_id} exist")
        self.stored[meeting_id] = replace(meeting, versions=(*meeting.versions, minutes))


class FakePlans:
    def __init__(self) -> None:
        self.stored: dict[tuple[str, int], PlanVersion] = {}

    async def add(self, plan: PlanVersion) -> None:
        if (plan.scope, plan.version) in self.stored:
            raise DuplicateKeyError(f"plan {plan.scope} version {plan.version} exists")
        self.stored[plan.scope, plan.version] = plan

    async def latest(self, scope: str) -> PlanVersion | None:
        mine = [p for (s, _), p in self.stored.items() if s == scope]
        return max(mine, key=lambda p: p.version, default=None)

    async def get(self, scope: str, version: int) -> PlanVersion | None:
        return self.stored.get((scope, version))

    async def versions(self, scope: str) -> list[PlanVersionEntry]:
        mine = sorted((p for (s, _), p in self.stored.items() if s == scope), reverse=True,
                      key=lambda p: p.version)  # fmt: skip
        return [PlanVersionEntry(p.version, p.content.adopted_on, p.saved_at) for p in mine]


class FakeCommunalUnit:
    def __init__(self, meetings: FakeMeetings, plans: FakePlans) -> None:
        self.meetings = meetings
        self.plans = plans


class FakeCommunal:
    """Communal state; ``transact`` runs work with a unit over it, undoing its writes if the
    work raises, as the real transaction would."""

    def __init__(self) -> None:
        self.meetings = FakeMeetings()
        self.plans = FakePlans()

    def unit(self) -> FakeCommunalUnit:
        return FakeCommunalUnit(self.meetings, self.plans)

    async def transact(self, work: Callable[[FakeCommunalUnit], Awaitable[T]]) -> T:
        before = copy.copy(self.meetings.stored), copy.copy(self.plans.stored)
        try:
            return await work(self.unit())
        except BaseException:
            self.meetings.stored, self.plans.stored = before
            raise


class FakeTextScreen:
    """The welfare group's name check: the names of each school's students, found in any
    case; ``unavailable`` makes it unreachable. Records what it was asked, by school."""

    def __init__(self, names: Mapping[str, Iterable[str]] | None = None) -> None:
        self.names = {school: set(names_) for school, names_ in (names or {}).items()}
        self.unavailable = False
        self.asked: list[tuple[str, dict[str, str]]] = []

    async def mentions(self, school_id: str, texts: Mapping[str, str]) -> Mapping[str, set[str]]:
        if self.unavailable:
            raise ScreenUnavailable("the welfare group did not answer")
        self.asked.append((school_id, dict(texts)))
        names = [name.casefold() for name in self.names.get(school_id, ())]
        return {
            field: {"student_name"}
            for field, text in texts.items()
            if any(name in text.casefold() for name in names)
        }
