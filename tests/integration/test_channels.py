"""Each channel against a real local server: SMS through a stand-in HTTP provider, email
through a real SMTP server; preferences, quiet hours and the digest decide what goes when."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from deploy.infra import free_port
from services.notifications.adapters.directory import Directory
from shared.contracts import NotificationFailedV1, utc_now
from shared.runtime import ServiceRuntime
from shared.topics import CASES, NOTIFICATIONS
from tests.factories import case_opened
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, produce_event
from tests.support.notifications import collection, running_notifications
from tests.support.sms import SmsProvider
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

PHONE = "+358401234567"
GUARDIAN = {"student_refs": ["student-0001"], "language": "fi", "phone": PHONE,
            "email": "guardian-0001@family.example"}  # fmt: skip


@pytest.fixture
def sms() -> Iterator[SmsProvider]:
    provider = SmsProvider(free_port())
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
async def service(
    ns: Namespace, smtp: SmtpServer, sms: SmsProvider
) -> AsyncIterator[ServiceRuntime]:
    sms_provider = {"sms_endpoint": sms.url, "sms_api_token": sms.token}
    async with running_notifications(ns, smtp, **sms_provider, digest_poll_interval_s=0.1) as (
        _app,
        runtime,
    ):
        yield runtime


async def guardian(runtime: ServiceRuntime, **fields: Any) -> None:
    await Directory(runtime.store).put_guardian("guardian-0001", {**GUARDIAN, **fields})


async def test_sms_goes_once_with_a_reference_and_no_detail_even_when_the_event_repeats(
    ns: Namespace, service: ServiceRuntime, sms: SmsProvider
) -> None:
    await guardian(service, channels=["sms"])
    sms.answers.extend([503])  # the provider is busy once: retried
    event = case_opened()
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), event, times=3)

    await eventually(lambda: sms.to(PHONE))
    await asyncio.sleep(1.0)
    (message,) = sms.to(PHONE)
    assert sms.requests == 2
    assert message["from"] == "Koulu"
    assert "student-0001" not in message["text"]
    assert "/cases/" not in message["text"]
    delivery = await collection(service, "deliveries").find_one({"channel": "sms"})
    assert delivery["_id"] == message["reference"]
    assert delivery["status"] == "sent"
    assert delivery["attempts"] == 2
    assert delivery["receipts"][0]["reply"] == '{"id": "sms-2"}'


async def test_a_number_the_provider_refuses_is_a_permanent_failure(
    ns: Namespace, service: ServiceRuntime, sms: SmsProvider
) -> None:
    await guardian(service, channels=["sms"])
    sms.answers.extend([400])
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), case_opened())
    async with TopicReader(ns.infra.bootstrap, ns.topic(NOTIFICATIONS.name)) as reader:
        await reader.read_until(5)
    (failed,) = [e for e in reader.events() if isinstance(e, NotificationFailedV1)]
    assert failed.data.channel == "sms"
    assert failed.data.reason == "sms_rejected: 400"
    assert failed.data.attempts == 1


async def test_a_preference_sends_one_kind_of_message_by_sms_instead_of_email(
    ns: Namespace, service: ServiceRuntime, smtp: SmtpServer, sms: SmsProvider
) -> None:
    await guardian(service, channels=["email"], preferences={"case.opened": ["sms"]})
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), case_opened())
    await eventually(lambda: sms.to(PHONE))
    await eventually(lambda: len(smtp.sink.received) >= 2)  # the staff's own emails
    assert smtp.sink.to("guardian-0001@family.example") == []


async def test_quiet_hours_hold_routine_email_but_not_urgent(
    ns: Namespace, service: ServiceRuntime, smtp: SmtpServer
) -> None:
    now = utc_now().astimezone(ZoneInfo("Europe/Helsinki"))
    quiet = {"start": (now - timedelta(hours=1)).strftime("%H:%M"),
             "end": (now + timedelta(hours=1)).strftime("%H:%M")}  # fmt: skip
    await guardian(service, channels=["email"], quiet_hours=quiet)
    routine, urgent = case_opened(), case_opened(urgency="urgent")
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), routine)
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), urgent)

    await eventually(lambda: len(smtp.sink.to("guardian-0001@family.example")) >= 1)
    await asyncio.sleep(1.0)
    assert len(smtp.sink.to("guardian-0001@family.example")) == 1
    deliveries = collection(service, "deliveries")
    went = await deliveries.find_one(
        {"person_id": "guardian-0001", "case_id": str(urgent.data.case_id)}
    )
    assert went["status"] == "sent"
    held = await deliveries.find_one(
        {"person_id": "guardian-0001", "case_id": str(routine.data.case_id)}
    )
    assert held["status"] == "pending"
    assert held["next_attempt_at"] > utc_now() + timedelta(minutes=50)


async def test_the_digest_sends_the_days_routine_messages_in_one_email(
    ns: Namespace, service: ServiceRuntime, smtp: SmtpServer
) -> None:
    await guardian(service, channels=["email"], digest=True)
    for _ in range(2):
        await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), case_opened())
    deliveries = collection(service, "deliveries")
    waiting = {"person_id": "guardian-0001", "status": "digest"}
    await eventually(lambda: _count(deliveries, waiting, 2))
    assert smtp.sink.to("guardian-0001@family.example") == []

    await deliveries.update_many(waiting, {"$set": {"next_attempt_at": utc_now()}})  # 16:00
    await eventually(lambda: smtp.sink.to("guardian-0001@family.example"))
    await asyncio.sleep(0.5)
    (digest,) = smtp.sink.to("guardian-0001@family.example")
    assert digest["Subject"] == "Opiskeluhuollon päivän viestit (2)"
    assert digest.get_content().count("Viesti koulun opiskeluhuollosta") == 2
    assert await deliveries.count_documents({"person_id": "guardian-0001", "status": "sent"}) == 2


async def _count(collection: Any, query: dict[str, Any], expected: int) -> bool:
    return bool(await collection.count_documents(query) == expected)
