"""Send-time rules, with no servers: quiet hours, the digest, urgency and preferences decide
when and how; the case as it is at sending decides whether; every outcome is recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.notifications.domain.recipients import Channel, Reason
from services.notifications.domain.records import DeliveryStatus
from services.notifications.service_layer.cases import case_opened
from services.notifications.service_layer.channels import DeliveryFailed
from services.notifications.service_layer.steps import step_recorded
from services.notifications.workers.digest import DigestSender
from services.notifications.workers.dispatcher import Dispatcher
from shared.contracts import CaseOpenedV1, NotificationFailedV1, NotificationSentV1, utc_now
from tests.factories import case_opened as a_case_opened
from tests.factories import step_recorded as a_step
from tests.fakes.notifications import (
    PLANNING,
    FakeNotifications,
    FakeSender,
    demo_directory,
    guardian_contact,
    messages_to,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
GUARDIAN = "guardian-0001@family.example"
PHONE = "+358401234567"


@pytest.fixture
def fake() -> FakeNotifications:
    fake = FakeNotifications()
    demo_directory(fake.directory)
    return fake


@pytest.fixture
def email() -> FakeSender:
    return FakeSender()


@pytest.fixture
def sms() -> FakeSender:
    return FakeSender()


@pytest.fixture
def dispatcher(fake: FakeNotifications, email: FakeSender, sms: FakeSender) -> Dispatcher:
    return Dispatcher(
        records=fake, senders={Channel.EMAIL: email, Channel.SMS: sms}, transact=fake.transact,
        planning=PLANNING, max_attempts=3, backoff_s=0,
    )  # fmt: skip


def the_guardian(fake: FakeNotifications, **fields: Any) -> None:
    fake.directory.add_guardian(
        guardian_contact("guardian-0001", **fields), ["student-0001"], email=GUARDIAN, phone=PHONE
    )


async def opened(fake: FakeNotifications, event: CaseOpenedV1) -> CaseOpenedV1:
    await fake.transact(lambda unit: case_opened(event, unit, PLANNING))
    return event


def guardians_delivery(fake: FakeNotifications, event: CaseOpenedV1) -> Any:
    """The guardian's email (or SMS) about the case: never the inbox."""
    (found,) = [
        s.record
        for s in fake.deliveries.stored.values()
        if s.record.person_id == "guardian-0001"
        and s.record.case_id == event.data.case_id
        and s.record.channel is not Channel.INBOX
    ]
    return found


async def test_dispatching_sends_each_due_email_once_and_records_it(
    fake: FakeNotifications, dispatcher: Dispatcher, email: FakeSender
) -> None:
    event = await opened(fake, a_case_opened())
    assert await dispatcher.dispatch_next() is False  # less than a batch: nothing waits
    assert sorted(to for to, _, _ in email.sent) == sorted(
        [GUARDIAN, "psychologist-elias@kallio-school.example", "nurse-aino@kallio-school.example"]
    )
    assert {s.record.status for s in fake.deliveries.stored.values()} == {DeliveryStatus.SENT}
    sent = [e for e in fake.published if isinstance(e, NotificationSentV1)]
    assert {e.data.channel for e in sent} == {"inbox", "email"}
    assert {e.data.school_id for e in sent} == {"kallio-school"}  # for the statistics
    assert {e.causation_id for e in sent} == {event.event_id}
    (receipt,) = guardians_delivery(fake, event).receipts
    assert receipt.reply.startswith("250 ok")  # the channel's own reply
    await dispatcher.dispatch_next()
    assert len(email.sent) == 3


async def test_quiet_hours_hold_routine_email_but_not_urgent_and_never_the_inbox(
    fake: FakeNotifications, dispatcher: Dispatcher, email: FakeSender
) -> None:
    now = utc_now().astimezone(HELSINKI)
    quiet = ((now - timedelta(hours=1)).time(), (now + timedelta(hours=1)).time())
    the_guardian(fake, channels=(Channel.INBOX, Channel.EMAIL), quiet_hours=quiet)
    routine = await opened(fake, a_case_opened())
    urgent = await opened(fake, a_case_opened(urgency="urgent"))
    await dispatcher.dispatch_next()

    assert len(email.to(GUARDIAN)) == 1
    held = guardians_delivery(fake, routine)
    assert held.status is DeliveryStatus.PENDING
    assert held.next_attempt_at > utc_now() + timedelta(minutes=50)
    assert guardians_delivery(fake, urgent).status is DeliveryStatus.SENT
    in_the_app = [e for e in fake.inbox.entries.values() if e.person_id == "guardian-0001"]
    assert len(in_the_app) == 2  # the inbox disturbs no one


async def test_the_digest_collects_the_days_routine_messages_into_one_email(
    fake: FakeNotifications, dispatcher: Dispatcher, email: FakeSender
) -> None:
    the_guardian(fake, digest=True)
    first, second = await opened(fake, a_case_opened()), await opened(fake, a_case_opened())
    urgent = await opened(fake, a_case_opened(urgency="urgent"))
    await dispatcher.dispatch_next()
    assert len(email.to(GUARDIAN)) == 1  # only the urgent one went at once
    waiting = [guardians_delivery(fake, e) for e in (first, second)]
    assert {w.status for w in waiting} == {DeliveryStatus.DIGEST}
    local = waiting[0].next_attempt_at.astimezone(HELSINKI)
    assert (local.time(), local > utc_now()) == (time(16, 0), True)
    assert guardians_delivery(fake, urgent).status is DeliveryStatus.SENT

    digests = DigestSender(records=fake, senders={Channel.EMAIL: email}, transact=fake.transact)
    assert await digests.send_next() is False  # not 16:00 yet
    for w in waiting:
        stored = fake.deliveries.stored[w.notification_id]
        later = replace(stored.record, next_attempt_at=utc_now())  # as if it were 16:00
        fake.deliveries.stored[w.notification_id] = replace(stored, record=later)
    email.failures.append(DeliveryFailed("smtp_unavailable: OSError", permanent=False))
    assert await digests.send_next() is True
    assert {guardians_delivery(fake, e).attempts for e in (first, second)} == {1}
    assert len(email.to(GUARDIAN)) == 1  # it waits for the next try, nothing is lost

    for w in waiting:  # the next try comes round
        stored = fake.deliveries.stored[w.notification_id]
        later = replace(stored.record, next_attempt_at=utc_now())
        fake.deliveries.stored[w.notification_id] = replace(stored, record=later)
    assert await digests.send_next() is True
    digest = email.to(GUARDIAN)[-1]
    assert digest.subject == "Opiskeluhuollon päivän viestit (2)"
    assert digest.body.count("Viesti koulun opiskeluhuollosta") == 2
    for e in (first, second):
        sent = guardians_delivery(fake, e)
        assert sent.status is DeliveryStatus.SENT
        assert sent.receipts[-1].digest


async def test_a_preference_sends_one_kind_of_message_by_sms_instead_of_email(
    fake: FakeNotifications, dispatcher: Dispatcher, email: FakeSender, sms: FakeSender
) -> None:
    the_guardian(fake, preferences={"case.opened": (Channel.SMS,)})
    await opened(fake, a_case_opened())
    await dispatcher.dispatch_next()
    assert [m.subject for m in sms.to(PHONE)] == ["Viesti koulun opiskeluhuollosta"]
    assert email.to(GUARDIAN) == []


async def test_a_bar_on_the_guardian_withholds_what_was_planned_for_them(
    fake: FakeNotifications, dispatcher: Dispatcher, email: FakeSender
) -> None:
    event = await opened(fake, a_case_opened())
    barred = a_step("guardian_barred", case_id=event.data.case_id, status="opened",
                    guardian_may_be_notified=False)  # fmt: skip
    await fake.transact(lambda unit: step_recorded(barred, unit, PLANNING))
    await dispatcher.dispatch_next()

    withheld = guardians_delivery(fake, event)
    assert (withheld.status, withheld.last_error) == (DeliveryStatus.WITHHELD, "guardian_barred")
    assert email.to(GUARDIAN) == []
    assert len(email.sent) == 2  # the staff's own


async def test_withdrawn_consent_withholds_the_group_s_invitations(
    fake: FakeNotifications, dispatcher: Dispatcher, email: FakeSender
) -> None:
    meeting = a_step("meeting_scheduled", involved=["nurse-aino"], audience="group",
                     meeting_on=datetime(2026, 12, 3, 12, 30, tzinfo=HELSINKI))  # fmt: skip
    await fake.transact(lambda unit: step_recorded(meeting, unit, PLANNING))
    withdrawn = a_step("consent_withdrawn", case_id=meeting.data.case_id,
                       status="consent_withdrawn")  # fmt: skip
    await fake.transact(lambda unit: step_recorded(withdrawn, unit, PLANNING))
    await dispatcher.dispatch_next()
    (invitation,) = [m for m in messages_to(fake, "nurse-aino") if m.channel is Channel.EMAIL]
    assert (invitation.status, invitation.last_error) == (
        DeliveryStatus.WITHHELD, "consent_withdrawn",
    )  # fmt: skip
    assert email.sent == []


async def test_a_busy_server_is_retried_until_the_attempts_run_out(
    fake: FakeNotifications, dispatcher: Dispatcher, email: FakeSender
) -> None:
    the_guardian(fake, channels=(Channel.EMAIL,))
    fake.directory.staff.clear()  # only the guardian is told
    event = await opened(fake, a_case_opened())
    email.failures.extend([DeliveryFailed("smtp_unavailable: OSError", permanent=False)] * 3)
    for _ in range(3):
        await dispatcher.dispatch_next()
    failed = guardians_delivery(fake, event)
    assert (failed.status, failed.attempts) == (DeliveryStatus.FAILED, 3)
    (announced,) = [e for e in fake.published if isinstance(e, NotificationFailedV1)]
    assert (announced.data.attempts, announced.data.reason) == (3, "smtp_unavailable: OSError")


async def test_a_failure_for_good_is_announced_and_told_to_the_lead_unless_it_was_theirs(
    fake: FakeNotifications, dispatcher: Dispatcher, email: FakeSender
) -> None:
    event = await opened(fake, a_case_opened())
    email.failures.extend([DeliveryFailed("smtp_rejected: 550", permanent=True)] * 3)
    await dispatcher.dispatch_next()

    failures = [e for e in fake.published if isinstance(e, NotificationFailedV1)]
    assert {(f.data.recipient_id, f.data.attempts) for f in failures} == {
        ("psychologist-elias", 1), ("nurse-aino", 1), ("guardian-0001", 1),
    }  # fmt: skip
    assert {f.data.school_id for f in failures} == {"kallio-school"}
    notices = [
        e for e in fake.inbox.entries.values()
        if e.person_id == "psychologist-elias" and "kunde inte levereras" in e.message.subject
    ]  # fmt: skip
    assert len(notices) == 2  # the nurse's and the guardian's; his own he cannot fix
    assert {e.case_id for e in notices} == {event.data.case_id}


async def test_someone_with_no_address_on_the_channel_fails_for_good_at_once(
    fake: FakeNotifications, dispatcher: Dispatcher
) -> None:
    fake.directory.add_guardian(guardian_contact("guardian-0001"), ["student-0001"])
    event = await opened(fake, a_case_opened())
    await dispatcher.dispatch_next()
    failed = guardians_delivery(fake, event)
    assert (failed.status, failed.last_error, failed.reason) == (
        DeliveryStatus.FAILED, "no_address", Reason.GUARDIAN,
    )  # fmt: skip
