"""The student's and a guardian's own requests and another person's contact (§15.1-2),
over HTTP with the three services in this process against the real broker and database:
each reaches the profession asked for, its asker follows only its status, and every way
an attacker could try (for someone else, at another school, a forged event) is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import bson
import httpx
import pytest
from fastapi import FastAPI

from shared.runtime import ServiceRuntime
from shared.security import Role
from shared.topics import CONCERNS, DEAD_LETTERS
from tests.factories import contact_request, discussion_request, discussion_requested
from tests.support.identity import bearer
from tests.support.in_process import running_services
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, header, produce_event
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

Services = dict[str, tuple[FastAPI, ServiceRuntime]]
STUDENT = bearer("student-0001", Role.STUDENT, school_ids=["kallio-school"])
OWN = "/students/student-0001/discussion-requests"
SECRET = "I cannot sleep since the divorce"


@pytest.fixture
async def services(ns: Namespace, smtp: SmtpServer) -> AsyncIterator[Services]:
    async with running_services(ns, smtp) as running:
        yield running


def client(services: Services, name: str, auth: dict[str, str]) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=services[name][0])
    return httpx.AsyncClient(transport=transport, base_url=f"http://{name}", headers=auth)


async def post(services: Services, auth: dict[str, str], path: str, body: Any) -> httpx.Response:
    async with client(services, "intake", auth) as intake:
        return await intake.post(path, json=body)


async def status_of(services: Services, auth: dict[str, str], concern_id: str) -> httpx.Response:
    async with client(services, "intake", auth) as intake:
        return await intake.get(f"/concerns/{concern_id}/status")


async def cases_of(services: Services, staff_id: str) -> Any:
    async with client(services, "welfare_group", bearer(staff_id)) as wg:
        return (await wg.get(f"/staff/{staff_id}/cases")).json()


async def test_the_students_request_reaches_the_kuraattori_and_the_student_sees_only_where(
    services: Services,
) -> None:
    body = discussion_request(text=SECRET, categories=["mental_health"], urgency="urgent")
    accepted = await post(services, STUDENT, OWN, body)
    assert accepted.status_code == 201, accepted.text
    concern_id = accepted.json()["concern_id"]

    (case,) = await eventually(lambda: cases_of(services, "kuraattori-kaisa"))
    assert case["student_ref"] == "student-0001"
    assert await cases_of(services, "psychologist-elias") == []  # not by its categories

    async def handed_over() -> Any:
        view = (await status_of(services, STUDENT, concern_id)).json()
        return view if view["status"] == "with_welfare_group" else None

    view = await eventually(handed_over)
    assert view["handled_by_role"] == "kuraattori"
    assert "divorce" not in str(view)
    stored = await services["intake"][1].store.collection("concerns").find_one({"_id": concern_id})
    assert stored is not None
    assert b"divorce" not in bson.encode(stored)  # sealed with the concern's own key
    # Nobody else follows it: a guardian, the teacher, the kuraattori herself here.
    for other in (bearer("guardian-0001"), bearer("teacher-tiina"), bearer("kuraattori-kaisa")):
        assert (await status_of(services, other, concern_id)).status_code == 403


async def test_a_student_for_another_or_at_another_school_is_refused(services: Services) -> None:
    other = await post(services, STUDENT, "/students/student-0002/discussion-requests", {})
    assert other.status_code == 403
    toolo = await post(services, STUDENT, OWN, discussion_request(school_id="toolo-school"))
    assert toolo.status_code == 403
    nameless = bearer("student-0001", Role.STUDENT)  # a sign-in that names no school
    assert (await post(services, nameless, OWN, discussion_request())).status_code == 403
    assert (
        await post(services, STUDENT, OWN, discussion_request(text="x" * 5001))
    ).status_code == 422


async def test_a_guardian_asks_for_their_own_child_only(services: Services) -> None:
    guardian = bearer("guardian-0001")
    elsewhere = "/students/student-0002/discussion-requests"
    assert (await post(services, guardian, elsewhere, discussion_request())).status_code == 403
    asked = discussion_request(discussion_with="psychologist")
    accepted = await post(services, guardian, OWN, asked)
    assert accepted.status_code == 201, accepted.text
    (case,) = await eventually(lambda: cases_of(services, "psychologist-elias"))
    assert case["student_ref"] == "student-0001"
    concern_id = accepted.json()["concern_id"]
    assert (await status_of(services, guardian, concern_id)).status_code == 200
    assert (await status_of(services, STUDENT, concern_id)).status_code == 403


async def test_a_contact_is_recorded_only_by_staff_of_the_school(services: Services) -> None:
    tuomas = bearer("teacher-tuomas")  # works at Töölö
    assert (await post(services, tuomas, "/contacts", contact_request())).status_code == 403
    for family in (STUDENT, bearer("guardian-0001")):
        assert (await post(services, family, "/contacts", contact_request())).status_code == 403
    recorded = await post(services, bearer("teacher-tiina"), "/contacts", contact_request())
    assert recorded.status_code == 201, recorded.text
    (case,) = await eventually(lambda: cases_of(services, "kuraattori-kaisa"))
    assert case["student_ref"] == "student-0001"
    follow = await status_of(services, bearer("teacher-tiina"), recorded.json()["concern_id"])
    assert follow.status_code == 200


async def test_a_forged_students_request_on_the_wire_is_dead_lettered(
    ns: Namespace, services: Services
) -> None:
    forged = discussion_requested("student-0007").model_copy(update={"producer": "notifications"})
    async with TopicReader(ns.infra.bootstrap, ns.topic(DEAD_LETTERS.name)) as dead:
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), forged)
        letters = await dead.read_until(2)  # by both consumers of the concerns
    assert sorted(
        (header(r, "dead-letter-consumer"), header(r, "dead-letter-reason")) for r in letters
    ) == [("communal", "foreign_producer"), ("welfare_group", "foreign_producer")]
    assert await cases_of(services, "kuraattori-kaisa") == []
