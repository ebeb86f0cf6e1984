"""What intake's use cases need of the world, as Protocols: the real adapters and the
in-memory fakes both satisfy them, so the use cases cannot tell one from the other."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from services.intake.domain import Concern, ConcernSummary
from shared.contracts import StaffRole
from shared.unit_of_work import Emits

if TYPE_CHECKING:
    from shared.security import Access

__all__ = ["Concerns", "IntakeUnit", "RaisingLimit", "Schools"]


class Concerns(Protocol):
    """The concerns raised here, narrative included (it is kept nowhere else)."""

    async def add(self, concern: Concern) -> None: ...

    async def get(self, concern_id: UUID) -> Concern | None: ...

    async def raised_by(self, staff_id: str, *, limit: int) -> list[ConcernSummary]:
        """The concerns ``staff_id`` raised or recorded, newest first, without the narrative
        (it is not even read): at most ``limit``."""
        ...

    async def save(self, concern: Concern, *, guardian_may_be_told: bool | None = None) -> None:
        """Where the concern is now, and what its case says of the guardian, if it says."""
        ...

    async def hand_over(
        self,
        concern_id: UUID,
        *,
        case_id: UUID,
        handled_by: StaffRole | None,
        at: datetime,
        guardian_may_be_told: bool | None = None,
    ) -> bool:
        """``Concern.hand_over`` saved, with what the case says of the guardian if it says,
        without reading the narrative; False if the concern is not known here."""
        ...

    async def guardian_may_be_told(self, case_id: UUID, told: bool) -> None:
        """What the welfare group says now of the guardian, for every concern of the case."""
        ...

    async def guardian_kept_out(self, student_ref: str) -> bool:
        """Whether the guardian is kept from any of the student's concerns (§18)."""
        ...

    async def erase(self, concern_ids: list[UUID]) -> None:
        """Forget the concerns, narrative and all."""
        ...


class Schools(Protocol):
    """The education provider's directory of schools, as intake knows it."""

    async def knows(self, school_id: str) -> bool: ...


class RaisingLimit(Protocol):
    """How often one person may raise concerns. Counted outside any transaction, before the
    concern is looked at: an attempt counts whether or not the concern is then accepted."""

    async def wait_for(self, person: str) -> int:
        """Count one attempt by ``person``: 0 if allowed, else seconds until it would be."""
        ...


class IntakeUnit(Emits, Protocol):
    """One transaction of intake: its repositories, its events, its access-log entries."""

    # Read-only, so that a unit holding a concrete repository satisfies the Protocol.
    @property
    def concerns(self) -> Concerns: ...

    @property
    def schools(self) -> Schools: ...

    async def log_granted(self, access: Access) -> None:
        """Log a held write as granted, in this transaction: logged exactly if it commits."""
        ...
