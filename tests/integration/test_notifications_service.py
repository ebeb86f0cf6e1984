"""Notifications against the real broker, database and an SMTP server: once, to the right
people, and every outcome recorded."""

from __future__ import annotations

from shared.contracts import NotificationFailedV1, NotificationSentV1
from shared.runtime import ServiceRuntime
from shared.topics import CASES, NOTIFICATIONS
from tests.factories import case_opened
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, produce_event
from tests.support.notifications import collection, notifications
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

# For a mental-health case led by the psychologist, in the demo directory:
INBOX_RECIPIENTS = {"psychologist-elias", "nurse-aino"}  # guardian-0001 chose email only
EMAIL_RECIPIENTS = {
    "psychologist-elias@kallio-school.example",
    "nurse-aino@kallio-school.example",
    "guardian-0001@family.example",
}
__all__ = ["notifications"]  # the fixture, from tests/support


async def test_a_case_notifies_each_person_once_by_inbox_and_email_and_records_it(
    ns: Namespace, notifications: ServiceRuntime, smtp: SmtpServer
) -> None:
    event = case_opened()
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), event, times=2)

    await eventually(lambda: len(smtp.sink.received) >= len(EMAIL_RECIPIENTS))
    async with TopicReader(ns.infra.bootstrap, ns.topic(NOTIFICATIONS.name)) as reader:
        await reader.read_until(len(INBOX_RECIPIENTS) + len(EMAIL_RECIPIENTS))
        await reader.settle(1.0)

    assert sorted(m["To"] for m in smtp.sink.received) == sorted(EMAIL_RECIPIENTS)
    inbox = await collection(notifications, "inbox").find({}).to_list(None)
    assert {item["person_id"] for item in inbox} == INBOX_RECIPIENTS
    sent = reader.events()
    assert all(isinstance(e, NotificationSentV1) for e in sent)
    assert len(sent) == len(INBOX_RECIPIENTS) + len(EMAIL_RECIPIENTS)
    assert {e.causation_id for e in sent} == {event.event_id}
    deliveries = await collection(notifications, "deliveries").find({}).to_list(None)
    assert {d["status"] for d in deliveries} == {"sent"}
    assert all(d["receipts"] for d in deliveries if d["channel"] == "email")

    guardian_mail = smtp.sink.to("guardian-0001@family.example")[0]
    assert guardian_mail["Subject"] == "Viesti koulun opiskeluhuollosta"
    assert "student-0001" not in guardian_mail.get_content()
    assert "/cases/" not in guardian_mail.get_content()
    swedish = smtp.sink.to("psychologist-elias@kallio-school.example")[0]
    assert "ansvarsperson" in swedish["Subject"]
    assert swedish["Message-ID"].startswith("<")


async def test_a_guardian_who_must_not_be_told_yet_gets_nothing(
    ns: Namespace, notifications: ServiceRuntime, smtp: SmtpServer
) -> None:
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name),
                        case_opened(guardian_may_be_notified=False))  # fmt: skip
    await eventually(lambda: len(smtp.sink.received) >= 2)
    async with TopicReader(ns.infra.bootstrap, ns.topic(NOTIFICATIONS.name)) as reader:
        await reader.read_until(4)
        await reader.settle(1.0)
    assert smtp.sink.to("guardian-0001@family.example") == []
    assert len(reader.records) == 4


async def test_a_refused_address_is_a_permanent_failure_recorded_and_announced(
    ns: Namespace, notifications: ServiceRuntime, smtp: SmtpServer
) -> None:
    smtp.sink.refuse_with = "550 5.1.1 mailbox unavailable"
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), case_opened())

    # Every inbox item, every failed email, and the responsible person's inbox notice of
    # each failure but their own (two): the notices may come before the last failure.
    told_of_failures = len(EMAIL_RECIPIENTS) - 1
    async with TopicReader(ns.infra.bootstrap, ns.topic(NOTIFICATIONS.name)) as reader:
        await reader.read_until(len(INBOX_RECIPIENTS) + len(EMAIL_RECIPIENTS) + told_of_failures)
    failed = [e for e in reader.events() if isinstance(e, NotificationFailedV1)]
    assert len(failed) == len(EMAIL_RECIPIENTS)
    assert {f.data.reason for f in failed} == {"smtp_rejected: 550"}
    assert {f.data.attempts for f in failed} == {1}  # permanent: not retried
    assert smtp.sink.refused == len(EMAIL_RECIPIENTS)
    assert await collection(notifications, "deliveries").count_documents({"status": "failed"}) == 3


async def test_an_unreachable_mail_server_is_retried_with_backoff_then_failed(
    ns: Namespace, notifications: ServiceRuntime, smtp: SmtpServer
) -> None:
    smtp.stop()
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), case_opened())

    async with TopicReader(ns.infra.bootstrap, ns.topic(NOTIFICATIONS.name)) as reader:
        await reader.read_until(len(INBOX_RECIPIENTS) + len(EMAIL_RECIPIENTS), timeout=30)
    failed = [e for e in reader.events() if isinstance(e, NotificationFailedV1)]
    assert {f.data.attempts for f in failed} == {3}
    assert all(f.data.reason.startswith("smtp_unavailable") for f in failed)
    smtp.start()  # the fixture stops it again
