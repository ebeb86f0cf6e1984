"""The principal's school: staffing against the §9a ceilings in words, and the cases that
wait for the principal; no student named."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from services.web.domain.person import SignedIn
from services.web.domain.school import Load, load_of
from services.web.entrypoints.local_time import today
from services.web.service_layer.api import Service
from shared.contracts import Role
from tests.support.web import WebApp

PRINCIPAL = SignedIn("principal-paula", Role.PRINCIPAL, ("kallio-school",), locale="en")
TWO = SignedIn("principal-pekka", Role.PRINCIPAL, ("kallio-school", "vallila-school"))
TEACHER = SignedIn("teacher-tiina", Role.TEACHER, ("kallio-school",), locale="en")
CASE = "0b7e3d52-1c4f-4a8e-9d21-5f3a6b7c8d90"
LATE = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"


def caseload(**changes: Any) -> dict[str, Any]:
    due = today() - timedelta(days=3)
    return {
        "school_id": "kallio-school",
        "students": 900,
        "professions": [
            {
                "role": "psychologist",
                "professionals": 1,
                "allocated_fte": 1.0,
                "students_per_professional": 900.0,
                "ceiling": 780,
                "within_ceiling": False,
                "open_cases": {"psy-1": 12},
            },
            {
                "role": "kuraattori",
                "professionals": 2,
                "allocated_fte": 1.5,
                "students_per_professional": 600.0,
                "ceiling": 670,
                "within_ceiling": True,
                "open_cases": {"kur-1": 4, "kur-2": 5},
            },
        ],
        "unassigned_cases": [CASE],
        "unassigned": [
            {
                "case_id": CASE,
                "opened_at": "2027-05-03T06:15:00+00:00",
                "discussion_due_on": None,
                "profession": "kuraattori",
                "unassigned": True,
            }
        ],
        "deadlines_breached": [
            {
                "case_id": LATE,
                "opened_at": "2027-04-20T08:00:00+00:00",
                "discussion_due_on": due.isoformat(),
                "profession": "psychologist",
                "unassigned": False,
            }
        ],
        **changes,
    }


async def test_the_principal_sees_over_the_ceiling_in_words() -> None:
    web = WebApp()
    web.services.answer(Service.WELFARE_GROUP, "GET", "/schools/kallio-school/caseload", caseload())
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get("/school")
    assert page.status_code == 200
    assert "Over the ceiling" in page.text
    assert "120 students per full-time professional too many" in page.text
    assert "About 0.2 full-time more is needed" in page.text  # 900/780 = 1.15 FTE
    assert "Within the ceiling" in page.text
    assert "at most 670" in page.text
    assert "900 students at the school" in page.text
    assert f'href="/cases/{CASE}"' in page.text
    assert f'href="/cases/{LATE}"' in page.text
    assert "3 days late" in page.text
    assert page.text.count("<h1>") == 1


async def test_a_school_nobody_serves_is_said_so() -> None:
    nobody = {
        "role": "psychologist",
        "professionals": 0,
        "allocated_fte": 0.0,
        "students_per_professional": None,
        "ceiling": 780,
        "within_ceiling": False,
        "open_cases": {},
    }
    load = load_of(400, nobody)
    assert load.load is Load.NOBODY
    assert load.fte_short == 0.6  # 400/780 = 0.51, rounded up to a tenth


async def test_nothing_waiting_is_said_too() -> None:
    web = WebApp()
    quiet = caseload(unassigned=[], deadlines_breached=[], unassigned_cases=[])
    web.services.answer(Service.WELFARE_GROUP, "GET", "/schools/kallio-school/caseload", quiet)
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get("/school")
    assert "Every open case has someone leading it." in page.text
    assert "No §15 deadline has passed" in page.text


async def test_a_principal_of_two_schools_opens_either_and_no_other() -> None:
    web = WebApp()
    vallila = caseload(school_id="vallila-school")
    web.services.answer(Service.WELFARE_GROUP, "GET", "/schools/vallila-school/caseload", vallila)
    async with web.client(as_=TWO) as client:
        page = await client.get("/school/vallila-school")
        other = await client.get("/school/someone-elses")
        crafted = await client.get("/school/..%2Fcaseload")
    assert page.status_code == 200
    assert 'href="/school/kallio-school"' in page.text
    assert other.status_code == 403
    assert crafted.status_code == 404
    assert [c.path for c in web.services.calls] == ["/schools/vallila-school/caseload"]


async def test_a_teacher_is_told_the_overview_is_the_principals() -> None:
    web = WebApp()
    async with web.client(as_=TEACHER) as client:
        page = await client.get("/school")
    assert page.status_code == 403
    assert "the principal" in page.text
    assert web.services.calls == []
