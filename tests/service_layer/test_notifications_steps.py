"""A case step reaches exactly the audience its event names, in its own words or the generic
ones, with no servers: so that a new step needs no change in notifications."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.notifications.domain.messages import MessageKind, templates
from services.notifications.domain.recipients import Channel, Reason
from services.notifications.domain.steps import STEP_MESSAGES, reason_to_tell, step_message
from services.notifications.service_layer.steps import step_recorded
from shared.contracts import Audience, CaseStepRecordedV1, EntryKind
from tests.factories import step_recorded as a_step
from tests.fakes.notifications import PLANNING, FakeNotifications, demo_directory, messages_to, told

INBOX, EMAIL = Channel.INBOX, Channel.EMAIL
STAFF = ["psychologist-elias", "nurse-aino", "principal-paula"]  # the taker is Elias


@pytest.fixture
def fake() -> FakeNotifications:
    fake = FakeNotifications()
    demo_directory(fake.directory)
    return fake


async def record(fake: FakeNotifications, event: CaseStepRecordedV1) -> None:
    await fake.transact(lambda unit: step_recorded(event, unit, PLANNING))


async def test_a_step_for_nobody_tells_nobody_but_keeps_the_case_current(
    fake: FakeNotifications,
) -> None:
    event = a_step("measures_agreed", involved=STAFF, status="measures_agreed")
    await record(fake, event)
    assert fake.deliveries.stored == {}
    assert fake.published == []
    state = await fake.case_states.get(event.data.case_id)
    assert state is not None
    assert (state.status, state.responsible_id) == ("measures_agreed", "psychologist-elias")


async def test_a_meeting_invites_the_group_but_not_whoever_scheduled_it(
    fake: FakeNotifications,
) -> None:
    on = datetime(2026, 12, 3, 12, 30, tzinfo=UTC)
    await record(fake, a_step("meeting_scheduled", involved=STAFF, meeting_on=on, audience="group"))
    assert told(fake) == {
        "nurse-aino": {(INBOX, Reason.GROUP_MEMBER), (EMAIL, Reason.GROUP_MEMBER)},
        "principal-paula": {(INBOX, Reason.GROUP_MEMBER), (EMAIL, Reason.GROUP_MEMBER)},
    }
    # 12:30 UTC is 14:30 in Helsinki, where the school is.
    assert "3.12.2026 klo 14.30" in messages_to(fake, "nurse-aino")[0].message.body
    assert "at 14:30" in messages_to(fake, "principal-paula")[0].message.body


async def test_a_group_formed_names_its_members_to_it(fake: FakeNotifications) -> None:
    await record(fake, a_step("group_formed", involved=STAFF, audience="group"))
    assert set(told(fake)) == {"nurse-aino", "principal-paula"}
    assert (
        messages_to(fake, "nurse-aino")[0].message.subject == "Sinut on nimetty asiantuntijaryhmään"
    )


async def test_a_new_lead_is_told_that_the_case_is_theirs(fake: FakeNotifications) -> None:
    event = a_step("responsible_assigned", involved=["nurse-aino"], audience="new_lead")
    await record(fake, event)
    assert told(fake) == {"nurse-aino": {(INBOX, Reason.RESPONSIBLE), (EMAIL, Reason.RESPONSIBLE)}}
    assert messages_to(fake, "nurse-aino")[0].message.subject == (
        "Opiskeluhuollon asia on annettu vastuullesi"
    )


async def test_whoever_makes_themselves_the_lead_is_not_told_of_it(fake: FakeNotifications) -> None:
    await record(
        fake, a_step("responsible_assigned", involved=["psychologist-elias"], audience="new_lead")
    )
    assert fake.deliveries.stored == {}


async def test_the_guardian_is_asked_for_consent_unless_barred(fake: FakeNotifications) -> None:
    await record(fake, a_step("consent_requested", consent_asked_of="guardian", audience="guardian",
                              guardian_may_be_notified=False))  # fmt: skip
    await record(fake, a_step("consent_requested", consent_asked_of="student"))
    assert fake.deliveries.stored == {}

    await record(
        fake, a_step("consent_requested", consent_asked_of="guardian", audience="guardian")
    )
    assert told(fake) == {"guardian-0001": {(EMAIL, Reason.GUARDIAN)}}
    (asked,) = messages_to(fake, "guardian-0001")
    assert asked.message.subject == "Opiskeluhuolto pyytää suostumustanne"
    assert "https://app.example/family" in asked.message.body


async def test_a_lifted_hold_tells_the_guardian_what_it_kept_from_them(
    fake: FakeNotifications,
) -> None:
    await record(fake, a_step("guardian_hold_lifted", audience="guardian"))
    (told_now,) = messages_to(fake, "guardian-0001")
    assert told_now.message.subject == "Viesti koulun opiskeluhuollosta"  # as a case opening


@pytest.mark.parametrize(
    ("audience", "reason", "subject"),
    [
        ("group", Reason.GROUP_MEMBER, "Uusi vaihe opiskeluhuollon asiassa"),
        ("new_lead", Reason.RESPONSIBLE, "Uusi vaihe vastuullasi olevassa asiassa"),
        ("guardian", Reason.GUARDIAN, "Tietoa koulun opiskeluhuollosta"),
    ],
)
async def test_a_step_without_words_of_its_own_reaches_its_audience_in_the_generic_message(
    fake: FakeNotifications, audience: str, reason: Reason, subject: str
) -> None:
    event = a_step("measures_agreed", involved=["nurse-aino"], audience=audience)
    await record(fake, event)
    person = "guardian-0001" if reason is Reason.GUARDIAN else "nurse-aino"
    assert set(told(fake)) == {person}
    message = messages_to(fake, person)[0].message
    assert message.subject == subject
    assert "measures" not in message.body.lower()  # it names nothing of the step
    link = "/family" if reason is Reason.GUARDIAN else f"/cases/{event.data.case_id}"
    assert link in message.body


@pytest.mark.parametrize("step", list(EntryKind))
@pytest.mark.parametrize("audience", [a for a in Audience if a is not Audience.NOBODY])
def test_every_step_has_words_for_every_audience(step: EntryKind, audience: Audience) -> None:
    reason = reason_to_tell(audience)
    assert reason is not None
    kind = step_message(step, reason)
    assert (kind, reason) in templates()  # never the render's last-resort fallback
    assert kind is STEP_MESSAGES.get(step, MessageKind.CASE_STEP) or kind is MessageKind.CASE_STEP


async def test_the_familys_own_answer_reaches_the_responsible_person_in_whose_name_it_is(
    fake: FakeNotifications,
) -> None:
    # The guardian answered online: the entry is in the responsible psychologist's name,
    # who is the very person who must hear of it.
    event = a_step("consent_decision", involved=["psychologist-elias"], audience="responsible")
    assert event.data.recorded_by.staff_id == event.data.responsible.staff_id  # type: ignore[union-attr]
    await record(fake, event)
    assert told(fake) == {
        "psychologist-elias": {(INBOX, Reason.RESPONSIBLE), (EMAIL, Reason.RESPONSIBLE)}
    }
