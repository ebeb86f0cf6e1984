"""The canary: distinctive personal strings go in through the API at every place free text
is accepted, the case is carried to closure, and then every log line, every message on
every topic, every email and every raw document in the three databases is searched for
them. The only place they may come out is the API, to those with a basis to see them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import bson
import httpx
import pytest

from shared.contracts import Role
from shared.storage import Store
from shared.topics import ALL_TOPICS
from tests.factories import (
    CONSENTED_GROUP_STEPS,
    GROUP_MEMBERS,
    contact_request,
    day_ahead,
    discussion_request,
    moment_ahead,
    raise_concern_request,
)
from tests.support.case_api import CaseClient, get_json
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader
from tests.support.smtp import SmtpServer
from tests.support.stack import Stack, stack
from tests.support.waiting import eventually

__all__ = ["stack"]

pytestmark = pytest.mark.e2e

CANARIES = {
    "narrative": "Veera Kanarialintu 150309A9876 sleeps in the stairwell",
    "views": "Kanarialintu-views: afraid of her stepfather Pekka",
    "wishes": "Kanarialintu-wishes: talk only to the nurse",
    "handling": "Kanarialintu-handling: Pekka Kanarialintu to be heard",
    "measure": "Kanarialintu-measure: lunch-time talks with Aino",
    "disclosed": "Kanarialintu-what: the plan of measures",
    "progress": "Kanarialintu-progress: sleeping at home again",
    "closing": "Kanarialintu-closing: support no longer needed",
    "capacity": "Kanarialintu-capacity: too young, says her teacher Pekka",
    "background": "Kanarialintu-background: the divorce of Veera's parents",
}
# Free text that stays in intake: the student's own request and another person's contact.
IN_INTAKE = {
    "request": "Kanarialintu-request: I cannot sleep since the divorce",
    "caller": "Kanarialintu-caller: youth worker Sanna Kanarialintu called",
}
NEEDLE = b"Kanarialintu"


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as http:
        yield http


async def test_no_personal_string_leaves_the_api_for_logs_topics_email_or_disk(
    ns: Namespace, stack: Stack, smtp: SmtpServer, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    for service in stack.services:  # the most talkative level: nothing may slip through it
        service.process.env = {**service.process.env, "LOG_LEVEL": "DEBUG"}
    await stack.start()
    raised = await client.post(
        f"{stack.intake.url}/concerns",
        json=raise_concern_request(description=CANARIES["narrative"]),
        headers=bearer("teacher-tiina"),
    )
    assert raised.status_code == 201
    mine = f"{stack.welfare_group.url}/staff/psychologist-elias/cases"
    (opened,) = await eventually(lambda: get_json(client, mine, "psychologist-elias"))
    case = CaseClient(client, stack.welfare_group.url, opened["case_id"])
    await _carry_to_closure(case)
    student = bearer("student-0001", Role.STUDENT, school_ids=["kallio-school"])
    asked = discussion_request(text=IN_INTAKE["request"])
    own = f"{stack.intake.url}/students/student-0001/discussion-requests"
    assert (await client.post(own, json=asked, headers=student)).status_code == 201
    contact = contact_request(caller_description=IN_INTAKE["caller"])
    recorded = await client.post(
        f"{stack.intake.url}/contacts", json=contact, headers=bearer("teacher-tiina")
    )
    assert recorded.status_code == 201, recorded.text

    record = str(await case.view("/record"))
    assert all(text in record for key, text in CANARIES.items() if key != "narrative")
    await eventually(lambda: len(smtp.sink.received) >= 6, timeout=20)
    for service in stack.services:
        service.stop()  # flush and close every log

    hits = [
        *_logs_with_needle(tmp_path),
        *(f"email to {m['To']}" for m in smtp.sink.received if NEEDLE in m.as_bytes()),
        *[f"topic {t}" for t in await _topics_with_needle(ns)],
        *[f"database {d}" for d in await _documents_with_needle(ns)],
    ]
    assert hits == []


async def _carry_to_closure(case: CaseClient) -> None:
    for step, body in CONSENTED_GROUP_STEPS:
        if step == "consent-decisions":
            body = {**body, "capacity_reasons": CANARIES["capacity"]}
        if step == "expert-group":
            body = {**body, "background": CANARIES["background"]}
            body["background_shared_with_raiser"] = True
        await case.step(step, body)
    await case.step("student-views", {"views": CANARIES["views"], "wishes": CANARIES["wishes"]})
    group = GROUP_MEMBERS
    await case.step("meetings", {"on": moment_ahead(40, "12:00:00+02:00"), "attendees": group})
    (meeting,) = (await case.view())["meetings"]
    await case.step(
        f"meetings/{meeting['meeting_id']}/held",
        {"attendees": group, "handling": CANARIES["handling"]},
    )
    await case.step("measures", {"measures": [{
        "kind": "support_discussions", "description": CANARIES["measure"],
        "carried_out_by": "psychologist-elias", "followed_up_by": "nurse-aino",
        "review_on": day_ahead(60),
    }]})  # fmt: skip
    await case.step("disclosures", {
        "to": "kallio-health-centre", "what": CANARIES["disclosed"],
        "data": "plan_of_measures", "statute": "1287/2013-23",
    })  # fmt: skip
    await case.step("reviews", {
        "outcome": "close", "progress": CANARIES["progress"],
        "closing_reason": CANARIES["closing"],
    })  # fmt: skip


def _logs_with_needle(logs: Path) -> list[str]:
    return [f"log {p.name}" for p in logs.rglob("*.log") if NEEDLE in p.read_bytes()]


async def _topics_with_needle(ns: Namespace) -> list[str]:
    found = []
    for topic in ALL_TOPICS:
        async with TopicReader(ns.infra.bootstrap, ns.topic(topic.name)) as reader:
            records = await reader.settle(quiet=1.0)
        if any(NEEDLE in (r.value or b"") + (r.key or b"") for r in records):
            found.append(topic.name)
    return found


async def _documents_with_needle(ns: Namespace) -> list[str]:
    found = []
    for service in ("intake", "welfare_group", "notifications"):
        store = Store(ns.infra.mongo_uri, ns.database(service))
        try:
            for name in await store.collection_names():
                async for document in store.collection(name).find({}):
                    if NEEDLE in bson.encode(document):
                        found.append(f"{service}.{name}")
        finally:
            store.close()
    return sorted(set(found))
