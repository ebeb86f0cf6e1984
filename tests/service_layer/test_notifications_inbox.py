"""The in-app inbox, the delivery receipts and erasure, with no servers: each person reads and
marks only their own, and an erased case leaves nothing here."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from services.notifications.domain.recipients import Channel
from services.notifications.domain.records import DeliveryStatus
from services.notifications.service_layer.cases import case_opened
from services.notifications.service_layer.channels import DeliveryFailed
from services.notifications.service_layer.erasure import case_purged
from services.notifications.service_layer.inbox import NotInTheInbox, mark_read, read_inbox
from services.notifications.service_layer.receipts import case_deliveries, failed_deliveries
from services.notifications.workers.dispatcher import Dispatcher
from shared.contracts import CaseOpenedV1, CasePurgedData, CasePurgedV1, utc_now
from tests.factories import case_opened as a_case_opened
from tests.fakes.notifications import PLANNING, FakeNotifications, FakeSender, demo_directory


@pytest.fixture
def fake() -> FakeNotifications:
    fake = FakeNotifications()
    demo_directory(fake.directory)
    return fake


async def opened(fake: FakeNotifications, **data: Any) -> CaseOpenedV1:
    event = a_case_opened(**data)
    await fake.transact(lambda unit: case_opened(event, unit, PLANNING))
    return event


async def test_a_person_reads_their_own_inbox_newest_first_and_unread_only_if_asked(
    fake: FakeNotifications,
) -> None:
    first, second = await opened(fake), await opened(fake, urgency="urgent")
    inbox = await read_inbox("nurse-aino", fake)
    assert [e.case_id for e in inbox] == [second.data.case_id, first.data.case_id]
    assert [e.urgent for e in inbox] == [True, False]
    assert {e.person_id for e in inbox} == {"nurse-aino"}
    assert "https://app.example/cases/" in inbox[0].message.body
    assert len(await read_inbox("nurse-aino", fake, limit=1)) == 1

    await mark_read("nurse-aino", inbox[1].notification_id, fake)
    unread = await read_inbox("nurse-aino", fake, unread_only=True)
    assert [e.notification_id for e in unread] == [inbox[0].notification_id]


async def test_the_first_reading_is_the_one_kept(fake: FakeNotifications) -> None:
    await opened(fake)
    (entry,) = await read_inbox("nurse-aino", fake)
    await mark_read("nurse-aino", entry.notification_id, fake)
    (read,) = await read_inbox("nurse-aino", fake)
    assert read.read_at is not None
    await mark_read("nurse-aino", entry.notification_id, fake)
    assert (await read_inbox("nurse-aino", fake))[0].read_at == read.read_at


async def test_nobody_marks_another_s_notification_nor_one_that_does_not_exist(
    fake: FakeNotifications,
) -> None:
    await opened(fake)
    (entry,) = await read_inbox("nurse-aino", fake)
    with pytest.raises(NotInTheInbox):
        await mark_read("psychologist-elias", entry.notification_id, fake)
    with pytest.raises(NotInTheInbox):
        await mark_read("nurse-aino", uuid.uuid4(), fake)
    assert (await read_inbox("nurse-aino", fake))[0].read_at is None


async def test_receipts_show_a_case_s_deliveries_and_the_failures_for_the_administrator(
    fake: FakeNotifications,
) -> None:
    email = FakeSender()
    email.failures.append(DeliveryFailed("smtp_rejected: 550", permanent=True))
    dispatcher = Dispatcher(
        records=fake, senders={Channel.EMAIL: email}, transact=fake.transact, planning=PLANNING,
        max_attempts=3, backoff_s=0,
    )  # fmt: skip
    event = await opened(fake)
    await dispatcher.dispatch_next()

    deliveries = await case_deliveries(event.data.case_id, fake)
    assert len(deliveries) == 5  # two inbox items, three emails
    assert {d.case_id for d in deliveries} == {event.data.case_id}
    statuses = sorted(d.status for d in deliveries)
    assert statuses == [DeliveryStatus.FAILED, *[DeliveryStatus.SENT] * 4]
    (failed,) = await failed_deliveries(fake)
    assert (failed.status, failed.last_error, failed.attempts) == (
        DeliveryStatus.FAILED, "smtp_rejected: 550", 1,
    )  # fmt: skip


async def test_an_erased_case_leaves_no_inbox_item_delivery_or_state_and_others_stay(
    fake: FakeNotifications,
) -> None:
    erased, kept = await opened(fake), await opened(fake)
    purged = CasePurgedV1.first(
        producer="welfare_group", partition_key="student-0001",
        data=CasePurgedData(
            case_id=erased.data.case_id, concern_ids=[erased.data.concern_id],
            retention="closed_case", closed_at=utc_now() - timedelta(days=1), purged_at=utc_now(),
        ),
    )  # fmt: skip
    await fake.transact(lambda unit: case_purged(purged, unit))

    assert await case_deliveries(erased.data.case_id, fake) == []
    assert await fake.case_states.get(erased.data.case_id) is None
    assert all(e.case_id != erased.data.case_id for e in fake.inbox.entries.values())
    assert len(await case_deliveries(kept.data.case_id, fake)) == 5
    assert await fake.case_states.get(kept.data.case_id) is not None
    assert {e.case_id for e in await read_inbox("nurse-aino", fake)} == {kept.data.case_id}
