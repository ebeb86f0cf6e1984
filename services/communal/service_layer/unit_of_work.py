"""What communal welfare's use cases need from storage, as Protocols.

The real unit (the lead's Mongo adapters) binds the repositories to one transaction; the
fake one (``tests/fakes/communal.py``) keeps them in dictionaries. Nothing stored here names
a student, a case or a person: the use cases screen every text before it reaches these.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol
from uuid import UUID

from services.communal.domain.tallies import Tally
from services.communal.domain.welfare_plan import PlanVersion, PlanVersionEntry
from services.communal.domain.workspace import Meeting, Minutes

__all__ = ["CommunalUnit", "CountingUnit", "Meetings", "Plans", "SavedMeanwhile", "Tallies"]


class SavedMeanwhile(Exception):
    """Someone saved the same version at the same moment (409): reload and save again, so
    that nobody's correction replaces another's unseen."""

    def __init__(self) -> None:
        super().__init__("Someone saved this at the same moment: reload it, then save again.")


class Meetings(Protocol):
    async def add(self, meeting: Meeting) -> None:
        """A newly scheduled meeting, with no minutes yet."""

    async def get(self, school_id: str, meeting_id: UUID) -> Meeting | None:
        """With every version of its minutes; None also for another school's meeting."""

    async def of_school(self, school_id: str) -> list[Meeting]:
        """Newest first: by the day held, then by when it was scheduled."""

    async def add_minutes(self, meeting_id: UUID, minutes: Minutes) -> None:
        """Append a version of the meeting's minutes, never rewriting one; a version the
        meeting has already raises ``shared.storage.DuplicateKeyError``."""


class Plans(Protocol):
    """Welfare plans by scope: ``PROVIDER``, or a school's id."""

    async def add(self, plan: PlanVersion) -> None:
        """Keep a new version; one the scope has already raises ``DuplicateKeyError``."""

    async def latest(self, scope: str) -> PlanVersion | None: ...
    async def get(self, scope: str, version: int) -> PlanVersion | None: ...
    async def versions(self, scope: str) -> list[PlanVersionEntry]:
        """Every version of the scope's plan, newest first."""


class Tallies(Protocol):
    """The statistics' counters: counts by school, month, measure and key, nothing else."""

    async def add(self, tallies: Iterable[Tally]) -> None: ...

    async def counts_until(self, last_month: str) -> dict[Tally, int]: ...


class CommunalUnit(Protocol):
    # Read-only, so that a unit may hold any implementation of each repository.
    @property
    def meetings(self) -> Meetings: ...
    @property
    def plans(self) -> Plans: ...


class CountingUnit(Protocol):
    """What counting an event needs: the counters, in the consumer's transaction."""

    @property
    def tallies(self) -> Tallies: ...
