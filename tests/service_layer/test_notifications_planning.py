"""Notification planning, with no servers: who is told of each case event, in which words,
urgent or not, and that a replayed event plans nothing new."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from services.notifications.domain.recipients import Channel, Reason
from services.notifications.service_layer.cases import case_opened, concern_linked
from services.notifications.service_layer.deadlines import (
    deadline_approaching,
    deadline_breached,
    follow_up_due,
    student_notice_due,
)
from shared.contracts import (
    CaseConcernLinkedData,
    CaseConcernLinkedV1,
    CaseOpenedV1,
    DeadlineApproachingData,
    DeadlineApproachingV1,
    FollowUpDueData,
    FollowUpDueV1,
    NotificationSentV1,
    Role,
    StaffMember,
    StudentNoticeDueData,
    StudentNoticeDueV1,
    utc_now,
)
from shared.storage import DuplicateKeyError
from tests.factories import case_opened as a_case_opened
from tests.factories import deadline_breached as a_deadline_breached
from tests.fakes.notifications import PLANNING, FakeNotifications, demo_directory, messages_to, told

INBOX, EMAIL = Channel.INBOX, Channel.EMAIL
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)


@pytest.fixture
def fake() -> FakeNotifications:
    fake = FakeNotifications()
    demo_directory(fake.directory)
    return fake


async def opened(fake: FakeNotifications, event: CaseOpenedV1) -> None:
    await fake.transact(lambda unit: case_opened(event, unit, PLANNING))


def linked(opened: CaseOpenedV1, after: timedelta, **data: Any) -> CaseConcernLinkedV1:
    facts = opened.data.model_dump(include=set(CaseConcernLinkedData.model_fields))
    event = CaseConcernLinkedV1.first(
        producer="welfare_group", partition_key=opened.partition_key,
        data=CaseConcernLinkedData(**{**facts, "concern_id": uuid.uuid4(), **data}),
    )  # fmt: skip
    return event.model_copy(update={"occurred_at": opened.occurred_at + after})


async def test_a_case_tells_its_lead_the_roles_called_for_and_the_guardian_each_once(
    fake: FakeNotifications,
) -> None:
    event = a_case_opened()
    await opened(fake, event)

    assert told(fake) == {
        "psychologist-elias": {(INBOX, Reason.RESPONSIBLE), (EMAIL, Reason.RESPONSIBLE)},
        "nurse-aino": {(INBOX, Reason.WELFARE_STAFF), (EMAIL, Reason.WELFARE_STAFF)},
        "guardian-0001": {(EMAIL, Reason.GUARDIAN)},  # the guardian chose email only
    }
    (elias_mail,) = [m for m in messages_to(fake, "psychologist-elias") if m.channel is EMAIL]
    assert "ansvarsperson" in elias_mail.message.subject  # in Swedish, his language
    assert "2.12.2026" in elias_mail.message.body
    assert not elias_mail.urgent
    (guardian,) = messages_to(fake, "guardian-0001")
    assert guardian.message.subject == "Viesti koulun opiskeluhuollosta"
    assert "/cases/" not in guardian.message.body
    # The inbox is delivered at once, and announced; the rest waits for the dispatcher.
    assert {e.person_id for e in fake.inbox.entries.values()} == {
        "psychologist-elias",
        "nurse-aino",
    }
    sent = [e for e in fake.published if isinstance(e, NotificationSentV1)]
    assert len(sent) == len(fake.published) == 2
    assert {e.data.channel for e in sent} == {"inbox"}
    assert {e.causation_id for e in sent} == {event.event_id}
    state = await fake.case_states.get(event.data.case_id)
    assert state is not None
    assert (state.responsible_id, state.status) == ("psychologist-elias", "opened")


async def test_a_case_with_no_section_15_deadline_promises_its_lead_no_date(
    fake: FakeNotifications,
) -> None:
    nurse = StaffMember("nurse-aino", Role.NURSE)
    event = a_case_opened(responsible=nurse, discussion_due_on=None, referred_to="nurse")
    await opened(fake, event)
    (mail,) = [m for m in messages_to(fake, "nurse-aino") if m.channel is EMAIL]
    assert mail.reason is Reason.RESPONSIBLE
    assert "2026" not in mail.message.body
    assert "/cases/" in mail.message.body
    state = await fake.case_states.get(event.data.case_id)
    assert state is not None
    assert state.round is not None
    assert state.round.due_on is None
    # A further concern that asks for a psychologist starts the clock: that is news.
    before = len(messages_to(fake, "nurse-aino"))
    timed = linked(event, timedelta(minutes=10), discussion_due_on=date(2026, 12, 2))
    await fake.transact(lambda unit: concern_linked(timed, unit, PLANNING))
    assert len(messages_to(fake, "nurse-aino")) == before + 2


async def test_a_concern_raised_without_the_student_gives_its_lead_the_section_16_2_task(
    fake: FakeNotifications,
) -> None:
    event = a_case_opened(student_to_be_told_by=date(2026, 12, 2))
    await opened(fake, event)
    tasks = [m for m in messages_to(fake, "psychologist-elias") if "16 §" in m.message.body]
    assert {m.channel for m in tasks} == {INBOX, EMAIL}
    assert all(m.reason is Reason.RESPONSIBLE for m in tasks)
    assert "2.12.2026" in tasks[0].message.body  # in Swedish, his language
    # A concern raised with the student sets no task.
    await opened(fake, a_case_opened(student_ref="student-0002"))
    assert (
        len([m for m in messages_to(fake, "psychologist-elias") if "16 §" in m.message.body]) == 2
    )


async def test_a_guardian_who_must_not_be_told_yet_is_not_planned_for(
    fake: FakeNotifications,
) -> None:
    await opened(fake, a_case_opened(guardian_may_be_notified=False))
    assert "guardian-0001" not in told(fake)
    assert set(told(fake)) == {"psychologist-elias", "nurse-aino"}


async def test_an_urgent_case_is_urgent_in_every_message(fake: FakeNotifications) -> None:
    await opened(fake, a_case_opened(urgency="urgent"))
    records = [s.record for s in fake.deliveries.stored.values()]
    assert records
    assert all(r.urgent for r in records)
    assert "Ärendet är brådskande." in messages_to(fake, "psychologist-elias")[0].message.body


async def test_a_case_nobody_leads_is_escalated_urgently_to_the_principal_and_administrator(
    fake: FakeNotifications,
) -> None:
    event = a_case_opened(responsible=None, notify_roles=["kuraattori"])
    await opened(fake, event)

    assert told(fake)["principal-paula"] == {(INBOX, Reason.PRINCIPAL), (EMAIL, Reason.PRINCIPAL)}
    assert told(fake)["admin-1"] == {
        (INBOX, Reason.WELFARE_ADMINISTRATOR), (EMAIL, Reason.WELFARE_ADMINISTRATOR),
    }  # fmt: skip
    escalations = messages_to(fake, "principal-paula")
    assert all(m.urgent for m in escalations)
    assert escalations[0].message.subject == "A student welfare matter has no responsible person"
    assert told(fake)["kuraattori-kaisa"] == {
        (INBOX, Reason.WELFARE_STAFF),
        (EMAIL, Reason.WELFARE_STAFF),
    }
    # The escalation is a plan of its own: its ids differ from the opening's.
    assert len(fake.deliveries.stored) == 7  # and the guardian, told of the opening


async def test_a_replayed_event_plans_the_same_notifications_and_the_store_refuses_them(
    fake: FakeNotifications,
) -> None:
    event = a_case_opened()
    await opened(fake, event)
    before = dict(fake.deliveries.stored)
    with pytest.raises(DuplicateKeyError):
        await opened(fake, event)
    assert fake.deliveries.stored == before  # and the transaction wrote nothing else


async def test_further_concerns_in_one_round_tell_the_lead_once_unless_the_deadline_moves(
    fake: FakeNotifications,
) -> None:
    first = a_case_opened()
    await opened(fake, first)
    lead_before = len(messages_to(fake, "psychologist-elias"))

    async def link(event: CaseConcernLinkedV1) -> int:
        await fake.transact(lambda unit: concern_linked(event, unit, PLANNING))
        return len(messages_to(fake, "psychologist-elias")) - lead_before

    assert await link(linked(first, timedelta(minutes=10))) == 0  # joins the round
    sooner = linked(first, timedelta(minutes=20), discussion_due_on=date(2026, 11, 30))
    assert await link(sooner) == 2  # an earlier deadline is news: inbox and email
    assert await link(linked(first, timedelta(minutes=30))) == 2  # the new round holds
    assert await link(linked(first, timedelta(hours=2))) == 4  # the round is over
    latest = messages_to(fake, "psychologist-elias")[-1]
    assert latest.reason is Reason.RESPONSIBLE
    assert "ny oro" in latest.message.subject.lower()
    assert set(told(fake)) == {"psychologist-elias", "nurse-aino", "guardian-0001"}


def timer_facts(**data: Any) -> dict[str, Any]:
    return {
        "timer_id": uuid.uuid4(), "case_id": uuid.uuid4(), "student_ref": "student-0001",
        "school_id": "kallio-school", "urgency": "routine", "responsible": ELIAS,
        "due_on": date(2026, 12, 2), "fired_at": utc_now(), **data,
    }  # fmt: skip


@pytest.mark.parametrize("urgency", ["routine", "urgent"])
async def test_an_approaching_deadline_reminds_the_lead_urgent_as_the_case_is(
    fake: FakeNotifications, urgency: str
) -> None:
    event = DeadlineApproachingV1.first(
        producer="welfare_group", partition_key="student-0001",
        data=DeadlineApproachingData(**timer_facts(urgency=urgency)),
    )  # fmt: skip
    await fake.transact(lambda unit: deadline_approaching(event, unit, PLANNING))
    assert told(fake) == {
        "psychologist-elias": {(INBOX, Reason.RESPONSIBLE), (EMAIL, Reason.RESPONSIBLE)}
    }
    reminders = messages_to(fake, "psychologist-elias")
    assert {m.urgent for m in reminders} == {urgency == "urgent"}
    assert reminders[0].message.subject == "Tidsfristen närmar sig"


async def test_a_breached_deadline_reaches_the_lead_and_the_principal_once_each_urgently(
    fake: FakeNotifications,
) -> None:
    event = a_deadline_breached(responsible=StaffMember("principal-paula", Role.PRINCIPAL))
    await fake.transact(lambda unit: deadline_breached(event, unit, PLANNING))
    # The principal leads this case: told once, as its lead; and (since issue 14) the
    # county's service supervisor of the school.
    assert told(fake) == {
        "principal-paula": {(INBOX, Reason.RESPONSIBLE), (EMAIL, Reason.RESPONSIBLE)},
        "supervisor-sari": {(INBOX, Reason.SERVICE_SUPERVISOR)},
    }

    other = a_deadline_breached()
    await fake.transact(lambda unit: deadline_breached(other, unit, PLANNING))
    breach = [
        s.record for s in fake.deliveries.stored.values() if s.record.case_id == other.data.case_id
    ]
    assert {(r.person_id, r.reason) for r in breach} == {
        ("psychologist-elias", Reason.RESPONSIBLE), ("principal-paula", Reason.PRINCIPAL),
        ("supervisor-sari", Reason.SERVICE_SUPERVISOR),
    }  # fmt: skip
    assert all(r.urgent for r in breach)
    (to_the_principal,) = [
        r for r in breach if r.person_id == "principal-paula" and r.channel is EMAIL
    ]
    assert (
        to_the_principal.message.subject == "A student welfare deadline has passed at your school"
    )
    assert "2 December 2026" in to_the_principal.message.body


async def test_a_follow_up_due_reaches_the_lead_and_each_owner_once(
    fake: FakeNotifications,
) -> None:
    data = FollowUpDueData(
        **timer_facts(), followed_up_by=["nurse-aino", "psychologist-elias", "nobody-known"],
        measure_ids=[uuid.uuid4()],
    )  # fmt: skip
    event = FollowUpDueV1.first(producer="welfare_group", partition_key="student-0001", data=data)
    await fake.transact(lambda unit: follow_up_due(event, unit, PLANNING))
    assert told(fake) == {
        "psychologist-elias": {(INBOX, Reason.RESPONSIBLE), (EMAIL, Reason.RESPONSIBLE)},
        "nurse-aino": {(INBOX, Reason.FOLLOW_UP_OWNER), (EMAIL, Reason.FOLLOW_UP_OWNER)},
    }
    assert not any(s.record.urgent for s in fake.deliveries.stored.values())
    assert "Seuranta-arviointi" in messages_to(fake, "nurse-aino")[0].message.subject


async def test_a_breach_reaches_the_countys_service_supervisor_of_that_school_only(
    fake: FakeNotifications,
) -> None:
    await fake.transact(lambda unit: deadline_breached(a_deadline_breached(), unit, PLANNING))
    (to_the_supervisor,) = messages_to(fake, "supervisor-sari")
    assert to_the_supervisor.reason is Reason.SERVICE_SUPERVISOR
    assert to_the_supervisor.urgent
    assert "OHL 15 §" in to_the_supervisor.message.body  # in Finnish, her language
    elsewhere = a_deadline_breached(school_id="another-school")
    before = len(messages_to(fake, "supervisor-sari"))
    await fake.transact(lambda unit: deadline_breached(elsewhere, unit, PLANNING))
    assert len(messages_to(fake, "supervisor-sari")) == before


async def test_an_owed_notice_to_the_student_reminds_its_lead_on_the_day(
    fake: FakeNotifications,
) -> None:
    event = StudentNoticeDueV1.first(
        producer="welfare_group", partition_key="student-0001",
        data=StudentNoticeDueData(**timer_facts()),
    )  # fmt: skip
    await fake.transact(lambda unit: student_notice_due(event, unit, PLANNING))
    assert told(fake) == {
        "psychologist-elias": {(INBOX, Reason.RESPONSIBLE), (EMAIL, Reason.RESPONSIBLE)}
    }
    reminder = messages_to(fake, "psychologist-elias")[0]
    assert reminder.urgent
    assert "16 §" in reminder.message.body
