"""A case carried from concern to closure through the welfare group's HTTP API, against the
real broker and database: refusals are 409s with the rule, every step is recorded and
announced on the cases topic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from services.welfare_group.bootstrap import build
from services.welfare_group.seed import seed
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import CaseOpenedV1, CaseStepRecordedV1, Role
from shared.topics import CASES, CONCERNS
from tests.factories import concern_raised, day_ahead, moment_ahead
from tests.support.directory import DEMO
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, produce_event
from tests.support.waiting import eventually

PSY = {"staff_id": "psychologist-elias", "role": "psychologist"}
NURSE = {"staff_id": "nurse-aino", "role": "nurse"}


@pytest.fixture
async def api(ns: Namespace) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    settings = ns.settings(WelfareGroupSettings, "welfare_group")
    await seed(DEMO, settings)
    app, runtime = build(settings)
    async with runtime.lifespan():
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern_raised())
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://wg.test", headers=bearer("psychologist-elias")
        ) as client:

            async def opened() -> list[dict[str, Any]]:
                return list((await client.get("/staff/psychologist-elias/cases")).json())

            (case,) = await eventually(opened)
            yield client, case["case_id"]


async def test_a_case_goes_from_opening_to_closure_and_refusals_name_the_rule(
    ns: Namespace, api: tuple[httpx.AsyncClient, str]
) -> None:
    client, case_id = api

    async def step(path: str, body: dict[str, Any], expected: int = 201) -> dict[str, Any]:
        response = await client.post(f"/cases/{case_id}/{path}", json=body)
        assert response.status_code == expected, response.text
        return dict(response.json())

    refused = await step("expert-group", {"members": [PSY], "responsible": PSY["staff_id"]}, 409)
    assert refused["rule"] == "case lifecycle"
    assert "consent" in refused["instead"]

    await step("consent-requests", {"from": "student", "purpose": "expert group"})
    await step(
        "consent-decisions",
        {
            "given": True,
            "given_by": "student",
            "student_can_judge": True,
            "capacity_reasons": "understands what the group would do",
            "purpose": "expert group",
            "members": ["psychologist-elias", "nurse-aino"],
            "form": "written",
        },
    )
    disclosure = {"to": "youth-services", "what": "plan", "data": "plan_of_measures"}
    not_covered = await step("disclosures", disclosure, 409)
    assert not_covered["rule"] == "§22"
    await step("expert-group", {"members": [PSY, NURSE], "responsible": "psychologist-elias"})
    await step("student-views", {"views": "feels left out", "wishes": "talks <b>at school</b>"})
    scheduled = await step("meetings", {"on": moment_ahead(1), "attendees": [PSY, NURSE]})
    assert scheduled["status"] == "group_formed"
    case = (await client.get(f"/cases/{case_id}/record")).json()
    meeting_id = case[-1]["content"]["meeting_id"]
    await step(
        f"meetings/{meeting_id}/held", {"attendees": [PSY, NURSE], "handling": "plan agreed"}
    )
    discipline = await step(
        "measures",
        {
            "measures": [
                {
                    "kind": "discipline",
                    "description": "detention",
                    "carried_out_by": "psychologist-elias",
                    "followed_up_by": "nurse-aino",
                    "review_on": day_ahead(45),
                }
            ]
        },
        409,
    )
    assert "disciplinary procedure" in discipline["instead"]
    await step(
        "measures",
        {
            "measures": [
                {
                    "kind": "support_discussions",
                    "description": "weekly talks",
                    "carried_out_by": "psychologist-elias",
                    "followed_up_by": "nurse-aino",
                    "review_on": day_ahead(45),
                }
            ]
        },
    )
    closed = await step("reviews", {"outcome": "close", "progress": "goals met"})
    assert closed["status"] == "closed"
    late = await step("meetings", {"on": moment_ahead(60), "attendees": [PSY]}, 409)
    assert "closed" in late["detail"]

    record = (await client.get(f"/cases/{case_id}/record")).json()
    kinds = [e["kind"] for e in record]
    assert kinds == [
        "case_opened",
        "consent_requested",
        "consent_decision",
        "record_header",  # §20.4: the welfare record begins as the group is formed
        "group_formed",
        "student_view",
        "meeting_scheduled",
        "meeting_held",
        "measures_agreed",
        "follow_up_review",
        "closed",
    ]
    assert all(e["author"]["staff_id"] for e in record)

    async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
        await reader.read_until(1 + len(kinds) - 1)
    steps = [e for e in reader.events() if isinstance(e, CaseStepRecordedV1)]
    assert [s.data.step for s in steps] == kinds[1:]
    assert steps[2].data.involved == ["nurse-aino", "psychologist-elias"]
    assert "feels left out" not in str([r.value for r in reader.records])

    export = (await client.get("/students/student-0001/record")).json()
    (exported,) = export["cases"]
    assert [e["kind"] for e in exported["record"]] == kinds
    assert exported["closed_reason"] == "goals met"
    page = await client.get("/students/student-0001/record.html")
    assert page.headers["content-type"].startswith("text/html")
    assert "feels left out" in page.text
    assert "talks &lt;b&gt;at school&lt;/b&gt;" in page.text  # written text never becomes markup
    # A student without a case is answered as one whose cases are not the caller's.
    assert (await client.get("/students/student-9999/record")).status_code == 403


async def test_unknown_cases_and_bad_requests_are_told_apart(
    api: tuple[httpx.AsyncClient, str],
) -> None:
    client, case_id = api
    missing = await client.post(
        "/cases/9b2b8a52-3c1e-4d7e-9d55-5f1d7e0f0000/closure", json={"reason": "x"}
    )
    # No case behind the id is refused like a case that is not the caller's (no oracle).
    assert missing.status_code == 403
    bad = await client.post(f"/cases/{case_id}/closure", json={"reason": ""})
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["reason"]


async def test_the_caseload_shows_staffing_against_the_ceilings_and_open_cases(
    api: tuple[httpx.AsyncClient, str],
) -> None:
    client, _ = api
    view = (
        await client.get("/schools/kallio-school/caseload", headers=bearer("principal-paula"))
    ).json()
    assert view["students"] == 540
    psychologists, kuraattorit = view["professions"]
    assert psychologists == {
        "role": "psychologist", "professionals": 1, "allocated_fte": 1.0,
        "students_per_professional": 540.0, "ceiling": 780, "within_ceiling": True,
        "open_cases": {"psychologist-elias": 1},
    }  # fmt: skip
    assert kuraattorit["ceiling"] == 670
    assert kuraattorit["open_cases"] == {"kuraattori-kaisa": 0}
    # §9a counts working time: the demo's kuraattori gives Kallio 0.9 of hers.
    assert (kuraattorit["allocated_fte"], kuraattorit["students_per_professional"]) == (0.9, 600)
    county = await client.get("/caseload", headers=bearer("admin-1", Role.ADMINISTRATOR))
    assert county.status_code == 200, county.text
    psychologists, kuraattorit = county.json()
    assert (psychologists["students"], psychologists["allocated_fte"]) == (850, 1.0)
    assert (kuraattorit["allocated_fte"], kuraattorit["students_per_professional"]) == (1.4, 607.1)
    refused = await client.get("/caseload", headers=bearer("principal-paula"))
    assert refused.status_code == 403


async def test_a_student_of_age_has_no_guardian_told_or_let_in(ns: Namespace) -> None:
    """student-0003 of the demo register is 18: a guardian the directory still lists for them
    is neither told of the case nor let into it (§18), and cannot consent for them (§14)."""
    settings = ns.settings(WelfareGroupSettings, "welfare_group")
    await seed(DEMO, settings)
    app, runtime = build(settings)
    async with runtime.lifespan():
        adult = concern_raised(student_ref="student-0003", guardian_must_not_be_told_yet=True)
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), adult)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://wg.test"
        ) as client:
            elias = bearer("psychologist-elias")

            async def opened() -> list[dict[str, Any]]:
                response = await client.get("/staff/psychologist-elias/cases", headers=elias)
                return list(response.json())

            (case,) = await eventually(opened)
            path = f"/cases/{case['case_id']}"
            former = bearer("guardian-0001", student_refs=["student-0003"])
            assert (await client.get(f"{path}/record", headers=former)).status_code == 403
            export = await client.get("/students/student-0003/record", headers=former)
            assert export.json()["cases"] == []
            asked = {"from": "guardian", "purpose": "expert group"}
            refused = await client.post(f"{path}/consent-requests", json=asked, headers=elias)
            assert (refused.status_code, refused.json()["rule"]) == (409, "§14")
    async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
        await reader.read_until(1)
    (announced,) = [e for e in reader.events() if isinstance(e, CaseOpenedV1)]
    assert announced.data.guardian_may_be_notified is False


async def test_any_staff_member_of_the_school_notes_a_child_welfare_notice(
    api: tuple[httpx.AsyncClient, str],
) -> None:
    client, case_id = api
    notices = "/schools/kallio-school/students/student-0001/child-welfare-notices"
    body = {"made_on": day_ahead(0), "to": "helsinki-child-welfare"}
    noted = await client.post(notices, json=body, headers=bearer("teacher-tiina"))
    assert noted.status_code == 201, noted.text
    assert noted.json() == {"student_ref": "student-0001", **body}
    other_school = await client.post(notices, json=body, headers=bearer("teacher-tuomas"))
    assert other_school.status_code == 403
    record = (await client.get(f"/cases/{case_id}/record")).json()
    assert record[-1]["kind"] == "child_welfare_notice"
    assert record[-1]["author"]["staff_id"] == "teacher-tiina"
    ledger = "/students/student-0001/disclosure-ledger"
    guardian = await client.get(ledger, headers=bearer("guardian-0001"))
    assert guardian.status_code == 200, guardian.text
    assert guardian.json() == []  # a notice is child welfare's to tell the family of
    own = await client.get(ledger, headers=bearer("student-0001", Role.STUDENT))
    assert own.status_code == 200, own.text
    (row,) = own.json()
    assert (row["case_id"], row["basis"], row["to"]) == (
        case_id, "Child Welfare Act 417/2007 §25", "helsinki-child-welfare",
    )  # fmt: skip


async def test_an_export_for_a_recipient_is_a_disclosure_entered_and_the_own_one_is_not(
    api: tuple[httpx.AsyncClient, str],
) -> None:
    client, case_id = api
    record = "/students/student-0001/record"
    own = await client.get(record)
    assert own.status_code == 200, own.text
    refused = await client.get(record, params={"for_recipient": "new-provider"})
    assert refused.status_code == 409
    assert refused.json()["rule"] == "§22"
    printed = await client.get(
        f"{record}.html", params={"for_recipient": "new-provider", "statute": "628/1998-40"}
    )
    assert printed.status_code == 200, printed.text
    entries = (await client.get(f"/cases/{case_id}/record")).json()
    assert [e["kind"] for e in entries].count("disclosure") == 1
    assert entries[-1]["content"]["to"] == "new-provider"
    ledger = await client.get(
        "/disclosure-ledger",
        params={"student_ref": "student-0001"},
        headers=bearer("admin-1", Role.ADMINISTRATOR),
    )
    assert ledger.status_code == 200, ledger.text
    assert [(r["to"], r["statute"]) for r in ledger.json()] == [("new-provider", "628/1998-40")]
    log = await client.get(
        "/access-log", params={"record_id": case_id}, headers=bearer("admin-1", Role.ADMINISTRATOR)
    )
    assert "GET /students/{student_ref}/record.html" in {e["what"] for e in log.json()}
