"""Who is told, what they are told, in which language: and that it gives nothing away."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from services.notifications.domain.messages import MessageFacts, render, templates
from services.notifications.domain.notification import plan_notifications
from services.notifications.domain.recipients import (
    Channel,
    Contact,
    Language,
    Reason,
    RecipientKind,
    case_opened_recipients,
)
from shared.contracts import Role, StaffRole


def staff(person_id: str, role: StaffRole, *channels: Channel) -> Contact:
    return Contact(person_id, RecipientKind.STAFF, role, Language.FI, channels or (Channel.INBOX,))


SCHOOL = [
    staff("nurse-aino", Role.NURSE),
    staff("psychologist-elias", Role.PSYCHOLOGIST),
    staff("kuraattori-kaisa", Role.KURAATTORI),
    staff("teacher-tiina", Role.TEACHER),
]
GUARDIAN = Contact("guardian-0001", RecipientKind.GUARDIAN, None, Language.EN, (Channel.EMAIL,))


def test_the_responsible_person_the_roles_called_for_and_the_guardian_are_told_once_each() -> None:
    recipients = case_opened_recipients(
        responsible_id="psychologist-elias",
        notify_roles=[Role.NURSE, Role.PSYCHOLOGIST],
        school_staff=SCHOOL,
        guardians=[GUARDIAN],
        guardian_may_be_notified=True,
    )
    assert [(r.contact.person_id, r.reason) for r in recipients] == [
        ("psychologist-elias", Reason.RESPONSIBLE),
        ("guardian-0001", Reason.GUARDIAN),
        ("nurse-aino", Reason.WELFARE_STAFF),
    ]


def test_a_guardian_who_must_not_be_told_yet_is_not_told() -> None:
    recipients = case_opened_recipients(
        responsible_id=None, notify_roles=[Role.KURAATTORI], school_staff=SCHOOL,
        guardians=[GUARDIAN], guardian_may_be_notified=False,
    )  # fmt: skip
    assert [r.contact.person_id for r in recipients] == ["kuraattori-kaisa"]


def test_one_notification_per_channel_with_ids_stable_across_replays() -> None:
    event_id, case_id = uuid.uuid4(), uuid.uuid4()
    recipients = case_opened_recipients(
        responsible_id="nurse-aino", notify_roles=[], guardian_may_be_notified=True,
        school_staff=[staff("nurse-aino", Role.NURSE, Channel.INBOX, Channel.EMAIL)],
        guardians=[GUARDIAN],
    )  # fmt: skip

    def plan() -> list[uuid.UUID]:
        notifications = plan_notifications(
            event_id=event_id, case_id=case_id, kind="case.opened", recipients=recipients,
            urgent=False,
            message_for=lambda r: render_for(r.reason), now=datetime.now(UTC),
        )  # fmt: skip
        return [n.notification_id for n in notifications]

    first = plan()
    assert len(first) == len(set(first)) == 3
    assert plan() == first


FACTS = MessageFacts(
    case_link="https://app.example/cases/0f8c", family_link="https://app.example/family",
    due_on=date(2026, 12, 2), urgent=True,
    meeting_on=datetime(2026, 12, 3, 14, 30, tzinfo=ZoneInfo("Europe/Helsinki")),
)  # fmt: skip
DATED = {"case.opened", "case.concern_linked", "deadline.approaching", "deadline.breached",
         "follow_up.due"}  # fmt: skip


def render_for(reason: Reason):  # type: ignore[no-untyped-def]
    topic = next(t for t, r in templates() if r is reason)
    return render(topic, reason, Language.FI, FACTS)


@pytest.mark.parametrize("key", list(templates()), ids=lambda k: f"{k[0]}-{k[1]}")
@pytest.mark.parametrize("language", list(Language))
def test_every_template_renders_in_every_language(key, language: Language) -> None:  # type: ignore[no-untyped-def]
    topic, reason = key
    message = render(topic, reason, language, FACTS)
    assert message.subject
    assert message.body
    assert "{" not in message.body
    assert "}" not in message.body
    link = FACTS.family_link if reason is Reason.GUARDIAN else FACTS.case_link
    assert link in message.body
    if topic.value in DATED and reason in (Reason.RESPONSIBLE, Reason.PRINCIPAL):
        assert ("2.12.2026" in message.body) or ("2 December 2026" in message.body)
    if topic.value == "meeting_scheduled":
        assert ("3.12.2026 kl" in message.body) or ("3 December 2026 at 14:30" in message.body)
        assert "14" in message.body


def test_guardian_messages_do_not_reveal_the_case_link_or_deadline() -> None:
    family = [k for k in templates() if k[1] is Reason.GUARDIAN]
    assert len(family) >= 2
    for key in family:
        for language in Language:
            body = render(*key, language, FACTS).body
            assert "cases/" not in body
            assert "2026" not in body


def test_no_template_can_reach_beyond_the_facts_that_are_safe_to_leave_the_system() -> None:
    import string

    safe = {"due_on", "meeting_on", "urgent", "case_link", "family_link"}
    assert {f.name for f in dataclasses.fields(MessageFacts)} == safe
    used = {
        name
        for texts in templates().values()
        for subject, body in texts.values()
        for text in (subject, body)
        for _, name, _, _ in string.Formatter().parse(text)
        if name
    }
    assert used <= safe


@pytest.mark.parametrize("key", list(templates(untimed=True)), ids=lambda k: f"{k[0]}-{k[1]}")
@pytest.mark.parametrize("language", list(Language))
def test_a_case_without_a_section_15_deadline_is_promised_no_date(key, language: Language) -> None:  # type: ignore[no-untyped-def]
    untimed = dataclasses.replace(FACTS, due_on=None)
    topic, reason = key
    message = render(topic, reason, language, untimed)
    assert key in templates()  # the same message, less its deadline
    assert "{" not in message.body
    assert FACTS.case_link in message.body
    for promise in ("viimeistään", "senast", "must be offered by", "15"):
        assert promise not in message.body
