"""Every endpoint of every service, called as every role, answers as the policy table says.

The fixture builds one known situation: teacher-tiina raised a concern about student-0001;
its case is led by psychologist-elias; the guardian consented to a group of the
psychologist and nurse-aino, which was formed; kuraattori-kaisa and the other staff are
not on the case. (A member whom consent stops covering: tests/unit/test_need_to_know.py.)
Whether each caller may pass is worked out here from ``POLICY`` and those facts alone,
and every actual answer is checked against it: 401 without a token, 403 where the policy
refuses, and anything but 401/403 where it admits (a 404 or 422 is the endpoint's own
answer to the test's placeholder ids and bodies).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from shared.security import Role, Rule, Scope
from shared.topics import CONCERNS
from tests.factories import CONSENTED_GROUP_STEPS, concern_raised, raise_concern_request
from tests.support.identity import bearer
from tests.support.in_process import running_services
from tests.support.infra import Namespace
from tests.support.kafka import produce_event
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

STUDENT, SCHOOL = "student-0001", "kallio-school"
# One person per role; the staff come from the demo directory with their school.
PEOPLE: dict[Role, str] = {
    Role.TEACHER: "teacher-tiina",
    Role.SPECIAL_NEEDS_TEACHER: "special-teacher-onni",
    Role.COUNSELLOR: "counsellor-ville",
    Role.PRINCIPAL: "principal-paula",
    Role.NURSE: "nurse-aino",
    Role.PSYCHOLOGIST: "psychologist-elias",
    Role.KURAATTORI: "kuraattori-kaisa",
    Role.GUARDIAN: "guardian-0001",
    Role.STUDENT: STUDENT,
    Role.ADMINISTRATOR: "admin-1",
    Role.SERVICE_SUPERVISOR: "supervisor-sari",  # the county's: an inbox, no case
    Role.WELFARE_LEAD: "welfare-lead-1",  # the provider's: communal welfare, never a case
}
CASE_TEAM = {"psychologist-elias", "nurse-aino"}  # responsible, and consented member
LEAD = "psychologist-elias"
# Endpoints of the case that only its lead (or, while nobody leads it, the principal) uses.
LEAD_ONLY = {"POST /cases/{case_id}/responsible"}
FAMILY = {STUDENT, "guardian-0001"}
RAISER = "teacher-tiina"


def headers(role: Role) -> dict[str, str]:
    person = PEOPLE[role]
    if role is Role.COUNSELLOR:
        return bearer(person, role, school_id=SCHOOL)
    if role in (Role.STUDENT, Role.ADMINISTRATOR):
        return bearer(person, role)
    if role is Role.WELFARE_LEAD:  # not in the directory: the identity provider names the schools
        return bearer(person, role, school_ids=[SCHOOL])
    return bearer(person)


def admitted(endpoint: str, rule: Rule, role: Role) -> bool:
    """The policy, applied to the fixture's facts."""
    person = PEOPLE[role]
    if role not in rule.roles:
        return False
    if endpoint in LEAD_ONLY:
        return person == LEAD
    return {
        Scope.ROLE: True,
        Scope.SELF: True,  # the path names the caller
        Scope.SCHOOL: True,  # the administrator, or staff (or the welfare lead) of this school
        Scope.RAISER: person == RAISER,
        Scope.CASE: person in CASE_TEAM | FAMILY,
        Scope.STUDENT: person in CASE_TEAM | FAMILY,
    }[rule.scope]


@dataclass
class Facts:
    concern_id: str
    case_id: str

    def path(self, template: str, role: Role) -> str:
        values = {
            "concern_id": self.concern_id,
            "case_id": self.case_id,
            "student_ref": STUDENT,
            "school_id": SCHOOL,
            "staff_id": PEOPLE[role],
            "person_id": PEOPLE[role],
        }
        path = template
        for name, value in values.items():
            path = path.replace("{" + name + "}", value)
        # The remaining ids (a meeting, an entry, a notification) need not exist.
        for name in ("meeting_id", "entry_id", "notification_id", "consent_id"):
            path = path.replace("{" + name + "}", str(uuid.uuid4()))
        return path


@pytest.fixture
async def apps(ns: Namespace, smtp: SmtpServer) -> AsyncIterator[tuple[dict[str, FastAPI], Facts]]:
    async with running_services(ns, smtp) as services:
        intake_app, wg_app = services["intake"][0], services["welfare_group"][0]
        async with _client(intake_app, headers(Role.TEACHER)) as client:
            raised = await client.post("/concerns", json=raise_concern_request())
            concern_id = raised.json()["concern_id"]
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern_raised())
        async with _client(wg_app, headers(Role.PSYCHOLOGIST)) as client:
            mine = "/staff/psychologist-elias/cases"
            (case,) = await eventually(lambda: _json(client, mine))
            case_id = case["case_id"]
            for step, body in CONSENTED_GROUP_STEPS:
                answer = await client.post(f"/cases/{case_id}/{step}", json=body)
                assert answer.status_code == 201, answer.text
        yield {name: app for name, (app, _) in services.items()}, Facts(concern_id, case_id)


async def test_every_endpoint_answers_every_role_as_the_policy_table_says(
    apps: tuple[dict[str, FastAPI], Facts],
) -> None:
    services, facts = apps
    wrong: list[str] = []
    calls = 0
    for service, app in services.items():
        documented = {
            f"{method.upper()} {path}"
            for path, operations in app.openapi()["paths"].items()
            for method in operations
        }
        policy = app.state.gate.rules  # the shared table, with the steps a service declares
        assert documented == set(policy), f"{service}: policy and routes differ"
        async with _client(app) as client:
            for endpoint, rule in policy.items():
                method, template = endpoint.split(" ", 1)
                # A body no endpoint accepts: nothing changes, and a 422 still means "let in".
                body = {"not_a_field": True} if method == "POST" else None
                anonymous = await client.request(
                    method, facts.path(template, Role.ADMINISTRATOR), json=body
                )
                expected_anonymous = 200 if rule.scope is Scope.PUBLIC else 401
                if anonymous.status_code != expected_anonymous:
                    wrong.append(f"{service} {endpoint} without a token: {anonymous.status_code}")
                if rule.scope is Scope.PUBLIC:
                    continue
                for role in Role:
                    answer = await client.request(
                        method, facts.path(template, role), json=body, headers=headers(role)
                    )
                    calls += 1
                    let_in = answer.status_code not in (401, 403)
                    if let_in != admitted(endpoint, rule, role):
                        wrong.append(f"{service} {endpoint} as {role}: {answer.status_code}")
    assert not wrong, "\n".join(wrong)
    assert calls > 250  # every closed endpoint, ten roles each


async def test_a_path_naming_someone_else_is_refused_and_the_refusal_is_logged(
    apps: tuple[dict[str, FastAPI], Facts],
) -> None:
    services, facts = apps
    async with _client(services["welfare_group"], headers(Role.NURSE)) as client:
        assert (await client.get("/staff/psychologist-elias/cases")).status_code == 403
        covered = await client.get(f"/cases/{facts.case_id}/record")
        assert covered.status_code == 200
    async with _client(services["welfare_group"], headers(Role.KURAATTORI)) as client:
        uncovered = await client.get(f"/cases/{facts.case_id}")
        assert uncovered.status_code == 403
        assert "consent" in uncovered.json()["detail"]
    async with _client(services["notifications"], headers(Role.NURSE)) as client:
        assert (await client.get("/people/guardian-0001/inbox")).status_code == 403

    async with _client(services["welfare_group"], headers(Role.ADMINISTRATOR)) as client:
        log = (await client.get(f"/access-log?record_id={facts.case_id}&limit=1000")).json()
    seen = {(e["actor"], e["basis"], e["granted"]) for e in log}
    assert ("nurse-aino", "group_member", True) in seen
    assert ("kuraattori-kaisa", "none", False) in seen
    async with _client(services["welfare_group"], headers(Role.GUARDIAN)) as client:
        own = (await client.get(f"/students/{STUDENT}/access-log")).json()
        # The family's older page: uses before a moment, newest first, no more than asked.
        middle = own[len(own) // 2]["at"]
        older = await client.get(
            f"/students/{STUDENT}/access-log", params={"until": middle, "limit": 2}
        )
    assert {e["actor"] for e in own} >= {"psychologist-elias", "nurse-aino", "kuraattori-kaisa"}
    assert older.status_code == 200
    assert 0 < len(older.json()) <= 2
    assert all(e["at"] < middle for e in older.json())
    async with _client(services["welfare_group"], headers(Role.ADMINISTRATOR)) as client:
        audit = (await client.get("/access-log?actor=guardian-0001")).json()
    assert [e["what"] for e in audit][:1] == ["GET /students/{student_ref}/access-log"]


def _client(app: FastAPI, auth: dict[str, str] | None = None) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="http://service", headers=auth)


async def _json(client: httpx.AsyncClient, path: str) -> object:
    return (await client.get(path)).json()
