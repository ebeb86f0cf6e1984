"""A failed delivery retried by the administrator is sent once more, and only once."""

from __future__ import annotations

from uuid import uuid4

import pytest

from services.notifications.domain.recipients import Channel
from services.notifications.domain.records import DeliveryRecord, DeliveryStatus
from services.notifications.service_layer.cases import case_opened
from services.notifications.service_layer.channels import DeliveryFailed
from services.notifications.service_layer.retrying import NoSuchDelivery, retry_failed
from services.notifications.workers.dispatcher import Dispatcher
from shared.contracts import CaseOpenedV1
from tests.factories import case_opened as a_case_opened
from tests.fakes.notifications import PLANNING, FakeNotifications, FakeSender, demo_directory


async def opened(fake: FakeNotifications, event: CaseOpenedV1) -> CaseOpenedV1:
    await fake.transact(lambda unit: case_opened(event, unit, PLANNING))
    return event


def guardians_delivery(fake: FakeNotifications, event: CaseOpenedV1) -> DeliveryRecord:
    (found,) = [
        s.record
        for s in fake.deliveries.stored.values()
        if s.record.person_id == "guardian-0001" and s.record.channel is Channel.EMAIL
    ]
    return found


@pytest.fixture
def fake() -> FakeNotifications:
    fake = FakeNotifications()
    demo_directory(fake.directory)
    return fake


async def test_a_failed_delivery_retried_is_sent_once_and_a_second_retry_does_nothing() -> None:
    fake, email = FakeNotifications(), FakeSender()
    demo_directory(fake.directory)
    dispatcher = Dispatcher(
        records=fake, senders={Channel.EMAIL: email, Channel.SMS: FakeSender()},
        transact=fake.transact, planning=PLANNING, max_attempts=3, backoff_s=0,
    )  # fmt: skip
    event = await opened(fake, a_case_opened())
    email.failures.extend([DeliveryFailed("smtp_rejected: 550", permanent=True)] * 3)
    await dispatcher.dispatch_next()
    failed = guardians_delivery(fake, event)
    assert failed.status is DeliveryStatus.FAILED
    sent_before = len(email.sent)

    first = await retry_failed(failed.notification_id, fake, by="admin-1", why="address fixed")
    second = await retry_failed(failed.notification_id, fake, by="admin-1", why=None)
    assert (first.requeued, first.status) == (True, DeliveryStatus.PENDING)
    assert (second.requeued, second.status) == (False, DeliveryStatus.PENDING)
    await dispatcher.dispatch_next()
    await dispatcher.dispatch_next()

    assert guardians_delivery(fake, event).status is DeliveryStatus.SENT
    resent = [n for _, _, n in email.sent[sent_before:]]
    assert resent == [failed.notification_id]
    stored = fake.deliveries.stored[failed.notification_id]
    assert [(by, why) for _, by, why in stored.retries] == [("admin-1", "address fixed")]
    third = await retry_failed(failed.notification_id, fake, by="admin-1", why=None)
    assert (third.requeued, third.status) == (False, DeliveryStatus.SENT)


async def test_an_unknown_delivery_cannot_be_retried(fake: FakeNotifications) -> None:
    with pytest.raises(NoSuchDelivery):
        await retry_failed(uuid4(), fake, by="admin-1", why=None)
