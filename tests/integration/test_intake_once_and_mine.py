"""Intake for the web app, against the real broker and database: a concern sent twice with
its Idempotency-Key is raised once (even when the twins race), and a staff member lists
their own concerns, and nobody else's."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from services.intake.bootstrap import build
from services.intake.settings import IntakeSettings
from shared.outbox import OUTBOX
from shared.runtime import ServiceRuntime
from shared.security import Role
from shared.topics import CASES
from tests.factories import case_opened, raise_concern_request
from tests.support.directory import seed_directory
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import produce_event
from tests.support.waiting import eventually

TIINA, AINO = bearer("teacher-tiina"), bearer("nurse-aino")
ADMIN = bearer("admin-1", Role.ADMINISTRATOR)


@asynccontextmanager
async def running(
    ns: Namespace, limit: str = "20/minute"
) -> AsyncIterator[tuple[httpx.AsyncClient, ServiceRuntime]]:
    settings = ns.settings(
        IntakeSettings, "intake", public_base_url="http://intake.test", concern_rate_limit=limit
    )
    await seed_directory(ns, "intake")
    app, runtime = build(settings)
    async with runtime.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            yield client, runtime


@pytest.fixture
async def intake(ns: Namespace) -> AsyncIterator[tuple[httpx.AsyncClient, ServiceRuntime]]:
    async with running(ns) as service:
        yield service


def keyed(key: str, who: dict[str, str] = TIINA) -> dict[str, str]:
    return {**who, "Idempotency-Key": key}


async def counts(runtime: ServiceRuntime) -> tuple[int, int]:
    """Concerns kept, events written (published ones stay in the outbox a while)."""
    concerns = await runtime.store.collection("concerns").count_documents({})
    return concerns, await runtime.store.collection(OUTBOX).count_documents({})


async def test_twins_sent_at_once_raise_one_concern_and_one_event(
    intake: tuple[httpx.AsyncClient, ServiceRuntime],
) -> None:
    client, runtime = intake
    body = raise_concern_request()
    for round_ in range(1, 6):
        key = keyed(f"click-{round_}")
        triplets = await asyncio.gather(*(client.post("/concerns", json=body, headers=key)
                                          for _ in range(3)))  # fmt: skip
        assert sorted(t.status_code for t in triplets) == [200, 200, 201], [
            t.text for t in triplets
        ]
        assert len({t.text for t in triplets}) == 1  # the same concern_id and status_url
        assert len({t.headers["location"] for t in triplets}) == 1
        assert await counts(runtime) == (round_, round_)


async def test_a_replay_is_not_counted_against_the_limit(ns: Namespace) -> None:
    async with running(ns, limit="2/hour") as (client, runtime):
        body = raise_concern_request()
        answers = [await client.post("/concerns", json=body, headers=keyed("once"))
                   for _ in range(4)]  # fmt: skip
        assert [a.status_code for a in answers] == [201, 200, 200, 200]
        second = await client.post("/concerns", json=body, headers=keyed("twice"))
        assert second.status_code == 201
        third = await client.post("/concerns", json=body, headers=keyed("thrice"))
        assert third.status_code == 429
        assert (await client.post("/concerns", json=body, headers=keyed("once"))).status_code == 200
        assert await counts(runtime) == (2, 2)


async def test_a_key_is_the_raisers_own_and_reused_for_another_concern_is_409(
    intake: tuple[httpx.AsyncClient, ServiceRuntime],
) -> None:
    client, runtime = intake
    tiinas = await client.post("/concerns", json=raise_concern_request(), headers=keyed("k-1"))
    assert tiinas.status_code == 201

    # Aino replays Tiina's key (and body): she raises her own concern, and learns nothing.
    ainos = await client.post("/concerns", json=raise_concern_request(), headers=keyed("k-1", AINO))
    assert ainos.status_code == 201
    assert ainos.json()["concern_id"] != tiinas.json()["concern_id"]
    assert tiinas.json()["concern_id"] not in ainos.text
    stranger = await client.get(tiinas.json()["status_url"].removeprefix("http://intake.test"),
                                headers=AINO)  # fmt: skip
    assert stranger.status_code == 403

    other = raise_concern_request(urgency="urgent")
    reused = await client.post("/concerns", json=other, headers=keyed("k-1"))
    assert reused.status_code == 409
    assert reused.json() == {
        "detail": "This Idempotency-Key was used for another concern; "
        "send a new key for a new concern."
    }
    assert await counts(runtime) == (2, 2)

    log = (await client.get("/access-log?actor=teacher-tiina", headers=ADMIN)).json()
    posts = [(e["outcome"], e["detail"]) for e in log if e["what"] == "POST /concerns"]
    assert posts == [("refused_by_rule", "Idempotency-Key reused"), ("granted", None)]


@pytest.mark.parametrize("key", ["", "with space", "a/b", "x" * 101])
async def test_a_malformed_key_is_a_422_naming_the_header_and_nothing_is_raised(
    intake: tuple[httpx.AsyncClient, ServiceRuntime], key: str
) -> None:
    client, runtime = intake
    answer = await client.post("/concerns", json=raise_concern_request(), headers=keyed(key))
    assert answer.status_code == 422
    (error,) = answer.json()["errors"]
    assert error["field"] == "header.Idempotency-Key"
    assert "1 to 100 characters" in error["message"]
    assert await counts(runtime) == (0, 0)


async def test_a_staff_member_lists_their_own_concerns_newest_first_and_no_narrative(
    ns: Namespace, intake: tuple[httpx.AsyncClient, ServiceRuntime]
) -> None:
    client, _ = intake
    raised = []
    for student in ("student-0001", "student-0002", "student-0003"):
        body = raise_concern_request(student_ref=student)
        raised.append(
            (await client.post("/concerns", json=body, headers=TIINA)).json()["concern_id"]
        )
    await client.post("/concerns", json=raise_concern_request(), headers=AINO)
    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name),
                        case_opened(concern_id=raised[0]))  # fmt: skip

    async def handed_over() -> list[dict[str, Any]] | None:
        mine: list[dict[str, Any]] = (await client.get("/concerns", headers=TIINA)).json()
        return mine if mine[-1]["status"] == "with_welfare_group" else None

    mine = await eventually(handed_over)
    assert [c["concern_id"] for c in mine] == raised[::-1]
    assert set(mine[0]) == {"concern_id", "student_ref", "school_id", "categories", "urgency",
                            "raised_at", "status", "handed_over_at", "handled_by_role",
                            "history"}  # fmt: skip
    assert mine[0]["student_ref"] == "student-0003"
    assert (mine[0]["status"], mine[-1]["handled_by_role"]) == ("received", "psychologist")
    text = (await client.get("/concerns", headers=TIINA)).text
    assert "withdrawn" not in text

    two = (await client.get("/concerns?limit=2", headers=TIINA)).json()
    assert [c["concern_id"] for c in two] == raised[:0:-1]
    for limit in ("0", "201", "many"):
        assert (await client.get(f"/concerns?limit={limit}", headers=TIINA)).status_code == 422

    # Attackers: another teacher sees none of them, the family may not ask at all.
    assert (await client.get("/concerns", headers=bearer("special-teacher-onni"))).json() == []
    assert len((await client.get("/concerns", headers=AINO)).json()) == 1
    for family in (bearer("guardian-0001"), bearer("student-0001", Role.STUDENT)):
        assert (await client.get("/concerns", headers=family)).status_code == 403

    # Each concern shown is in the log, where the student's own log and a search by the
    # concern find it; the look itself is there too, even an empty one.
    log = (await client.get(f"/access-log?record_id={raised[1]}", headers=ADMIN)).json()
    listed = [e for e in log if e["what"] == "GET /concerns"]
    assert {(e["actor"], e["basis"], e["student_ref"], e["granted"]) for e in listed} == {
        ("teacher-tiina", "raiser", "student-0002", True)
    }
    onni = (await client.get("/access-log?actor=special-teacher-onni", headers=ADMIN)).json()
    assert [(e["what"], e["record_id"]) for e in onni] == [("GET /concerns", None)]
