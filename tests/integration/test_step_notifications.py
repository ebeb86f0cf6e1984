"""Steps and deadlines reach the people who must act, once each, and no one else."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from shared.runtime import ServiceRuntime
from shared.topics import CASES
from tests.factories import deadline_breached, step_recorded
from tests.support.infra import Namespace
from tests.support.kafka import produce_event
from tests.support.notifications import collection, notifications
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

__all__ = ["notifications"]  # the fixture, from tests/support

GUARDIAN = "guardian-0001@family.example"


async def inbox_of(runtime: ServiceRuntime, person: str) -> list[dict[str, object]]:
    return [d async for d in collection(runtime, "inbox").find({"person_id": person})]


async def test_a_breached_deadline_reaches_the_principal_and_the_responsible_once(
    ns: Namespace, notifications: ServiceRuntime, smtp: SmtpServer
) -> None:
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), deadline_breached(), times=3)

    await eventually(lambda: len(smtp.sink.received) >= 3)
    await asyncio.sleep(1.0)  # time for the repeated deliveries to do harm, if they could
    received = {m["To"]: m for m in smtp.sink.received}
    # And (since issue 14) the county's service supervisor of the school, once.
    assert len(smtp.sink.received) == 3
    supervisor = received["supervisor-sari@county.example"]
    assert "OHL 15 §" in supervisor.get_content()
    principal = received["principal-paula@kallio-school.example"]
    assert principal["Subject"] == "A student welfare deadline has passed at your school"
    assert "2 December 2026" in principal.get_content()
    assert "psychologist-elias@kallio-school.example" in received  # in Swedish, his language
    assert (await inbox_of(notifications, "principal-paula"))[0]["urgent"] is True


async def test_the_guardian_is_asked_for_consent_unless_barred_or_not_the_one_asked(
    ns: Namespace, notifications: ServiceRuntime, smtp: SmtpServer
) -> None:
    topic = ns.topic(CASES.name)
    # Each with the audience the welfare group's declaration gives it.
    barred = step_recorded(
        "consent_requested", consent_asked_of="guardian", guardian_may_be_notified=False,
        audience="guardian",
    )  # fmt: skip
    asked_the_student = step_recorded("consent_requested", consent_asked_of="student")
    asked_the_guardian = step_recorded(
        "consent_requested", consent_asked_of="guardian", audience="guardian"
    )
    for event, times in ((barred, 1), (asked_the_student, 1), (asked_the_guardian, 2)):
        await produce_event(ns.infra.bootstrap, topic, event, times=times)

    await eventually(lambda: len(smtp.sink.received) >= 1)
    deliveries = collection(notifications, "deliveries")
    await asyncio.sleep(1.0)
    (message,) = smtp.sink.received
    assert message["To"] == GUARDIAN
    assert message["Subject"] == "Opiskeluhuolto pyytää suostumustanne"
    assert await deliveries.count_documents({}) == 1


async def test_a_meeting_invites_the_attendees_but_not_whoever_scheduled_it(
    ns: Namespace, notifications: ServiceRuntime, smtp: SmtpServer
) -> None:
    meeting = step_recorded(
        "meeting_scheduled",
        involved=["psychologist-elias", "nurse-aino", "principal-paula"],
        meeting_on=datetime(2026, 12, 3, 12, 30, tzinfo=UTC),
        audience="group",
    )
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), meeting)

    await eventually(lambda: len(smtp.sink.received) >= 2)
    received = {m["To"]: m for m in smtp.sink.received}
    assert set(received) == {
        "nurse-aino@kallio-school.example",
        "principal-paula@kallio-school.example",
    }
    # 12:30 UTC is 14:30 in Helsinki, where the school is.
    assert "3.12.2026 klo 14.30" in received["nurse-aino@kallio-school.example"].get_content()
    assert "at 14:30" in received["principal-paula@kallio-school.example"].get_content()
