"""The repositories the use cases need, as Protocols, and the unit of work that holds them.

Each repository is bound to one transaction (or to none) when it is made, so no method
takes a session: the Mongo adapters and the in-memory fakes answer the same calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

from services.notifications.domain.notification import Notification
from services.notifications.domain.recipients import Addressee, Channel, Contact, RecipientKind
from services.notifications.domain.records import (
    DeliveryRecord,
    DeliveryStatus,
    InboxEntry,
    PendingDelivery,
    Receipt,
)
from services.notifications.domain.sending import CaseState, Round
from shared.contracts import Cause
from shared.unit_of_work import Emits

__all__ = [
    "CaseStateRepository",
    "DeliveryRepository",
    "DirectoryRepository",
    "InboxRepository",
    "NotificationsUnit",
    "Repositories",
]


class CaseStateRepository(Protocol):
    """The cases as this service knows them, kept current from every case event."""

    async def get(self, case_id: UUID) -> CaseState | None: ...

    async def of_cases(self, case_ids: Iterable[UUID]) -> dict[UUID, CaseState]:
        """The known ones of these cases (one read for a dispatcher's whole batch)."""
        ...

    async def update(
        self,
        case_id: UUID,
        *,
        responsible_id: str | None,
        guardian_may_be_notified: bool | None = None,
        status: str | None = None,
        new_round: Round | None = None,
    ) -> None:
        """What a case event says of the case (made if new); a field left None stays as it
        was, but the lead, which every case event names."""
        ...

    async def forget_case(self, case_id: UUID) -> None: ...


class DeliveryRepository(Protocol):
    """Every delivery, one per notification, and the queue of those still to send."""

    async def record(
        self, notifications: Sequence[tuple[Notification, bool]], cause: Cause
    ) -> None:
        """One plan's deliveries, each with whether it is already sent (the inbox)."""
        ...

    async def claim_due(
        self, now: datetime, lease: timedelta, *, limit: int
    ) -> list[PendingDelivery]:
        """Up to ``limit`` due deliveries, oldest first, leased so no other claim gets them."""
        ...

    async def claim_digest(self, now: datetime, lease: timedelta) -> list[PendingDelivery]:
        """One person's due digest on one channel, leased as a whole."""
        ...

    async def digest_later(self, notification_ids: list[UUID], *, at: datetime) -> None: ...

    async def mark_sent(self, receipts: Mapping[UUID, Receipt]) -> None:
        """These deliveries sent, each with its receipt."""
        ...

    async def retry_later(self, notification_id: UUID, *, at: datetime, reason: str) -> None: ...

    async def mark_failed(self, notification_id: UUID, *, at: datetime, reason: str) -> None: ...

    async def withhold(self, notification_id: UUID, *, at: datetime, because: str) -> None: ...

    async def failed(self, *, limit: int = 200) -> list[DeliveryRecord]:
        """Permanent failures, newest first."""
        ...

    async def requeue_failed(
        self, notification_id: UUID, *, at: datetime, by: str, why: str | None
    ) -> bool:
        """A failed delivery due again, the retry recorded; False if it is not failed."""
        ...

    async def status_of(self, notification_id: UUID) -> DeliveryStatus | None: ...

    async def of_case(self, case_id: UUID) -> list[DeliveryRecord]:
        """A case's deliveries, oldest first."""
        ...

    async def forget_case(self, case_id: UUID) -> None: ...


class DirectoryRepository(Protocol):
    """The school directory: staff by school and role, guardians by student, addresses."""

    async def staff_at(self, school_id: str) -> list[Contact]: ...

    async def guardians_of(self, student_ref: str) -> list[Contact]: ...

    async def welfare_administrators(self) -> list[Contact]: ...

    async def service_supervisors_of(self, school_id: str) -> list[Contact]:
        """The wellbeing services county's service supervisors of this school."""
        ...

    async def staff_member(self, staff_id: str) -> Contact | None: ...

    async def person(self, person_id: str, kind: RecipientKind) -> Contact | None: ...

    async def address(self, person_id: str, kind: RecipientKind, channel: Channel) -> str | None:
        """Looked up at sending, never copied: a corrected address counts for what is left."""
        ...

    async def addresses(self, wanted: Iterable[Addressee]) -> dict[Addressee, str]:
        """The addresses there are of these (a dispatcher's whole batch), as ``address``."""
        ...


class InboxRepository(Protocol):
    """Each person's in-app notifications."""

    async def put(self, notifications: Sequence[Notification]) -> None: ...

    async def of_person(
        self, person_id: str, *, unread_only: bool = False, limit: int = 100
    ) -> list[InboxEntry]:
        """Newest first."""
        ...

    async def mark_read(self, person_id: str, notification_id: UUID, at: datetime) -> bool:
        """Only the person's own entry (False if they have none such); the first read counts."""
        ...

    async def forget_case(self, case_id: UUID) -> None: ...


class Repositories(Protocol):
    """The four repositories; outside a transaction, for the pumps' and the reads' single
    atomic operations."""

    @property
    def case_states(self) -> CaseStateRepository: ...

    @property
    def deliveries(self) -> DeliveryRepository: ...

    @property
    def directory(self) -> DirectoryRepository: ...

    @property
    def inbox(self) -> InboxRepository: ...


class NotificationsUnit(Repositories, Emits, Protocol):
    """One transaction: the repositories bound to it, and the events it commits with."""
