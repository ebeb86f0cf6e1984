"""What the web app calls, over the welfare group's HTTP API against the real broker and
database: the family's view of a child's cases and their online, itemised consent; the
principal's overview of the school; the kuraattori's list after a student's own request.
Every way in an attacker could try (another family, a barred guardian, another school's
staff or principal, an item nobody asked) is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from services.welfare_group.adapters.schools import RosterRepository
from services.welfare_group.bootstrap import build
from services.welfare_group.domain.routing import Roster
from services.welfare_group.seed import seed
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import CaseStepRecordedV1, Role, StaffMember, utc_now
from shared.storage import Store
from shared.topics import CASES, CONCERNS
from tests.factories import concern_raised, discussion_request
from tests.support.directory import DEMO
from tests.support.identity import bearer
from tests.support.in_process import running_services
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, produce_event
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

PSY = {"staff_id": "psychologist-elias", "role": "psychologist"}
NURSE = {"staff_id": "nurse-aino", "role": "nurse"}
ELIAS, GUARDIAN = bearer("psychologist-elias"), bearer("guardian-0001")
FAMILY_CASES = "/students/student-0001/cases"
REASONS = "Too young to weigh what sharing with the group means"
ASK = {
    "from": "guardian",
    "purpose": "expert group",
    "members": [PSY, NURSE],
    "outside_parties": ["youth-services"],
    "student_can_judge": False,
    "capacity_reasons": REASONS,
}
Api = tuple[httpx.AsyncClient, WelfareGroupSettings]


@pytest.fixture
async def api(ns: Namespace) -> AsyncIterator[Api]:
    settings = ns.settings(WelfareGroupSettings, "welfare_group")
    await seed(DEMO, settings)
    app, runtime = build(settings)
    async with runtime.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://wg.test") as client:
            yield client, settings


async def opened(client: httpx.AsyncClient, ns: Namespace, count: int, **concern: Any) -> Any:
    await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern_raised(**concern))

    async def led() -> Any:
        cases = (await client.get("/staff/psychologist-elias/cases", headers=ELIAS)).json()
        return cases if len(cases) == count else None

    return (await eventually(led))[-1]


async def test_the_guardian_answers_item_by_item_online_and_a_refused_party_stays_out(
    ns: Namespace, api: Api
) -> None:
    client, _ = api
    case_id = (await opened(client, ns, 1))["case_id"]
    steps = f"/cases/{case_id}"
    assert (
        await client.post(f"{steps}/consent-requests", json=ASK, headers=ELIAS)
    ).status_code == 201

    listed = await client.get(FAMILY_CASES, headers=GUARDIAN)
    assert listed.status_code == 200, listed.text
    (case,) = listed.json()
    (request,) = case["consent_requests"]
    assert (case["case_id"], case["responsible_profession"]) == (case_id, "psychologist")
    assert case["discussion_due_on"] is not None
    assert request["members"] == [{**PSY, "decision": None}, {**NURSE, "decision": None}]
    assert request["outside_parties"] == [{"party": "youth-services", "decision": None}]
    # Nobody's name, no narrative: not the student's, not the professional's assessment.
    for secret in ("Testi", "Oppilas", REASONS, "student_ref", "background"):
        assert secret not in listed.text

    answer = {
        "request_id": request["request_id"],
        "members": ["psychologist-elias", "nurse-aino"],
        "refused_outside_parties": ["youth-services"],
        "form": "electronic",
    }
    decisions = f"{steps}/consent-decisions"
    # Attackers: another family, another school's staff, an item never asked, a body's word.
    for stranger in (bearer("guardian-0002"), bearer("kuraattori-kalle")):
        assert (await client.get(FAMILY_CASES, headers=stranger)).status_code == 403
        assert (await client.post(decisions, json=answer, headers=stranger)).status_code == 403
    extra = {**answer, "members": [*answer["members"], "kuraattori-kaisa"]}
    for sneaked in (
        extra,
        {**answer, "outside_parties": ["police"]},
        {**answer, "given_by": "guardian"},
    ):
        refused = await client.post(decisions, json=sneaked, headers=GUARDIAN)
        assert refused.status_code == 409, refused.text
        assert refused.json()["rule"] == "§14"
        assert refused.json()["message"]
        assert refused.json()["instead"]

    async with TopicReader(ns.infra.bootstrap, ns.topic(CASES.name)) as reader:
        given = await client.post(decisions, json=answer, headers=GUARDIAN)
        assert given.status_code == 201, given.text
        assert given.json()["status"] == "consent_given"
        await reader.read_until(3)
    (told,) = [
        e for e in reader.events()
        if isinstance(e, CaseStepRecordedV1) and e.data.step == "consent_decision"
    ]  # fmt: skip
    assert (told.data.audience, told.data.involved) == ("responsible", ["psychologist-elias"])

    (after,) = (await client.get(FAMILY_CASES, headers=GUARDIAN)).json()
    assert after["consent_requests"] == []  # every item answered
    assert {i["item"]: i["decision"] for i in after["consent_items"]} == {
        "nurse-aino": "consented", "psychologist-elias": "consented", "youth-services": "refused",
    }  # fmt: skip
    record = (await client.get(f"{steps}/record", headers=GUARDIAN)).json()
    (kept,) = [e for e in record if e["kind"] == "consent_decision"]
    assert kept["content"]["refused"] == {"members": [], "outside_parties": ["youth-services"]}
    assert (kept["content"]["answered_by"], kept["content"]["form"]) == (
        "guardian-0001",
        "electronic",
    )
    assert kept["author"] == PSY  # entered by the professional who asked

    group = {"members": [PSY, NURSE], "responsible": "psychologist-elias"}
    with_party = await client.post(
        f"{steps}/expert-group",
        json={**group, "outside_parties": ["youth-services"]},
        headers=ELIAS,
    )
    assert with_party.status_code == 409, with_party.text
    assert with_party.json()["rule"] == "§14"
    assert "refused" in with_party.json()["message"]
    assert "leave them out" in with_party.json()["instead"]
    formed = await client.post(f"{steps}/expert-group", json=group, headers=ELIAS)
    assert formed.status_code == 201, formed.text
    staff_view = (await client.get(steps, headers=ELIAS)).json()
    assert ("youth-services", "refused") in {
        (i["item"], i["decision"]) for i in staff_view["consent_items"]
    }

    admin = bearer("admin-1", Role.ADMINISTRATOR)
    log = (await client.get("/access-log?actor=guardian-0001&limit=100", headers=admin)).json()
    seen = {(e["what"], e["basis"], e["outcome"]) for e in log}
    assert ("GET /students/{student_ref}/cases", "guardian", "granted") in seen
    lists = [e for e in log if e["what"] == "GET /students/{student_ref}/cases"]
    assert {e["register"] for e in lists} >= {"welfare"}  # the consents, in their own log
    assert ("POST /cases/{case_id}/consent-decisions", "guardian", "granted") in seen
    assert ("POST /cases/{case_id}/consent-decisions", "guardian", "refused_by_rule") in seen

    withdrawn = await client.post(f"{steps}/consent-withdrawals", json={}, headers=GUARDIAN)
    assert withdrawn.status_code == 201, withdrawn.text
    assert withdrawn.json()["status"] == "consent_withdrawn"


async def test_a_barred_or_held_case_is_not_even_listed_for_the_guardian(
    ns: Namespace, api: Api
) -> None:
    client, _ = api
    case_id = (await opened(client, ns, 1))["case_id"]
    steps = f"/cases/{case_id}"
    await client.post(f"{steps}/consent-requests", json=ASK, headers=ELIAS)
    bar = {"bars": ["confidential_data"], "reason": "the student asked for it",
           "assessment": "in the child's interest"}  # fmt: skip
    assert (await client.post(f"{steps}/guardian-bar", json=bar, headers=ELIAS)).status_code == 201
    barred = await client.get(FAMILY_CASES, headers=GUARDIAN)
    assert (barred.status_code, barred.json()) == (200, [])
    answer = {"members": ["nurse-aino"], "form": "electronic"}
    assert (
        await client.post(f"{steps}/consent-decisions", json=answer, headers=GUARDIAN)
    ).status_code == 403
    # The student still sees their own case, and only the requests asked of them.
    student = bearer("student-0001", Role.STUDENT, school_ids=["kallio-school"])
    (own,) = (await client.get(FAMILY_CASES, headers=student)).json()
    assert own["consent_requests"] == []  # asked of the guardian, not of the student

    # A raiser's hold on the guardian's notices: hidden from the guardian while it stands.
    await opened(client, ns, 2, student_ref="student-0002", guardian_must_not_be_told_yet=True)
    held = await client.get("/students/student-0002/cases", headers=bearer("guardian-0002"))
    assert (held.status_code, held.json()) == (200, [])


async def test_the_principal_sees_the_schools_caseload_unassigned_and_late_cases_only(
    ns: Namespace, api: Api
) -> None:
    client, settings = api
    store = Store.from_settings(settings)
    mikko = StaffMember("principal-mikko", Role.PRINCIPAL)
    await RosterRepository(store).put(Roster("metsa-school", (mikko,), students=120))
    late = await opened(
        client, ns, 1, student_ref="student-0002", raised_at=utc_now() - timedelta(days=40)
    )
    await produce_event(
        ns.infra.bootstrap, ns.topic(CONCERNS.name), concern_raised(school_id="metsa-school")
    )
    principal = bearer("principal-mikko", Role.PRINCIPAL, school_ids=["metsa-school"])

    async def nobody_leads() -> Any:
        view = (await client.get("/schools/metsa-school/caseload", headers=principal)).json()
        return view if view.get("unassigned") else None

    metsa = await eventually(nobody_leads)
    (unassigned,) = metsa["unassigned"]
    assert metsa["unassigned_cases"] == [unassigned["case_id"]]
    assert unassigned["profession"] == "psychologist"
    assert set(unassigned) == {
        "case_id",
        "opened_at",
        "discussion_due_on",
        "profession",
        "unassigned",
    }

    kallio = await client.get("/schools/kallio-school/caseload", headers=bearer("principal-paula"))
    assert kallio.status_code == 200, kallio.text
    (breached,) = kallio.json()["deadlines_breached"]
    assert (breached["case_id"], breached["discussion_due_on"]) == (
        late["case_id"], late["discussion_due_on"]
    )  # fmt: skip
    assert "student-0002" not in kallio.text
    assert "student_ref" not in kallio.text
    # Another school's principal, and staff who are not the principal: refused.
    for other in (bearer("principal-pekka"), bearer("psychologist-elias"), principal):
        assert (
            await client.get("/schools/kallio-school/caseload", headers=other)
        ).status_code == 403


async def test_the_kuraattori_finds_the_students_own_request_and_nobody_else_reads_her_list(
    ns: Namespace, smtp: SmtpServer
) -> None:
    async with running_services(ns, smtp) as services:
        intake, wg = services["intake"][0], services["welfare_group"][0]
        student = bearer("student-0001", Role.STUDENT, school_ids=["kallio-school"])
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=intake), base_url="http://intake", headers=student
        ) as client:
            asked = await client.post(
                "/students/student-0001/discussion-requests", json=discussion_request()
            )
            assert asked.status_code == 201, asked.text
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=wg), base_url="http://wg"
        ) as client:
            kaisa = bearer("kuraattori-kaisa")

            async def hers() -> Any:
                return (await client.get("/staff/kuraattori-kaisa/cases", headers=kaisa)).json()

            (case,) = await eventually(hers)
            assert case["discussion_due_on"] is not None
            assert case["discussion_requested_on"] is not None
            for other in ("psychologist-elias", "principal-paula", "kuraattori-kalle"):
                peek = await client.get("/staff/kuraattori-kaisa/cases", headers=bearer(other))
                assert peek.status_code == 403
            for family in (student, GUARDIAN):
                peek = await client.get("/staff/kuraattori-kaisa/cases", headers=family)
                assert peek.status_code == 403
