"""Notifications in memory: case states, deliveries, the directory, the inbox, a channel,
and a unit of work over them, with a transact that commits or rolls back as the real one.

What each fake must do alike with its real adapter is pinned by
tests/contract/test_notifications_repositories.py.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from services.notifications.domain.messages import Message
from services.notifications.domain.notification import Notification
from services.notifications.domain.recipients import (
    Addressee,
    Channel,
    Contact,
    Language,
    Reason,
    RecipientKind,
)
from services.notifications.domain.records import (
    DeliveryRecord,
    DeliveryStatus,
    InboxEntry,
    PendingDelivery,
    Receipt,
)
from services.notifications.domain.sending import CaseState, Round
from services.notifications.service_layer.channels import DeliveryFailed
from services.notifications.service_layer.telling import Planning
from shared.contracts import Cause, EventEnvelope, Role, StaffRole
from shared.security import Access
from shared.storage import DuplicateKeyError

__all__ = [
    "PLANNING",
    "FakeCaseStates",
    "FakeDeliveries",
    "FakeDirectory",
    "FakeInbox",
    "FakeNotifications",
    "FakeNotificationsUnit",
    "FakeSender",
    "demo_directory",
    "guardian_contact",
    "messages_to",
    "staff_contact",
    "told",
]

T = TypeVar("T")


class FakeCaseStates:
    def __init__(self) -> None:
        self.states: dict[UUID, CaseState] = {}

    async def get(self, case_id: UUID) -> CaseState | None:
        return self.states.get(case_id)

    async def of_cases(self, case_ids: Iterable[UUID]) -> dict[UUID, CaseState]:
        return {c: self.states[c] for c in case_ids if c in self.states}

    async def update(
        self,
        case_id: UUID,
        *,
        responsible_id: str | None,
        guardian_may_be_notified: bool | None = None,
        status: str | None = None,
        new_round: Round | None = None,
    ) -> None:
        # What the real one reads back of a case it was told only part of.
        state = self.states.get(case_id, CaseState(None, True, "opened"))
        state = replace(state, responsible_id=responsible_id)
        if guardian_may_be_notified is not None:
            state = replace(state, guardian_may_be_notified=guardian_may_be_notified)
        if status is not None:
            state = replace(state, status=status)
        if new_round is not None:
            state = replace(state, round=new_round)
        self.states[case_id] = state

    async def forget_case(self, case_id: UUID) -> None:
        self.states.pop(case_id, None)


@dataclass(frozen=True)
class _Stored:
    record: DeliveryRecord
    cause: Cause
    failed_at: datetime | None = None
    claimed_by: str | None = None
    retries: tuple[tuple[datetime, str, str | None], ...] = ()


class FakeDeliveries:
    def __init__(self) -> None:
        self.stored: dict[UUID, _Stored] = {}

    async def record(
        self, notifications: Sequence[tuple[Notification, bool]], cause: Cause
    ) -> None:
        for n, sent in notifications:
            if n.notification_id in self.stored:
                raise DuplicateKeyError(f"delivery {n.notification_id} exists")
            when = n.timing
            status = DeliveryStatus.SENT if sent else DeliveryStatus.PENDING
            if not sent and when and when.in_digest:
                status = DeliveryStatus.DIGEST
            record = DeliveryRecord(
                notification_id=n.notification_id, case_id=n.case_id,
                person_id=n.recipient.contact.person_id, recipient_kind=n.recipient.contact.kind,
                channel=n.channel, reason=n.recipient.reason, message=n.message, urgent=n.urgent,
                status=status, attempts=1 if sent else 0, created_at=n.created_at,
                next_attempt_at=None if sent else (when.send_at if when else n.created_at),
                sent_at=n.created_at if sent else None, school_id=n.school_id,
            )  # fmt: skip
            self.stored[n.notification_id] = _Stored(record, cause)

    async def claim_due(
        self, now: datetime, lease: timedelta, *, limit: int
    ) -> list[PendingDelivery]:
        due = self._due(DeliveryStatus.PENDING, now)[:limit]
        return self._lease(due, now + lease)

    async def claim_digest(self, now: datetime, lease: timedelta) -> list[PendingDelivery]:
        due = self._due(DeliveryStatus.DIGEST, now)
        if not due:
            return []
        first = due[0].record
        whose = (first.person_id, first.channel)
        mine = [s for s in due if (s.record.person_id, s.record.channel) == whose]
        return self._lease(mine, now + lease)

    def _due(self, status: DeliveryStatus, now: datetime) -> list[_Stored]:
        due = [
            s
            for s in self.stored.values()
            if s.record.status is status
            and s.record.next_attempt_at is not None
            and s.record.next_attempt_at <= now
        ]
        return sorted(due, key=lambda s: s.record.next_attempt_at or now)

    def _lease(self, due: list[_Stored], until: datetime) -> list[PendingDelivery]:
        token = str(uuid4())
        for s in due:
            self._change(s.record.notification_id, next_attempt_at=until, claimed_by=token)
        return [_pending(self.stored[s.record.notification_id]) for s in due]

    async def digest_later(self, notification_ids: list[UUID], *, at: datetime) -> None:
        for notification_id in notification_ids:
            attempts = self.stored[notification_id].record.attempts + 1
            self._change(notification_id, next_attempt_at=at, attempts=attempts)

    async def mark_sent(self, receipts: Mapping[UUID, Receipt]) -> None:
        for notification_id, receipt in receipts.items():
            record = self.stored[notification_id].record
            self._change(
                notification_id, status=DeliveryStatus.SENT, sent_at=receipt.at,
                next_attempt_at=None, attempts=record.attempts + 1,
                receipts=(*record.receipts, receipt),
            )  # fmt: skip

    async def retry_later(self, notification_id: UUID, *, at: datetime, reason: str) -> None:
        attempts = self.stored[notification_id].record.attempts + 1
        self._change(notification_id, next_attempt_at=at, last_error=reason, attempts=attempts)

    async def mark_failed(self, notification_id: UUID, *, at: datetime, reason: str) -> None:
        attempts = self.stored[notification_id].record.attempts + 1
        self._change(
            notification_id, status=DeliveryStatus.FAILED, next_attempt_at=None,
            last_error=reason, attempts=attempts, failed_at=at,
        )  # fmt: skip

    async def withhold(self, notification_id: UUID, *, at: datetime, because: str) -> None:
        self._change(
            notification_id, status=DeliveryStatus.WITHHELD, next_attempt_at=None,
            last_error=because,
        )  # fmt: skip

    async def requeue_failed(
        self, notification_id: UUID, *, at: datetime, by: str, why: str | None
    ) -> bool:
        stored = self.stored.get(notification_id)
        if stored is None or stored.record.status is not DeliveryStatus.FAILED:
            return False
        self._change(notification_id, status=DeliveryStatus.PENDING, next_attempt_at=at)
        again = self.stored[notification_id]
        self.stored[notification_id] = replace(again, retries=(*again.retries, (at, by, why)))
        return True

    async def status_of(self, notification_id: UUID) -> DeliveryStatus | None:
        stored = self.stored.get(notification_id)
        return stored.record.status if stored else None

    async def failed(self, *, limit: int = 200) -> list[DeliveryRecord]:
        failed = [s for s in self.stored.values() if s.record.status is DeliveryStatus.FAILED]
        failed.sort(key=lambda s: s.failed_at or s.record.created_at, reverse=True)
        return [s.record for s in failed[:limit]]

    async def of_case(self, case_id: UUID) -> list[DeliveryRecord]:
        found = [s.record for s in self.stored.values() if s.record.case_id == case_id]
        return sorted(found, key=lambda r: r.created_at)

    async def forget_case(self, case_id: UUID) -> None:
        for notification_id in [k for k, s in self.stored.items() if s.record.case_id == case_id]:
            del self.stored[notification_id]

    def _change(
        self,
        notification_id: UUID,
        *,
        failed_at: datetime | None = None,
        claimed_by: str | None = None,
        **fields: object,
    ) -> None:
        """A partial update, as the real store's ``$set``: what is not named stays."""
        stored = self.stored[notification_id]
        self.stored[notification_id] = replace(
            stored,
            record=replace(stored.record, **fields),  # type: ignore[arg-type]
            failed_at=failed_at or stored.failed_at,
            claimed_by=claimed_by or stored.claimed_by,
        )


def _pending(stored: _Stored) -> PendingDelivery:
    r = stored.record
    return PendingDelivery(
        notification_id=r.notification_id, case_id=r.case_id, person_id=r.person_id,
        recipient_kind=r.recipient_kind, channel=r.channel, reason=r.reason or Reason.RESPONSIBLE,
        message=r.message, attempts=r.attempts, cause=stored.cause, school_id=r.school_id,
    )  # fmt: skip


@dataclass(frozen=True)
class _Person:
    contact: Contact
    school_id: str | None = None
    student_refs: tuple[str, ...] = ()
    welfare_administrator: bool = False
    addresses: dict[Channel, str] = field(default_factory=dict)
    supervises: tuple[str, ...] = ()  # a county service supervisor's schools


class FakeDirectory:
    def __init__(self) -> None:
        self.staff: dict[str, _Person] = {}
        self.guardians: dict[str, _Person] = {}

    def add_staff(
        self, contact: Contact, school_id: str | None, *, email: str | None = None,
        phone: str | None = None, welfare_administrator: bool = False,
        supervises: Iterable[str] = (),
    ) -> None:  # fmt: skip
        self.staff[contact.person_id] = _Person(
            contact, school_id, (), welfare_administrator, _addresses(email, phone),
            tuple(supervises),
        )  # fmt: skip

    def add_guardian(
        self, contact: Contact, student_refs: Iterable[str], *, email: str | None = None,
        phone: str | None = None,
    ) -> None:  # fmt: skip
        self.guardians[contact.person_id] = _Person(
            contact, None, tuple(student_refs), False, _addresses(email, phone)
        )

    async def staff_at(self, school_id: str) -> list[Contact]:
        return [p.contact for p in self.staff.values() if p.school_id == school_id]

    async def guardians_of(self, student_ref: str) -> list[Contact]:
        return [p.contact for p in self.guardians.values() if student_ref in p.student_refs]

    async def welfare_administrators(self) -> list[Contact]:
        return [p.contact for p in self.staff.values() if p.welfare_administrator]

    async def service_supervisors_of(self, school_id: str) -> list[Contact]:
        return [p.contact for p in self.staff.values() if school_id in p.supervises]

    async def staff_member(self, staff_id: str) -> Contact | None:
        return await self.person(staff_id, RecipientKind.STAFF)

    async def person(self, person_id: str, kind: RecipientKind) -> Contact | None:
        found = self._people(kind).get(person_id)
        return found.contact if found else None

    async def address(self, person_id: str, kind: RecipientKind, channel: Channel) -> str | None:
        found = self._people(kind).get(person_id)
        return found.addresses.get(channel) if found else None

    async def addresses(self, wanted: Iterable[Addressee]) -> dict[Addressee, str]:
        return {w: a for w in wanted if (a := await self.address(*w))}

    def _people(self, kind: RecipientKind) -> dict[str, _Person]:
        return self.staff if kind is RecipientKind.STAFF else self.guardians


def _addresses(email: str | None, phone: str | None) -> dict[Channel, str]:
    pairs = ((Channel.EMAIL, email), (Channel.SMS, phone))
    return {channel: address for channel, address in pairs if address}


class FakeInbox:
    def __init__(self) -> None:
        self.entries: dict[UUID, InboxEntry] = {}

    async def put(self, notifications: Sequence[Notification]) -> None:
        for n in notifications:
            if n.notification_id in self.entries:
                raise DuplicateKeyError(f"inbox item {n.notification_id} exists")
            self.entries[n.notification_id] = InboxEntry(
                n.notification_id, n.recipient.contact.person_id, n.case_id, n.message,
                n.urgent, n.created_at, None,
            )  # fmt: skip

    async def of_person(
        self, person_id: str, *, unread_only: bool = False, limit: int = 100
    ) -> list[InboxEntry]:
        mine = [
            e
            for e in self.entries.values()
            if e.person_id == person_id and not (unread_only and e.read_at)
        ]
        return sorted(mine, key=lambda e: e.created_at, reverse=True)[:limit]

    async def mark_read(self, person_id: str, notification_id: UUID, at: datetime) -> bool:
        entry = self.entries.get(notification_id)
        if entry is None or entry.person_id != person_id:
            return False
        self.entries[notification_id] = replace(entry, read_at=entry.read_at or at)
        return True

    async def forget_case(self, case_id: UUID) -> None:
        for notification_id in [k for k, e in self.entries.items() if e.case_id == case_id]:
            del self.entries[notification_id]


class FakeSender:
    """A channel that takes every message, unless told to fail the next ones."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Message, UUID]] = []
        self.failures: list[DeliveryFailed] = []  # raised in turn, before anything is taken

    async def send(self, address: str, message: Message, notification_id: UUID) -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((address, message, notification_id))
        return f"250 ok {len(self.sent)}"

    def to(self, address: str) -> list[Message]:
        return [message for to, message, _ in self.sent if to == address]


class FakeNotificationsUnit:
    def __init__(self, records: FakeNotifications) -> None:
        self.case_states = records.case_states
        self.deliveries = records.deliveries
        self.directory = records.directory
        self.inbox = records.inbox
        self.events: list[EventEnvelope] = []

    def emit(self, *events: EventEnvelope) -> None:
        self.events.extend(events)

    async def log_granted(self, access: Access) -> None:
        await access.grant()


class FakeNotifications:
    """The service's state (the ``Repositories`` outside any transaction, too); ``transact``
    is the fake ``Transact[NotificationsUnit]``: a fresh unit per transaction, its events
    published only if the work returns, its writes undone if not."""

    def __init__(self) -> None:
        self.case_states = FakeCaseStates()
        self.deliveries = FakeDeliveries()
        self.directory = FakeDirectory()
        self.inbox = FakeInbox()
        self.published: list[EventEnvelope] = []

    async def transact(self, work: Callable[[FakeNotificationsUnit], Awaitable[T]]) -> T:
        before = copy.deepcopy(
            (self.case_states.states, self.deliveries.stored, self.inbox.entries)
        )
        unit = FakeNotificationsUnit(self)
        try:
            result = await work(unit)
        except BaseException:
            self.case_states.states, self.deliveries.stored, self.inbox.entries = before
            raise
        self.published.extend(unit.events)
        return result


def staff_contact(
    person_id: str, role: StaffRole, language: Language = Language.FI, **fields: Any
) -> Contact:
    """A staff member in the directory, told in the app and by email unless told otherwise."""
    base: dict[str, Any] = {"channels": (Channel.INBOX, Channel.EMAIL)}
    return Contact(person_id, RecipientKind.STAFF, role, language, **{**base, **fields})


def guardian_contact(person_id: str, language: Language = Language.FI, **fields: Any) -> Contact:
    base: dict[str, Any] = {"channels": (Channel.EMAIL,)}
    return Contact(person_id, RecipientKind.GUARDIAN, None, language, **{**base, **fields})


def demo_directory(directory: FakeDirectory) -> None:
    """Kallio school as deploy/seed/demo.yaml has it, with the provider's administrator."""
    school = [
        ("nurse-aino", Role.NURSE, Language.FI),
        ("psychologist-elias", Role.PSYCHOLOGIST, Language.SV),
        ("kuraattori-kaisa", Role.KURAATTORI, Language.FI),
        ("special-teacher-onni", Role.SPECIAL_NEEDS_TEACHER, Language.FI),
        ("principal-paula", Role.PRINCIPAL, Language.EN),
        ("teacher-tiina", Role.TEACHER, Language.FI),
    ]
    for staff_id, role, language in school:
        directory.add_staff(
            staff_contact(staff_id, role, language),
            "kallio-school",
            email=f"{staff_id}@kallio-school.example",
        )
    directory.add_staff(
        Contact("admin-1", RecipientKind.STAFF, None, Language.FI, (Channel.INBOX, Channel.EMAIL)),
        None,
        email="welfare-admin@education-provider.example",
        welfare_administrator=True,
    )
    directory.add_staff(
        Contact("supervisor-sari", RecipientKind.STAFF, None, Language.FI, (Channel.INBOX,)),
        None,
        email="supervisor-sari@county.example",
        supervises=["kallio-school", "toolo-school"],
    )
    directory.add_guardian(
        guardian_contact("guardian-0001"), ["student-0001"], email="guardian-0001@family.example"
    )


# Links in the fast tier's messages point here; the schools keep Helsinki time.
PLANNING = Planning(app_base_url="https://app.example", timezone=ZoneInfo("Europe/Helsinki"))


def told(fake: FakeNotifications) -> dict[str, set[tuple[Channel, Reason | None]]]:
    """Who was told, by which channels and for which reason, across every plan so far."""
    found: dict[str, set[tuple[Channel, Reason | None]]] = {}
    for stored in fake.deliveries.stored.values():
        record = stored.record
        found.setdefault(record.person_id, set()).add((record.channel, record.reason))
    return found


def messages_to(fake: FakeNotifications, person_id: str) -> list[DeliveryRecord]:
    """The person's deliveries, oldest first."""
    mine = [s.record for s in fake.deliveries.stored.values() if s.record.person_id == person_id]
    return sorted(mine, key=lambda r: r.created_at)
