"""Notifications' repositories, the fakes and the real Mongo adapters through the same calls
and the same transact: each test runs against both, so the fakes cannot drift."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from services.notifications.adapters.directory import Directory
from services.notifications.adapters.unit_of_work import MongoNotificationsUnit, MongoRepositories
from services.notifications.domain.messages import Message
from services.notifications.domain.notification import Notification
from services.notifications.domain.recipients import (
    Channel,
    Contact,
    Language,
    Reason,
    Recipient,
    RecipientKind,
)
from services.notifications.domain.records import DeliveryStatus, Receipt
from services.notifications.domain.sending import CaseState, Round
from services.notifications.domain.timing import Timing
from services.notifications.service_layer.unit_of_work import NotificationsUnit, Repositories
from shared.contracts import Cause, Role
from shared.outbox import Outbox
from shared.storage import Store
from shared.unit_of_work import Transact, Transactor
from tests.factories import case_opened
from tests.fakes.notifications import FakeNotifications

# Whole milliseconds: what the database keeps of a moment.
NOW = datetime(2026, 11, 23, 9, 15, 30, 250_000, tzinfo=UTC)
CAUSE = Cause(event_id=uuid.uuid4(), correlation_id=uuid.uuid4(), partition_key="student-0001")

AINO = Contact("nurse-aino", RecipientKind.STAFF, Role.NURSE, Language.FI,
               (Channel.INBOX, Channel.EMAIL))  # fmt: skip
ELIAS = Contact(
    "psychologist-elias", RecipientKind.STAFF, Role.PSYCHOLOGIST, Language.SV, (Channel.EMAIL,),
    preferences={"deadline.breached": (Channel.SMS,)}, quiet_hours=(time(21), time(7)),
)  # fmt: skip
ADMIN = Contact("admin-1", RecipientKind.STAFF, None, Language.EN, (Channel.INBOX,))
SUPERVISOR = Contact("supervisor-sari", RecipientKind.STAFF, None, Language.FI, (Channel.INBOX,))
GUARDIAN = Contact("guardian-0001", RecipientKind.GUARDIAN, None, Language.EN, (Channel.SMS,),
                   digest=True)  # fmt: skip


@dataclass
class Backend:
    records: Repositories
    transact: Transact[NotificationsUnit]
    put_staff: Callable[[Contact, str | None, str | None, bool], Awaitable[None]]
    put_guardian: Callable[[Contact, list[str], str | None], Awaitable[None]]
    pending_events: Callable[[], Awaitable[int]]
    put_supervisor: Callable[[Contact, list[str]], Awaitable[None]]


@pytest.fixture(params=["fake", "mongo"])
def mongo_uri(request: pytest.FixtureRequest) -> str | None:
    """None for the fakes; the real database's address otherwise (the servers start only
    for the tests that need them)."""
    if request.param == "fake":
        return None
    return str(request.getfixturevalue("infra").mongo_uri)


def _document(contact: Contact, email: str | None, phone: str | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "role": contact.role, "language": contact.language, "channels": list(contact.channels),
        "preferences": {k: list(v) for k, v in contact.preferences.items()},
        "digest": contact.digest, "email": email, "phone": phone,
    }  # fmt: skip
    if contact.quiet_hours:
        start, end = contact.quiet_hours
        document["quiet_hours"] = {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
    return document


@pytest.fixture
async def backend(mongo_uri: str | None) -> AsyncIterator[Backend]:
    if mongo_uri is None:
        fake = FakeNotifications()

        async def put_staff(c: Contact, school: str | None, email: str | None, admin: bool) -> None:
            fake.directory.add_staff(c, school, email=email, welfare_administrator=admin)

        async def put_guardian(c: Contact, students: list[str], phone: str | None) -> None:
            fake.directory.add_guardian(c, students, phone=phone)

        async def published() -> int:
            return len(fake.published)

        async def put_supervisor(c: Contact, schools: list[str]) -> None:
            fake.directory.add_staff(c, None, supervises=schools)

        yield Backend(fake, fake.transact, put_staff, put_guardian, published, put_supervisor)
        return
    store = Store(mongo_uri, f"contract{uuid.uuid4().hex[:10]}_notifications")
    outbox, records, directory = Outbox(store), MongoRepositories(store), Directory(store)
    await records.ensure_indexes()

    async def put_real_staff(
        c: Contact, school: str | None, email: str | None, admin: bool
    ) -> None:
        extra = {"welfare_administrator": True} if admin else {}
        await directory.put_staff(
            c.person_id, {**_document(c, email), "school_id": school, **extra}
        )

    async def put_real_guardian(c: Contact, students: list[str], phone: str | None) -> None:
        await directory.put_guardian(
            c.person_id, {**_document(c, None, phone), "student_refs": students}
        )

    async def put_real_supervisor(c: Contact, schools: list[str]) -> None:
        document = {**_document(c, None), "school_id": None, "supervises": schools}
        await directory.put_staff(c.person_id, document)

    try:
        yield Backend(
            records,
            Transactor(store, outbox, lambda session: MongoNotificationsUnit(session, store)),
            put_real_staff, put_real_guardian, outbox.pending, put_real_supervisor,
        )  # fmt: skip
    finally:
        await store.drop()
        store.close()


def a_notification(
    contact: Contact, channel: Channel, *, case_id: uuid.UUID, at: datetime = NOW,
    reason: Reason = Reason.RESPONSIBLE, timing: Timing | None = None,
    school_id: str | None = None,
) -> Notification:  # fmt: skip
    return Notification(
        notification_id=uuid.uuid4(), event_id=CAUSE.event_id, case_id=case_id,
        recipient=Recipient(contact, reason), channel=channel,
        message=Message(f"About {case_id}", "Open it: https://app.example/cases/1"),
        urgent=False, created_at=at, timing=timing, school_id=school_id,
    )  # fmt: skip


async def test_the_directory_finds_staff_guardians_administrators_and_addresses(
    backend: Backend,
) -> None:
    await backend.put_staff(AINO, "kallio-school", "aino@kallio.example", False)
    await backend.put_staff(ELIAS, "kallio-school", None, False)
    await backend.put_staff(ADMIN, None, "admin@provider.example", True)
    await backend.put_guardian(GUARDIAN, ["student-0001", "student-0009"], "+358401234567")
    directory = backend.records.directory

    assert await directory.staff_at("kallio-school") == [AINO, ELIAS]
    assert await directory.staff_at("toolo-school") == []
    assert await directory.guardians_of("student-0009") == [GUARDIAN]
    assert await directory.guardians_of("student-0002") == []
    assert await directory.welfare_administrators() == [ADMIN]
    assert await directory.service_supervisors_of("kallio-school") == []
    await backend.put_supervisor(SUPERVISOR, ["kallio-school", "toolo-school"])
    assert await directory.service_supervisors_of("toolo-school") == [SUPERVISOR]
    assert await directory.staff_at("kallio-school") == [AINO, ELIAS]  # not the school's staff
    assert await directory.staff_member("psychologist-elias") == ELIAS
    assert await directory.staff_member("guardian-0001") is None
    assert await directory.person("guardian-0001", RecipientKind.GUARDIAN) == GUARDIAN
    assert await directory.address("nurse-aino", RecipientKind.STAFF, Channel.EMAIL) == (
        "aino@kallio.example"
    )
    assert await directory.address("psychologist-elias", RecipientKind.STAFF, Channel.EMAIL) is None
    assert await directory.address("nurse-aino", RecipientKind.STAFF, Channel.INBOX) is None
    assert await directory.address("guardian-0001", RecipientKind.GUARDIAN, Channel.SMS) == (
        "+358401234567"
    )
    assert await directory.address("nobody", RecipientKind.GUARDIAN, Channel.SMS) is None
    # A dispatcher's batch at once: only what there is, each under what it was asked by.
    batch = [
        ("nurse-aino", RecipientKind.STAFF, Channel.EMAIL),
        ("psychologist-elias", RecipientKind.STAFF, Channel.EMAIL),
        ("nurse-aino", RecipientKind.STAFF, Channel.INBOX),
        ("guardian-0001", RecipientKind.GUARDIAN, Channel.SMS),
        ("guardian-0001", RecipientKind.GUARDIAN, Channel.EMAIL),
        ("nurse-aino", RecipientKind.GUARDIAN, Channel.EMAIL),  # staff are not guardians
        ("nobody", RecipientKind.STAFF, Channel.EMAIL),
    ]
    assert await directory.addresses(batch) == {
        ("nurse-aino", RecipientKind.STAFF, Channel.EMAIL): "aino@kallio.example",
        ("guardian-0001", RecipientKind.GUARDIAN, Channel.SMS): "+358401234567",
    }
    assert await directory.addresses([]) == {}


async def test_a_case_state_keeps_what_each_event_said_and_defaults_what_none_did(
    backend: Backend,
) -> None:
    states, case_id = backend.records.case_states, uuid.uuid4()
    assert await states.get(case_id) is None
    await states.update(case_id, responsible_id="nurse-aino")
    assert await states.get(case_id) == CaseState("nurse-aino", True, "opened")

    round_ = Round(NOW + timedelta(hours=1), date(2026, 12, 2))
    await states.update(case_id, responsible_id="nurse-aino", guardian_may_be_notified=False,
                        status="consent_requested", new_round=round_)  # fmt: skip
    await states.update(case_id, responsible_id=None)
    assert await states.get(case_id) == CaseState(None, False, "consent_requested", round_)
    other, unknown = uuid.uuid4(), uuid.uuid4()
    await states.update(other, responsible_id="kuraattori-kaisa")
    assert await states.of_cases([case_id, other, unknown, case_id]) == {
        case_id: CaseState(None, False, "consent_requested", round_),
        other: CaseState("kuraattori-kaisa", True, "opened"),
    }
    assert await states.of_cases([]) == {}
    await states.forget_case(case_id)
    assert await states.get(case_id) is None


async def test_the_inbox_is_each_person_s_own_newest_first_and_read_once(
    backend: Backend,
) -> None:
    inbox, case_id, other_case = backend.records.inbox, uuid.uuid4(), uuid.uuid4()
    older = a_notification(AINO, Channel.INBOX, case_id=case_id)
    newer = a_notification(AINO, Channel.INBOX, case_id=other_case, at=NOW + timedelta(minutes=1))
    elias = a_notification(ELIAS, Channel.INBOX, case_id=case_id)
    await inbox.put([older, newer, elias])
    await inbox.put([])

    mine = await inbox.of_person("nurse-aino")
    assert [e.notification_id for e in mine] == [newer.notification_id, older.notification_id]
    assert (mine[1].case_id, mine[1].message, mine[1].created_at) == (case_id, older.message, NOW)
    assert [e.notification_id for e in await inbox.of_person("nurse-aino", limit=1)] == [
        newer.notification_id
    ]
    assert not await inbox.mark_read("psychologist-elias", older.notification_id, NOW)
    assert await inbox.mark_read("nurse-aino", older.notification_id, NOW)
    assert await inbox.mark_read("nurse-aino", older.notification_id, NOW + timedelta(hours=1))
    assert not await inbox.mark_read("nurse-aino", uuid.uuid4(), NOW)
    (unread,) = await inbox.of_person("nurse-aino", unread_only=True)
    assert unread.notification_id == newer.notification_id
    assert (await inbox.of_person("nurse-aino"))[1].read_at == NOW  # the first reading

    await inbox.forget_case(case_id)
    assert [e.case_id for e in await inbox.of_person("nurse-aino")] == [other_case]
    assert await inbox.of_person("psychologist-elias") == []


async def test_deliveries_are_recorded_as_sent_pending_or_waiting_for_the_digest(
    backend: Backend,
) -> None:
    deliveries, case_id = backend.records.deliveries, uuid.uuid4()
    in_app = a_notification(AINO, Channel.INBOX, case_id=case_id)
    later = a_notification(AINO, Channel.EMAIL, case_id=case_id, at=NOW + timedelta(seconds=1),
                           timing=Timing(NOW + timedelta(hours=8)))  # fmt: skip
    digest = a_notification(GUARDIAN, Channel.SMS, case_id=case_id, reason=Reason.GUARDIAN,
                            at=NOW + timedelta(seconds=2),
                            timing=Timing(NOW + timedelta(hours=7), in_digest=True))  # fmt: skip
    await deliveries.record([(in_app, True), (later, False), (digest, False)], CAUSE)
    await deliveries.record([], CAUSE)

    sent, pending, waiting = await deliveries.of_case(case_id)
    assert (sent.status, sent.attempts, sent.sent_at, sent.next_attempt_at) == (
        DeliveryStatus.SENT, 1, NOW, None,
    )  # fmt: skip
    assert (pending.status, pending.attempts, pending.next_attempt_at) == (
        DeliveryStatus.PENDING, 0, NOW + timedelta(hours=8),
    )  # fmt: skip
    assert (waiting.status, waiting.reason, waiting.recipient_kind, waiting.channel) == (
        DeliveryStatus.DIGEST, Reason.GUARDIAN, RecipientKind.GUARDIAN, Channel.SMS,
    )  # fmt: skip
    assert (pending.message, pending.urgent, pending.person_id) == (
        later.message, False, "nurse-aino",
    )  # fmt: skip
    assert await deliveries.of_case(uuid.uuid4()) == []


async def test_due_deliveries_are_claimed_once_oldest_first_and_leased(backend: Backend) -> None:
    deliveries, case_id = backend.records.deliveries, uuid.uuid4()
    jobs = [
        a_notification(
            AINO, Channel.EMAIL, case_id=case_id, timing=Timing(NOW - timedelta(minutes=m))
        )
        for m in (1, 3, 2)
    ] + [
        a_notification(
            ELIAS, Channel.EMAIL, case_id=case_id, timing=Timing(NOW + timedelta(hours=1))
        )
    ]
    await deliveries.record([(j, False) for j in jobs], CAUSE)

    first = await deliveries.claim_due(NOW, timedelta(minutes=2), limit=2)
    assert {j.notification_id for j in first} == {jobs[1].notification_id, jobs[2].notification_id}
    (job,) = [j for j in first if j.notification_id == jobs[1].notification_id]
    assert (job.case_id, job.person_id, job.channel, job.reason, job.attempts, job.cause) == (
        case_id, "nurse-aino", Channel.EMAIL, Reason.RESPONSIBLE, 0, CAUSE,
    )  # fmt: skip
    second = await deliveries.claim_due(NOW, timedelta(minutes=2), limit=5)
    assert [j.notification_id for j in second] == [jobs[0].notification_id]
    assert await deliveries.claim_due(NOW, timedelta(minutes=2), limit=5) == []
    # A lease that runs out gives the job to the next claim.
    again = await deliveries.claim_due(NOW + timedelta(minutes=3), timedelta(minutes=2), limit=5)
    assert {j.notification_id for j in again} == {j.notification_id for j in jobs[:3]}


async def test_a_delivery_keeps_its_case_s_school_for_the_outcome_it_announces(
    backend: Backend,
) -> None:
    deliveries, case_id = backend.records.deliveries, uuid.uuid4()
    due = Timing(NOW - timedelta(minutes=1))
    at_kallio = a_notification(AINO, Channel.EMAIL, case_id=case_id, timing=due,
                               school_id="kallio-school")  # fmt: skip
    unknown = a_notification(ELIAS, Channel.EMAIL, case_id=case_id, timing=due)
    await deliveries.record([(at_kallio, False), (unknown, False)], CAUSE)
    claimed = await deliveries.claim_due(NOW, timedelta(minutes=2), limit=5)
    assert {(j.notification_id, j.school_id) for j in claimed} == {
        (at_kallio.notification_id, "kallio-school"), (unknown.notification_id, None),
    }  # fmt: skip
    assert {r.school_id for r in await deliveries.of_case(case_id)} == {"kallio-school", None}


async def test_a_digest_is_claimed_whole_for_one_person_and_channel(backend: Backend) -> None:
    deliveries, case_id = backend.records.deliveries, uuid.uuid4()
    due = Timing(NOW - timedelta(minutes=1), in_digest=True)
    mine = [a_notification(GUARDIAN, Channel.SMS, case_id=case_id, timing=due) for _ in range(2)]
    by_email = a_notification(GUARDIAN, Channel.EMAIL, case_id=case_id,
                              timing=Timing(NOW, in_digest=True))  # fmt: skip
    await deliveries.record([(n, False) for n in [*mine, by_email]], CAUSE)

    claimed = await deliveries.claim_digest(NOW, timedelta(minutes=2))
    assert {j.notification_id for j in claimed} == {n.notification_id for n in mine}
    (other,) = await deliveries.claim_digest(NOW, timedelta(minutes=2))
    assert other.notification_id == by_email.notification_id
    assert await deliveries.claim_digest(NOW, timedelta(minutes=2)) == []

    await deliveries.digest_later([n.notification_id for n in mine], at=NOW + timedelta(hours=1))
    # Half an hour on, only the email digest's lease has run out: the SMS one waits.
    (lapsed,) = await deliveries.claim_digest(NOW + timedelta(minutes=30), timedelta(hours=2))
    assert lapsed.notification_id == by_email.notification_id
    retried = await deliveries.claim_digest(NOW + timedelta(hours=1), timedelta(minutes=2))
    assert {j.attempts for j in retried} == {1}


async def test_each_outcome_is_recorded_with_its_attempts(backend: Backend) -> None:
    deliveries, case_id = backend.records.deliveries, uuid.uuid4()
    sent, failed, withheld, retried = (
        a_notification(AINO, Channel.EMAIL, case_id=case_id, at=NOW + timedelta(seconds=s),
                       timing=Timing(NOW))
        for s in range(4)
    )  # fmt: skip
    await deliveries.record([(n, False) for n in (sent, failed, withheld, retried)], CAUSE)

    await deliveries.mark_sent({})  # nothing sent: nothing written
    await deliveries.mark_sent({sent.notification_id: Receipt(NOW, "250 ok", digest=True)})
    await deliveries.retry_later(failed.notification_id, at=NOW, reason="smtp_unavailable")
    await deliveries.mark_failed(failed.notification_id, at=NOW, reason="smtp_rejected: 550")
    await deliveries.withhold(withheld.notification_id, at=NOW, because="guardian_barred")
    await deliveries.retry_later(
        retried.notification_id, at=NOW + timedelta(hours=1), reason="busy"
    )

    s, f, w, r = await deliveries.of_case(case_id)
    assert (s.status, s.attempts, s.sent_at, s.receipts) == (
        DeliveryStatus.SENT, 1, NOW, (Receipt(NOW, "250 ok", digest=True),),
    )  # fmt: skip
    assert (f.status, f.attempts, f.last_error, f.next_attempt_at) == (
        DeliveryStatus.FAILED, 2, "smtp_rejected: 550", None,
    )  # fmt: skip
    assert (w.status, w.last_error, w.next_attempt_at) == (
        DeliveryStatus.WITHHELD, "guardian_barred", None,
    )  # fmt: skip
    assert (r.status, r.attempts, r.last_error, r.next_attempt_at) == (
        DeliveryStatus.PENDING, 1, "busy", NOW + timedelta(hours=1),
    )  # fmt: skip
    assert [d.notification_id for d in await deliveries.failed()] == [failed.notification_id]
    assert await deliveries.claim_due(NOW, timedelta(minutes=2), limit=5) == []


async def test_failures_are_listed_newest_first_and_an_erased_case_s_deliveries_go(
    backend: Backend,
) -> None:
    deliveries, erased, kept = backend.records.deliveries, uuid.uuid4(), uuid.uuid4()
    older = a_notification(AINO, Channel.EMAIL, case_id=erased, timing=Timing(NOW))
    newer = a_notification(AINO, Channel.EMAIL, case_id=kept, timing=Timing(NOW))
    await deliveries.record([(older, False), (newer, False)], CAUSE)
    await deliveries.mark_failed(older.notification_id, at=NOW, reason="no_address")
    await deliveries.mark_failed(newer.notification_id, at=NOW + timedelta(minutes=1), reason="x")

    assert [d.notification_id for d in await deliveries.failed()] == [
        newer.notification_id, older.notification_id,
    ]  # fmt: skip
    assert len(await deliveries.failed(limit=1)) == 1
    await deliveries.forget_case(erased)
    assert await deliveries.of_case(erased) == []
    assert [d.notification_id for d in await deliveries.failed()] == [newer.notification_id]


async def test_a_transaction_that_fails_keeps_nothing_and_announces_nothing(
    backend: Backend,
) -> None:
    case_id, event = uuid.uuid4(), case_opened()

    async def work(unit: NotificationsUnit) -> None:
        await unit.case_states.update(case_id, responsible_id="nurse-aino")
        await unit.inbox.put([a_notification(AINO, Channel.INBOX, case_id=case_id)])
        unit.emit(event)
        raise RuntimeError("the handler failed")

    with pytest.raises(RuntimeError):
        await backend.transact(work)
    assert await backend.records.case_states.get(case_id) is None
    assert await backend.records.inbox.of_person("nurse-aino") == []
    assert await backend.pending_events() == 0

    async def commits(unit: NotificationsUnit) -> None:
        await unit.case_states.update(case_id, responsible_id="nurse-aino")
        unit.emit(event)

    await backend.transact(commits)
    assert await backend.records.case_states.get(case_id) == CaseState("nurse-aino", True, "opened")
    assert await backend.pending_events() == 1


async def test_only_a_failed_delivery_is_requeued_and_only_once(backend: Backend) -> None:
    deliveries = backend.records.deliveries
    failed, pending = (
        a_notification(AINO, Channel.EMAIL, case_id=uuid.uuid4(), timing=Timing(NOW))
        for _ in range(2)
    )
    await deliveries.record([(failed, False), (pending, False)], CAUSE)
    await deliveries.mark_failed(failed.notification_id, at=NOW, reason="smtp_rejected: 550")
    later = NOW + timedelta(minutes=5)

    first = await deliveries.requeue_failed(failed.notification_id, at=later, by="admin-1", why="x")
    again = await deliveries.requeue_failed(
        failed.notification_id, at=later, by="admin-1", why=None
    )
    not_failed = await deliveries.requeue_failed(
        pending.notification_id, at=later, by="admin-1", why=None
    )
    assert (first, again, not_failed) == (True, False, False)
    assert await deliveries.status_of(failed.notification_id) is DeliveryStatus.PENDING
    assert await deliveries.status_of(uuid.uuid4()) is None
    assert await deliveries.failed() == []
    (due,) = [
        j for j in await deliveries.claim_due(later, timedelta(minutes=2), limit=5)
        if j.notification_id == failed.notification_id
    ]  # fmt: skip
    assert due.attempts == 1  # the count stays true: a retry is one more attempt
