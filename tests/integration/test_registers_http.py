"""Registers kept apart through the welfare group's HTTP API, against the real database:
each register's entries are sealed with its own key, the record shows a caller only the
registers they may see, and each register shown is logged in its own access log."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from services.welfare_group.bootstrap import build
from services.welfare_group.seed import seed
from services.welfare_group.settings import WelfareGroupSettings
from shared.runtime import ServiceRuntime
from shared.sealing import Unreadable
from shared.topics import CONCERNS
from tests.factories import concern_raised
from tests.support.directory import DEMO
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import produce_event
from tests.support.waiting import eventually

PSY = {"staff_id": "psychologist-elias", "role": "psychologist"}
TEACHER = {"staff_id": "teacher-tiina", "role": "teacher"}
Api = tuple[httpx.ASGITransport, ServiceRuntime, str]


@pytest.fixture
async def api(ns: Namespace) -> AsyncIterator[Api]:
    settings = ns.settings(WelfareGroupSettings, "welfare_group")
    await seed(DEMO, settings)
    app, runtime = build(settings)
    async with runtime.lifespan():
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern_raised())
        transport = httpx.ASGITransport(app=app)
        async with as_(transport, "psychologist-elias") as client:

            async def opened() -> list[dict[str, Any]]:
                return list((await client.get("/staff/psychologist-elias/cases")).json())

            (case,) = await eventually(opened)
        yield transport, runtime, case["case_id"]


def as_(transport: httpx.ASGITransport, subject: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=transport, base_url="http://wg.test", headers=bearer(subject)
    )


async def test_each_register_is_sealed_shown_and_logged_on_its_own(api: Api) -> None:
    transport, runtime, case_id = api
    async with as_(transport, "psychologist-elias") as psy:

        async def step(path: str, body: dict[str, Any]) -> None:
            response = await psy.post(f"/cases/{case_id}/{path}", json=body)
            assert response.status_code == 201, response.text

        await step("consent-requests", {"from": "student", "purpose": "expert group"})
        consent = {"given": True, "given_by": "student", "student_can_judge": True,
                   "capacity_reasons": "understands what the group would do",
                   "purpose": "expert group", "form": "written",
                   "members": ["psychologist-elias", "teacher-tiina"]}  # fmt: skip
        await step("consent-decisions", consent)
        await step("expert-group", {"members": [PSY, TEACHER], "responsible": PSY["staff_id"]})
        mine = (await psy.get(f"/cases/{case_id}/record")).json()
    assert [(e["kind"], e["register"]) for e in mine] == [
        ("case_opened", "health_care"),
        ("consent_requested", "health_care"),
        ("consent_decision", "welfare"),
        ("record_header", "welfare"),
        ("group_formed", "welfare"),
    ]
    assert {e["controller"] for e in mine} == {"education_provider", "wellbeing_services_county"}
    async with as_(transport, "teacher-tiina") as teacher:  # a member, not the county's
        theirs = (await teacher.get(f"/cases/{case_id}/record")).json()
        export = (await teacher.get("/students/student-0001/record")).json()
    assert [e["kind"] for e in theirs] == ["consent_decision", "record_header", "group_formed"]
    assert [e["register"] for e in export["cases"][0]["record"]] == ["welfare"] * 3

    entries = runtime.store.collection("record_entries")
    stored = await entries.find({"case_id": case_id}).sort("seq").to_list(None)
    keys = runtime.data_keys()
    welfare = await keys.sealer(f"welfare:{case_id}")
    assert welfare.open(stored[2]["content"])["given"] is True
    with pytest.raises(Unreadable):
        welfare.open(stored[0]["content"])  # the county's entry opens only with its own key
    # §20.4's header, from the seeded student register, sealed at rest there and here.
    assert welfare.open(stored[3]["content"])["identity_code"] == "150312A9018"
    assert mine[3]["content"]["guardians"][0]["name"] == "Testi Huoltaja-Yksi"
    for name in ("record_entries", "students", "cases"):
        async for document in runtime.store.collection(name).find({}):
            assert b"150312A9018" not in repr(document).encode(), name

    async with as_(transport, "guardian-0001") as guardian:  # published to the family
        family = (await guardian.get("/students/student-0001/record")).json()
        page = (await guardian.get("/students/student-0001/record.html")).text
    (their_case,) = family["cases"]
    assert {e["register"] for e in their_case["record"]} == {"welfare"}
    assert "Testi Oppilas-Yksi" in page
    assert "Demokunta" in page

    async with as_(transport, "admin-1") as admin:
        county_log = await admin.get(f"/access-log?record_id={case_id}&register=health_care")
        welfare_log = await admin.get(f"/access-log?record_id={case_id}&register=welfare")
    assert {e["actor"] for e in county_log.json()} == {"psychologist-elias"}
    readers = {"psychologist-elias", "teacher-tiina", "guardian-0001"}
    assert {e["actor"] for e in welfare_log.json()} == readers
