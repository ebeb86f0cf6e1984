"""Issue 12's eight findings, each tried again as the attacker did, against the real broker
and database with the three services in this process. Each failed on the code before it.

The pure rules behind them (takeover, the guardian hold, date bounds) are in
tests/unit/test_closed_holes.py; the Kafka ACLs are checked in tests/test_compose.py.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.intake.adapters.schools import SchoolDirectory
from services.notifications.adapters.directory import Directory
from services.welfare_group.adapters.schools import RosterRepository
from services.welfare_group.domain.routing import Roster
from shared.contracts import CasePurgedData, CasePurgedV1, StaffMember, utc_now
from shared.runtime import ServiceRuntime
from shared.security import Role
from shared.topics import CASES, CONCERNS, DEAD_LETTERS
from tests.factories import (
    CONSENTED_GROUP_STEPS,
    case_opened,
    concern_raised,
    moment_ahead,
    raise_concern_request,
)
from tests.support.identity import bearer
from tests.support.in_process import running_services
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, header, produce_event
from tests.support.smtp import SmtpServer
from tests.support.waiting import eventually

Services = dict[str, tuple[FastAPI, ServiceRuntime]]
ELIAS, ADMIN = bearer("psychologist-elias"), bearer("admin-1")


@pytest.fixture
async def services(ns: Namespace, smtp: SmtpServer) -> AsyncIterator[Services]:
    async with running_services(ns, smtp) as running:
        yield running


def client(services: Services, name: str, auth: dict[str, str]) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=services[name][0])
    return httpx.AsyncClient(transport=transport, base_url=f"http://{name}", headers=auth)


async def raise_concern(services: Services, auth: dict[str, str], **body: Any) -> httpx.Response:
    async with client(services, "intake", auth) as intake:
        return await intake.post("/concerns", json=raise_concern_request(**body))


async def get(services: Services, name: str, auth: dict[str, str], path: str) -> Any:
    async with client(services, name, auth) as http:
        return (await http.get(path)).json()


async def only_case(services: Services, staff_id: str) -> dict[str, Any]:
    mine = f"/staff/{staff_id}/cases"
    (case,) = await eventually(lambda: get(services, "welfare_group", bearer(staff_id), mine))
    return dict(case)


async def test_1_another_schools_staff_cannot_reach_or_tighten_a_case(services: Services) -> None:
    first = await raise_concern(services, bearer("teacher-tiina"), student_ref="student-0002")
    assert first.status_code == 201
    before = await only_case(services, "psychologist-elias")
    intruder = bearer("intruder-1", Role.TEACHER)  # a staff token that names no school
    urgent_bar = {"student_ref": "student-0002", "urgency": "urgent",
                  "guardian_must_not_be_told_yet": True}  # fmt: skip

    unknown = await raise_concern(services, intruder, school_id="some-other-school", **urgent_bar)
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["school_id"]
    foreign = await raise_concern(services, intruder, **urgent_bar)
    assert foreign.status_code == 403
    assert "kallio-school" in foreign.json()["detail"]
    tuomas = bearer("teacher-tuomas")  # a teacher at the provider's other school
    assert (await raise_concern(services, tuomas, **urgent_bar)).status_code == 403
    at_toolo = await raise_concern(services, tuomas, school_id="toolo-school",
                                   categories=["family_situation"], **urgent_bar)  # fmt: skip
    assert at_toolo.status_code == 201

    # The student who is also at Töölö gets a case there; Kallio's is as it was.
    toolo_case = await only_case(services, "kuraattori-kalle")
    assert toolo_case["school_id"] == "toolo-school"
    after = await get(services, "welfare_group", ELIAS, f"/cases/{before['case_id']}")
    for unchanged in ("discussion_due_on", "urgency", "concern_ids", "guardian_may_be_notified"):
        assert after[unchanged] == before[unchanged], unchanged
    assert after["guardian_notice_hold"] is None


async def test_1_a_raisers_hold_on_a_case_is_a_request_the_lead_lifts_visibly(
    services: Services,
) -> None:
    await raise_concern(services, bearer("teacher-tiina"), student_ref="student-0002")
    case = await only_case(services, "psychologist-elias")
    held = await raise_concern(
        services,
        bearer("special-teacher-onni"),
        student_ref="student-0002",
        guardian_must_not_be_told_yet=True,
    )
    assert held.status_code == 201  # fmt: skip
    path = f"/cases/{case['case_id']}"

    async def requested() -> Any:
        view = await get(services, "welfare_group", ELIAS, path)
        return view if view["guardian_notice_hold"] == "requested" else None

    assert not (await eventually(requested))["guardian_may_be_notified"]
    guardian, own_log = bearer("guardian-0002"), "/students/student-0002/access-log"
    async with client(services, "intake", guardian) as intake:
        assert (await intake.get(own_log)).status_code == 403  # not told yet: not even this
    async with client(services, "welfare_group", ELIAS) as wg:
        lifted = await wg.post(
            f"{path}/guardian-hold-decisions",
            json={"keep": False, "ground": "The family already knows."},
        )
        assert lifted.status_code == 201, lifted.text  # fmt: skip
        view = (await wg.get(path)).json()
        record = (await wg.get(f"{path}/record")).json()
    assert view["guardian_notice_hold"] is None
    assert view["guardian_may_be_notified"]
    assert record[-1]["kind"] == "guardian_hold_lifted"
    assert record[-2]["content"]["guardian_hold_requested"] is True
    async with client(services, "intake", guardian) as intake:

        async def told() -> bool:
            return (await intake.get(own_log)).status_code == 200

        await eventually(told)  # intake follows the case: lifted there, lifted here
    async with client(services, "welfare_group", ELIAS) as wg:
        bar = {
            "bars": ["participation", "confidential_data"],
            "reason": "The student asks it.",
            "assessment": "In the student's interest.",
        }
        assert (await wg.post(f"{path}/guardian-bar", json=bar)).status_code == 201
    async with client(services, "intake", guardian) as intake:

        async def barred() -> bool:
            return (await intake.get(own_log)).status_code == 403

        await eventually(barred)  # and a §18 bar set later shuts intake's log too


async def test_1_the_raisers_status_shows_nothing_of_a_case_that_was_there_before(
    services: Services,
) -> None:
    await raise_concern(services, bearer("teacher-tiina"))  # mental health: the psychologist
    await only_case(services, "psychologist-elias")
    onni = bearer("special-teacher-onni")
    views = []
    for student in ("student-0001", "student-0003"):  # the first has a case, the second not
        raised = await raise_concern(services, onni, student_ref=student,
                                     categories=["attendance"])  # fmt: skip
        status = f"/concerns/{raised.json()['concern_id']}/status"

        async def handed_over(status: str = status) -> Any:
            view = await get(services, "intake", onni, status)
            return view if view["status"] == "with_welfare_group" else None

        views.append(await eventually(handed_over))
    linked, opened = views
    assert linked["handled_by_role"] == opened["handled_by_role"] == "kuraattori"
    assert set(linked) == set(opened)


async def test_2_no_case_is_parked_with_nobody_and_an_unknown_school_opens_none(
    ns: Namespace, services: Services
) -> None:
    forged = concern_raised(student_ref="student-0004", school_id="kallio-schol")  # a typo
    async with TopicReader(ns.infra.bootstrap, ns.topic(DEAD_LETTERS.name)) as dead:
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), forged)
        (letter,) = await dead.read_until(1)
    assert header(letter, "dead-letter-reason") == "unknown_school"
    # A school whose roster names no nurse, psychologist or kuraattori (yet).
    wg_store, intake_store = services["welfare_group"][1].store, services["intake"][1].store
    await SchoolDirectory(intake_store).put("metsa-school")
    principal = StaffMember("principal-maija", Role.PRINCIPAL)
    await RosterRepository(wg_store).put(Roster("metsa-school", (principal,)))
    await Directory(services["notifications"][1].store).put_staff(
        "principal-maija", {"school_id": "metsa-school", "role": "principal", "channels": ["inbox"]}
    )
    teacher = bearer("teacher-mia", Role.TEACHER, school_ids=["metsa-school"])
    raised = await raise_concern(services, teacher, student_ref="student-0004",
                                 school_id="metsa-school", urgency="urgent")  # fmt: skip
    assert raised.status_code == 201
    maija = bearer("principal-maija", Role.PRINCIPAL, school_ids=["metsa-school"])

    async def escalated(person: str, auth: dict[str, str]) -> Any:
        inbox = await get(services, "notifications", auth, f"/people/{person}/inbox")
        return [i for i in inbox if i["urgent"]]

    (item,) = await eventually(lambda: escalated("principal-maija", maija))
    await eventually(lambda: escalated("admin-1", ADMIN))
    caseload = await get(services, "welfare_group", maija, "/schools/metsa-school/caseload")
    (case_id,) = caseload["unassigned_cases"]
    assert case_id == item["case_id"]
    async with client(services, "welfare_group", maija) as wg:
        seen = (await wg.get(f"/cases/{case_id}")).json()
        assert seen["unassigned"] is True
        assert (await wg.get(f"/cases/{case_id}/record")).status_code == 403  # not its record
        nurse = {"staff_id": "nurse-ulla", "role": "nurse"}
        refused = await wg.post(f"/cases/{case_id}/responsible", json=nurse)
        assert refused.status_code == 409  # not on the roster
        await RosterRepository(wg_store).put(
            Roster("metsa-school", (principal, StaffMember("nurse-ulla", Role.NURSE)))
        )
        assigned = await wg.post(f"/cases/{case_id}/responsible", json=nurse)
        assert assigned.status_code == 201, assigned.text
        assert (await wg.get(f"/cases/{case_id}")).status_code == 403  # led now: not hers
    ulla = bearer("nurse-ulla", Role.NURSE, school_ids=["metsa-school"])
    assert (await get(services, "welfare_group", ulla, f"/cases/{case_id}"))["responsible"] == nurse


async def test_3_a_former_member_cannot_take_the_case_over(services: Services) -> None:
    await raise_concern(services, bearer("teacher-tiina"))
    case_id = (await only_case(services, "psychologist-elias"))["case_id"]
    nurse = bearer("nurse-aino")
    async with client(services, "welfare_group", ELIAS) as wg:
        for step, body in [*CONSENTED_GROUP_STEPS, ("consent-withdrawals", {})]:
            assert (await wg.post(f"/cases/{case_id}/{step}", json=body)).status_code == 201
        again = {**CONSENTED_GROUP_STEPS[1][1], "members": ["nurse-aino"]}
        assert (await wg.post(f"/cases/{case_id}/consent-decisions", json=again)).status_code == 201
    async with client(services, "welfare_group", nurse) as wg:
        takeover = {"members": [{"staff_id": "nurse-aino", "role": "nurse"}],
                    "responsible": "nurse-aino"}  # fmt: skip
        assert (await wg.post(f"/cases/{case_id}/expert-group", json=takeover)).status_code == 403
    view = await get(services, "welfare_group", ELIAS, f"/cases/{case_id}")
    assert view["responsible"]["staff_id"] == "psychologist-elias"
    assert [m["staff_id"] for m in view["group"]] == ["psychologist-elias"]


async def test_4_events_that_cannot_be_their_producers_are_dead_lettered(
    ns: Namespace, services: Services
) -> None:
    raised = await raise_concern(services, bearer("teacher-tiina"))
    concern_id = uuid.UUID(raised.json()["concern_id"])
    case_id = uuid.UUID((await only_case(services, "psychologist-elias"))["case_id"])
    claims_intake = concern_raised(student_ref="student-0005").model_copy(
        update={"producer": "notifications"}
    )
    wrong_topic = case_opened(student_ref="student-0005")
    erasure = CasePurgedV1.first(
        producer="intake", partition_key="student-0001",
        data=CasePurgedData(case_id=case_id, concern_ids=[concern_id], retention="closed_case",
                            closed_at=utc_now(), purged_at=utc_now()),
    )  # fmt: skip
    async with TopicReader(ns.infra.bootstrap, ns.topic(DEAD_LETTERS.name)) as dead:
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), claims_intake)
        await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), wrong_topic)
        await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), erasure)
        # Each by every consumer of its topic: the forged erasure by all three of the cases'.
        letters = await dead.read_until(7)
    refused = sorted(
        (str(header(r, "dead-letter-consumer")), str(header(r, "dead-letter-reason")))
        for r in letters
    )
    assert refused == sorted(
        [
            *[(c, "foreign_producer") for c in ("welfare_group", "communal")],  # the concern
            *[(c, "wrong_topic") for c in ("welfare_group", "communal")],  # a case event
            *[(c, "foreign_producer") for c in ("intake", "notifications", "communal")],
        ]
    )
    assert (
        await services["intake"][1].store.collection("concerns").find_one({"_id": str(concern_id)})
    )
    mine = await get(services, "welfare_group", ELIAS, "/staff/psychologist-elias/cases")
    assert [c["student_ref"] for c in mine] == ["student-0001"]  # no case from the forgery


async def test_5_whether_a_student_has_a_case_is_answered_alike_and_logged(
    services: Services,
) -> None:
    await raise_concern(services, bearer("teacher-tiina"))
    await only_case(services, "psychologist-elias")
    kaisa = bearer("kuraattori-kaisa")
    async with client(services, "welfare_group", kaisa) as wg:
        has_case = await wg.get("/students/student-0001/record")
        no_case = await wg.get("/students/student-0077/record")
    assert has_case.status_code == no_case.status_code == 403
    assert has_case.json() == no_case.json()
    guardian = bearer("guardian-0002")
    nothing = await get(services, "welfare_group", guardian, "/students/student-0002/record")
    assert nothing["cases"] == []
    log = await get(services, "welfare_group", ADMIN, "/access-log?limit=1000")
    refused = {(e["actor"], e["student_ref"], e["outcome"]) for e in log if not e["granted"]}
    assert ("kuraattori-kaisa", "student-0001", "refused") in refused
    assert ("kuraattori-kaisa", "student-0077", "refused") in refused
    assert ("guardian-0002", "student-0002", "refused") in refused


async def test_6_a_flood_of_concerns_about_one_student_tells_the_lead_once_per_round(
    services: Services,
) -> None:
    await raise_concern(services, bearer("teacher-tiina"))
    case_id = (await only_case(services, "psychologist-elias"))["case_id"]
    for person in ("teacher-tiina", "special-teacher-onni", "principal-paula") * 2:
        assert (await raise_concern(services, bearer(person))).status_code == 201
    urgent = await raise_concern(services, bearer("special-teacher-onni"), urgency="urgent")
    assert urgent.status_code == 201

    async def all_linked() -> Any:
        view = await get(services, "welfare_group", ELIAS, f"/cases/{case_id}")
        return view if len(view["concern_ids"]) == 8 else None

    await eventually(all_linked)
    inbox_path = "/people/psychologist-elias/inbox"

    async def told_of_the_earlier_deadline() -> Any:
        inbox = await get(services, "notifications", ELIAS, inbox_path)
        return inbox if len(inbox) >= 2 else None

    inbox = await eventually(told_of_the_earlier_deadline)
    # Once for the case, once for the concern that moved its deadline; not 8 times.
    assert len(inbox) == 2
    assert inbox[0]["urgent"]


async def test_7_and_8_dates_are_bounded_and_the_log_records_what_became_of_each_write(
    services: Services,
) -> None:
    await raise_concern(services, bearer("teacher-tiina"))
    case_id = (await only_case(services, "psychologist-elias"))["case_id"]
    async with client(services, "welfare_group", ELIAS) as wg:
        steps = f"/cases/{case_id}"
        for step, body in CONSENTED_GROUP_STEPS:
            assert (await wg.post(f"{steps}/{step}", json=body)).status_code == 201
        attendees = [{"staff_id": "psychologist-elias", "role": "psychologist"}]
        ancient = await wg.post(
            f"{steps}/meetings", json={"on": "0001-01-01T00:00:00+14:00", "attendees": attendees}
        )
        assert ancient.status_code == 422  # fmt: skip
        assert [e["field"] for e in ancient.json()["errors"]] == ["on"]
        future = await wg.post(f"{steps}/discussion-offers", json={"offered_on": "9999-12-31"})
        assert future.status_code == 422
        soon = {"on": moment_ahead(7), "attendees": attendees}
        assert (await wg.post(f"{steps}/meetings", json=soon)).status_code == 201
        assert (await wg.post(f"{steps}/closure", json={"reason": ""})).status_code == 422
        assert (await wg.post(f"{steps}/reviews", json={"outcome": "close",
                "progress": "done"})).status_code == 409  # fmt: skip
    log = await get(services, "welfare_group", ADMIN, f"/access-log?record_id={case_id}")
    writes = [(e["what"].rsplit("/", 1)[-1], e["outcome"], e["granted"])
              for e in log if e["action"] == "write"]  # fmt: skip
    assert ("closure", "invalid_request", False) in writes
    assert ("closure", "granted", True) not in writes  # the case is open: no closure logged
    assert ("reviews", "refused_by_rule", False) in writes
    assert ("meetings", "invalid_request", False) in writes
    assert ("meetings", "granted", True) in writes
    refused_by_rule = next(e for e in log if e["outcome"] == "refused_by_rule")
    assert refused_by_rule["detail"] == "case lifecycle"
