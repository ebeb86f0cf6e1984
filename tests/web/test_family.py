"""The family's screens: their own students only, their cases as the welfare group shows
them, a discussion asked for, consent answered item by item and withdrawn, the record, and
who has seen their data, from three services, one of which may be down."""

from __future__ import annotations

from typing import Any

import pytest

from services.web.domain.person import SignedIn
from services.web.service_layer.api import Service as S
from shared.contracts import Role
from tests.fakes.web import FakeServices
from tests.support.web import WebApp

CASE = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
REQUEST = "0b6e1f3c-2d4a-4b5c-9d6e-7f8091a2b3c4"
GUARDIAN = SignedIn("guardian-gun", Role.GUARDIAN, ("kallio-school",), ("stu-aino", "stu-eero"))
STUDENT = SignedIn("stu-aino", Role.STUDENT, ("kallio-school",))
TEACHER = SignedIn("teacher-tiina", Role.TEACHER, ("kallio-school",))


def a_case(**changes: Any) -> dict[str, Any]:
    return {
        "case_id": CASE,
        "status": "consent_requested",
        "opened_at": "2026-09-01T08:00:00+00:00",
        "categories": ["mental_health"],
        "responsible_profession": "kuraattori",
        "discussion_requested_on": "2026-09-01",
        "discussion_due_on": "2026-09-10",
        "discussion_offered_on": None,
        "consent_requests": [
            {
                "request_id": REQUEST,
                "asked_at": "2026-09-02T09:00:00+00:00",
                "asked_of": "guardian",
                "purpose": "Planning support for coming to school",
                "members": [
                    {"staff_id": "nurse-nea", "role": "nurse", "decision": None},
                    {"staff_id": "psy-pekka", "role": "psychologist", "decision": None},
                ],
                "outside_parties": [{"party": "youth-services", "decision": None}],
            }
        ],
        "consent_items": [],
        **changes,
    }


def services(cases: dict[str, list[dict[str, Any]]] | None = None) -> FakeServices:
    fake = FakeServices()
    for ref, found in (cases or {"stu-aino": [a_case()], "stu-eero": []}).items():
        fake.answer(S.WELFARE_GROUP, "GET", f"/students/{ref}/cases", found)
    return fake


async def test_a_guardian_sees_one_card_per_child_with_only_what_the_service_returned() -> None:
    fake = services()
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get("/family")
    assert page.status_code == 200
    assert "Student stu-aino" in page.text
    assert "Student stu-eero" in page.text
    assert page.text.count('class="family-case"') == 1  # the one case returned, nothing else
    assert "Planning support for coming to school" in page.text
    assert f"/family/cases/{CASE}/consent" in page.text
    assert "/family/students/stu-eero/discussion-requests" in page.text
    assert [c.path for c in fake.calls] == [
        "/students/stu-aino/cases",
        "/students/stu-eero/cases",
    ]
    assert {c.token for c in fake.calls} == {"token-of-the-person"}


async def test_a_student_sees_their_own_matters_only() -> None:
    fake = services({"stu-aino": [a_case(consent_requests=[])]})
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.get("/family")
    assert "Your matters" in page.text
    assert [c.path for c in fake.calls] == ["/students/stu-aino/cases"]


@pytest.mark.parametrize(
    "path",
    [
        "/family/students/stu-someone/record",
        "/family/students/stu-someone/access-log",
        "/family/students/stu-someone/discussion-requests",
    ],
)
async def test_a_child_not_in_the_sign_in_is_refused_without_a_call(path: str) -> None:
    fake = services()
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get(path)
    assert page.status_code == 403
    assert "does not name this student as yours" in page.text
    assert fake.calls == []


async def test_a_student_cannot_open_another_students_pages() -> None:
    fake = services()
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.get("/family/students/stu-eero/record")
    assert page.status_code == 403
    assert fake.calls == []


@pytest.mark.parametrize(
    "path",
    [
        "/family/cases/not-a-uuid/consent",
        "/family/cases/..%2F..%2Fadmin/consent",
        "/family/students/a%2Fb/record",
        "/family/students/010101-123A/record",  # an identity code is never a reference
        "/family/students/..%2Fstu-aino/access-log",
    ],
)
async def test_a_crafted_address_is_not_found_without_a_call(path: str) -> None:
    fake = services()
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        page = await client.get(path)
    assert page.status_code == 404
    assert fake.calls == []


async def test_someone_of_another_role_gets_the_refusal_page() -> None:
    fake = services()
    async with WebApp(fake).client(as_=TEACHER) as client:
        page = await client.get("/family")
    assert page.status_code == 403
    assert fake.calls == []
