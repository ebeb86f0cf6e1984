"""Intake against the real broker and database: raise, refuse, follow the status."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import httpx
import pytest

from services.intake.adapters.concerns import ConcernRepository
from services.intake.bootstrap import build
from services.intake.settings import IntakeSettings
from shared.contracts import ConcernRaisedV1
from shared.runtime import ServiceRuntime
from shared.security import Role
from shared.topics import CASES, CONCERNS
from tests.factories import case_opened, raise_concern_request
from tests.support.directory import seed_directory
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, produce_event
from tests.support.waiting import eventually


@pytest.fixture
async def intake(ns: Namespace) -> AsyncIterator[tuple[httpx.AsyncClient, ServiceRuntime]]:
    settings = ns.settings(IntakeSettings, "intake", public_base_url="http://intake.test")
    await seed_directory(ns, "intake")
    app, runtime = build(settings)
    async with runtime.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://intake.test", headers=bearer("teacher-tiina")
        ) as client:
            yield client, runtime


async def test_a_raised_concern_is_stored_and_announced_without_its_narrative(
    ns: Namespace, intake: tuple[httpx.AsyncClient, ServiceRuntime]
) -> None:
    client, runtime = intake
    response = await client.post("/concerns", json=raise_concern_request(urgency="urgent"))

    assert response.status_code == 201
    accepted = response.json()
    assert accepted["status_url"] == f"http://intake.test/concerns/{accepted['concern_id']}/status"
    assert response.headers["location"] == accepted["status_url"]
    stored = await runtime.store.collection("concerns").find_one({"_id": accepted["concern_id"]})
    assert stored is not None
    assert "description" not in stored
    assert b"withdrawn" not in bytes(stored["sealed"])  # sealed with the concern's own key
    concerns = ConcernRepository(runtime.store, runtime.data_keys())
    concern = await concerns.get(UUID(accepted["concern_id"]))
    assert concern is not None
    assert concern.description.startswith("Has seemed withdrawn")
    assert concern.raised_by is not None
    assert concern.raised_by.staff_id == "teacher-tiina"  # from the token, not the body

    async with TopicReader(ns.infra.bootstrap, ns.topic(CONCERNS.name)) as reader:
        (record,) = await reader.read_until(1)
    assert b"withdrawn" not in record.value
    (event,) = reader.events()
    assert isinstance(event, ConcernRaisedV1)
    assert str(event.data.concern_id) == accepted["concern_id"]
    assert event.data.urgency == "urgent"
    assert record.key == b"student-0001"


BAD_INPUT: list[tuple[dict[str, Any], str]] = [
    ({"categories": []}, "categories"),
    ({"categories": ["discipline"]}, "categories.0"),
    ({"urgency": "someday"}, "urgency"),
    ({"student_ref": "131052-308T"}, "student_ref"),
    ({"description": "x" * 5001}, "description"),
    ({"favourite_colour": "blue"}, "favourite_colour"),
    ({"guardian_informed": True, "guardian_must_not_be_told_yet": True},
     "guardian_must_not_be_told_yet"),
    # §16.3: a hold on guardian notices needs its ground, from the list.
    ({"guardian_must_not_be_told_yet": True, "guardian_hold_ground": None},
     "guardian_hold_ground"),
    ({"guardian_must_not_be_told_yet": True, "guardian_hold_ground": "because"},
     "guardian_hold_ground"),
]  # fmt: skip


async def test_bad_input_gets_422_naming_each_field_and_nothing_is_stored(
    intake: tuple[httpx.AsyncClient, ServiceRuntime],
) -> None:
    client, runtime = intake
    for change, field in BAD_INPUT:
        response = await client.post("/concerns", json=raise_concern_request(**change))
        assert response.status_code == 422, change
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
        assert "131052-308T" not in response.text
    assert await runtime.store.collection("concerns").count_documents({}) == 0
    assert await runtime.outbox.pending() == 0


async def test_the_raiser_sees_the_concern_handed_to_the_welfare_group_and_no_more(
    ns: Namespace, intake: tuple[httpx.AsyncClient, ServiceRuntime]
) -> None:
    client, _ = intake
    accepted = (await client.post("/concerns", json=raise_concern_request())).json()
    status_path = f"/concerns/{accepted['concern_id']}/status"
    assert (await client.get(status_path)).json()["status"] == "received"

    await produce_event(ns.infra.bootstrap, ns.topic(CASES.name),
                        case_opened(concern_id=accepted["concern_id"]))  # fmt: skip

    async def handed_over() -> dict[str, Any] | None:
        view: dict[str, Any] = (await client.get(status_path)).json()
        return view if view["status"] == "with_welfare_group" else None

    view = await eventually(handed_over)
    assert view["handled_by_role"] == "psychologist"
    assert set(view) == {"concern_id", "status", "raised_at", "handed_over_at",
                         "handled_by_role", "history"}  # fmt: skip
    assert (
        await client.get("/concerns/9b2b8a52-3c1e-4d7e-9d55-5f1d7e0f0000/status")
    ).status_code == 403  # as for a concern someone else raised: an id reveals nothing


async def test_only_the_raiser_follows_a_concern_and_raising_is_rate_limited(
    ns: Namespace,
) -> None:
    settings = ns.settings(IntakeSettings, "intake", concern_rate_limit="3/minute")
    await seed_directory(ns, "intake")
    app, runtime = build(settings)
    async with runtime.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            teacher = bearer("teacher-tiina")
            answers = [
                await client.post("/concerns", json=raise_concern_request(), headers=teacher)
                for _ in range(4)
            ]
            assert [a.status_code for a in answers] == [201, 201, 201, 429]
            assert int(answers[3].headers["retry-after"]) > 0
            other = await client.post(
                "/concerns", json=raise_concern_request(), headers=bearer("nurse-aino")
            )
            assert other.status_code == 201  # the limit is per person

            status_path = f"/concerns/{answers[0].json()['concern_id']}/status"
            assert (await client.get(status_path, headers=teacher)).status_code == 200
            stranger = await client.get(status_path, headers=bearer("nurse-aino"))
            assert stranger.status_code == 403
            assert "raised" in stranger.json()["detail"]

            log = await client.get(
                "/access-log?actor=nurse-aino", headers=bearer("admin-1", Role.ADMINISTRATOR)
            )
            refused = [e for e in log.json() if not e["granted"]]
            assert [e["what"] for e in refused] == ["GET /concerns/{concern_id}/status"]
            assert refused[0]["student_ref"] == "student-0001"


async def test_a_body_over_the_limit_is_refused_before_it_is_read(
    intake: tuple[httpx.AsyncClient, ServiceRuntime],
) -> None:
    client, _ = intake
    huge = raise_concern_request(description="x" * 70_000)
    answer = await client.post("/concerns", json=huge)
    assert answer.status_code == 413
    assert "65536" in answer.json()["detail"]

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(80):
            yield b"x" * 1024

    streamed = await client.post("/concerns", content=chunks())
    assert streamed.status_code == 413


async def test_a_search_moment_outside_the_calendar_is_a_422_not_a_crash(
    intake: tuple[httpx.AsyncClient, ServiceRuntime],
) -> None:
    client, _ = intake
    admin = bearer("admin-1", Role.ADMINISTRATOR)
    answer = await client.get("/access-log?since=0001-01-01T00:00:00%2B14:00", headers=admin)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "query.since"
