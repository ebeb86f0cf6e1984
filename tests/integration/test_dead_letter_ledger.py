"""Dead letters handled, not only stored: the ledger, its filters, reveal, replay and
discard, on a small consuming service against the real broker and database."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from shared.contracts import ConcernRaisedV1, Role
from shared.dead_letter_ledger.http import dead_letter_routes
from shared.http import create_app
from shared.runtime import ServiceRuntime
from shared.security.policy import DEAD_LETTER_RULES
from shared.settings import ServiceSettings
from shared.topics import CONCERNS, DEAD_LETTERS
from shared.unit_of_work import UnitOfWork
from tests.factories import concern_raised
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import TopicReader, header, produce, produce_event
from tests.support.waiting import eventually

ADMIN = bearer("admin-1", Role.ADMINISTRATOR)
REASON = {"reason": "INC-42: the handler bug is fixed in 1.4.2"}


@dataclass
class Probe:
    """A service consuming concerns whose handler has a bug until ``fixed`` is set."""

    runtime: ServiceRuntime
    http: httpx.AsyncClient
    ns: Namespace
    fixed: bool = False
    calls: list[str] = field(default_factory=list)

    async def effects(self) -> int:
        return int(await self.runtime.store.collection("effects").count_documents({}))

    async def listing(self, **query: str) -> dict[str, Any]:
        answer = await self.http.get("/dead-letters", params=query, headers=ADMIN)
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result

    async def entry(self, entry_id: str) -> dict[str, Any]:
        answer = await self.http.get(f"/dead-letters/{entry_id}", headers=ADMIN)
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result

    async def replay(self, body: dict[str, Any]) -> dict[str, Any]:
        answer = await self.http.post("/dead-letters/replay", json=REASON | body, headers=ADMIN)
        assert answer.status_code == 202, answer.text
        result: dict[str, Any] = answer.json()
        return result

    async def outcome(self, entry_id: str, attempt: int) -> str | None:
        attempts = (await self.entry(entry_id))["attempts"]
        found = [a["outcome"] for a in attempts if a["n"] == attempt]
        return found[0] if found and found[0] != "pending" else None

    async def produce(self, value: bytes) -> None:
        await produce(self.ns.infra.bootstrap, self.ns.topic(CONCERNS.name), value, key=b"s-1")


@pytest.fixture
async def probe(ns: Namespace) -> AsyncIterator[Probe]:
    async with _probe(ns) as running:
        yield running


@asynccontextmanager
async def _probe(ns: Namespace) -> AsyncIterator[Probe]:
    settings = ns.settings(
        ServiceSettings, "probe", consumer_max_attempts=2, consumer_retry_backoff_s=0.01
    )
    runtime = ServiceRuntime(settings, service="probe")

    async def handler(event: ConcernRaisedV1, unit: UnitOfWork) -> None:
        running.calls.append(str(event.event_id))
        if not running.fixed:
            raise RuntimeError("the bug")
        await runtime.store.collection("effects").insert_one(
            {"event": str(event.event_id)}, session=unit.transaction
        )

    runtime.consume(CONCERNS, {ConcernRaisedV1: handler}, runtime.transact)
    app = create_app(runtime, title="Probe", description="A consumer with a bug.")
    runtime.gate.cover(DEAD_LETTER_RULES)
    app.include_router(dead_letter_routes(runtime))
    transport = httpx.ASGITransport(app=app)
    async with (
        runtime.lifespan(),
        httpx.AsyncClient(transport=transport, base_url="http://probe") as http,
    ):
        running = Probe(runtime, http, ns)
        yield running


async def _dead_lettered(probe: Probe, count: int) -> list[dict[str, Any]]:
    listed = await eventually(lambda: _at_least(probe, count), timeout=20)
    entries: list[dict[str, Any]] = listed["entries"]
    return entries


async def _outcome(probe: Probe, entry_id: str, attempt: int) -> str:
    """The attempt's outcome once the replay has been consumed."""
    outcome: str = await eventually(lambda: probe.outcome(entry_id, attempt), timeout=20)
    return outcome


async def _at_least(probe: Probe, count: int) -> dict[str, Any] | None:
    listed = await probe.listing()
    return listed if listed["total"] >= count else None


async def test_malformed_and_failing_events_land_in_the_ledger_and_the_filters_find_them(
    probe: Probe,
) -> None:
    invalid = json.loads(concern_raised().to_bytes())
    invalid["data"]["urgency"] = "Kanarialintu whenever"
    await probe.produce(b"{not json Kanarialintu")
    await probe.produce(json.dumps(invalid).encode())
    failing = concern_raised()
    await produce_event(probe.ns.infra.bootstrap, probe.ns.topic(CONCERNS.name), failing)
    entries = await _dead_lettered(probe, 3)

    listed = await probe.listing()
    assert listed["by_reason"] == {"malformed_json": 1, "schema_invalid": 1, "handler_failed": 1}
    assert listed["by_state"] == {"new": 3, "replayed": 0, "discarded": 0}
    assert "Kanarialintu" not in json.dumps(listed)  # no payload, no value in any detail
    assert entries[0]["reason"] == "handler_failed"  # newest first
    (failed,) = [e for e in entries if e["reason"] == "handler_failed"]
    assert failed["event_type"] == "concern.raised"
    assert failed["event_id"] == str(failing.event_id)
    assert failed["consumer"] == "probe"
    assert failed["key"] == failing.partition_key
    assert failed["detail"] == "RuntimeError after 2 attempts"
    assert failed["history"][0]["action"] == "dead_lettered"

    topic = probe.ns.topic(CONCERNS.name)
    assert (await probe.listing(reason="malformed_json"))["total"] == 1
    assert (await probe.listing(event_type="concern.raised"))["total"] == 2
    assert (await probe.listing(topic=topic, state="new"))["total"] == 3
    assert (await probe.listing(topic="welfare.cases"))["total"] == 0
    assert (await probe.listing(since="2999-01-01T00:00:00Z"))["total"] == 0
    assert (await probe.listing(until="2999-01-01T00:00:00Z"))["total"] == 3
    assert len((await probe.listing(limit="1"))["entries"]) == 1
    assert (await probe.listing(limit="1"))["total"] == 3


async def test_the_payload_is_shown_only_on_a_reveal_with_a_reason_and_that_is_logged(
    probe: Probe,
) -> None:
    await probe.produce(b"{not json Kanarialintu")
    (entry,) = await _dead_lettered(probe, 1)
    path = f"/dead-letters/{entry['id']}/reveal"
    assert (await probe.http.post(path, json={}, headers=ADMIN)).status_code == 422
    assert (await probe.http.post(path, json={"reason": " "}, headers=ADMIN)).status_code == 422
    assert not await probe.runtime.access_log.search(record_id=entry["id"])

    answer = await probe.http.post(path, json={"reason": "INC-42 what broke it"}, headers=ADMIN)
    assert answer.status_code == 200, answer.text
    assert answer.json()["value"] == "{not json Kanarialintu"
    assert answer.json()["key"] == "s-1"
    (logged,) = await probe.runtime.access_log.search(record_id=entry["id"])
    assert (logged.actor, logged.granted, logged.what) == (
        "admin-1", True, "POST /dead-letters/{entry_id}/reveal"
    )  # fmt: skip
    revealed = (await probe.entry(entry["id"]))["history"][-1]
    assert (revealed["action"], revealed["by"], revealed["why"]) == (
        "revealed", "admin-1", "INC-42 what broke it"
    )  # fmt: skip
    missing = await probe.http.post(
        "/dead-letters/nope/reveal", json={"reason": "look"}, headers=ADMIN
    )
    assert missing.status_code == 404


@pytest.mark.parametrize(
    "who",
    [
        bearer("guardian-0001"),
        bearer("teacher-tiina"),
        bearer("principal-paula"),
        bearer("nurse-aino"),
        bearer("student-0001", Role.STUDENT),
    ],
)
async def test_only_the_administrator_may_use_the_ledger(probe: Probe, who: dict[str, str]) -> None:
    calls = [
        ("GET", "/dead-letters", None),
        ("GET", "/dead-letters/some-id", None),
        ("POST", "/dead-letters/some-id/reveal", REASON),
        ("POST", "/dead-letters/replay", REASON | {"ids": ["some-id"]}),
        ("POST", "/dead-letters/some-id/discard", REASON),
    ]
    for method, path, body in calls:
        assert (await probe.http.request(method, path, json=body, headers=who)).status_code == 403
        assert (await probe.http.request(method, path, json=body)).status_code == 401


async def test_a_replay_after_the_fix_has_exactly_one_effect_even_when_replayed_twice(
    probe: Probe,
) -> None:
    events = [concern_raised(), concern_raised()]
    for event in events:
        await produce_event(probe.ns.infra.bootstrap, probe.ns.topic(CONCERNS.name), event)
    entries = await _dead_lettered(probe, 2)
    assert await probe.effects() == 0
    probe.fixed = True

    replayed = await probe.replay({"filter": {"reason": "handler_failed", "state": "new"}})
    assert sorted(r["id"] for r in replayed["replayed"]) == sorted(e["id"] for e in entries)
    for entry in entries:
        assert await _outcome(probe, entry["id"], 1) == "processed"
    assert await probe.effects() == 2

    again = await probe.replay({"ids": [entries[0]["id"]]})
    assert again["replayed"] == [{"id": entries[0]["id"], "attempt": 2}]
    assert await _outcome(probe, entries[0]["id"], 2) == "already_processed"
    assert await probe.effects() == 2
    shown = await probe.entry(entries[0]["id"])
    assert shown["state"] == "replayed"
    assert [(s["action"], s["by"]) for s in shown["history"]] == [
        ("dead_lettered", "probe"), ("replayed", "admin-1"), ("replayed", "admin-1")
    ]  # fmt: skip
    assert shown["history"][1]["why"] == REASON["reason"]
    assert (await probe.listing())["total"] == 2  # no new entry for a replay


async def test_a_replay_still_invalid_comes_back_as_a_dead_letter_on_the_same_entry(
    probe: Probe,
) -> None:
    await probe.produce(b"{still not json")
    (entry,) = await _dead_lettered(probe, 1)
    await probe.replay({"ids": [entry["id"], "unknown-id"]})
    assert await _outcome(probe, entry["id"], 1) == "dead_lettered"
    shown = await probe.entry(entry["id"])
    assert shown["state"] == "new"
    assert shown["reason"] == "malformed_json"
    assert shown["attempts"][0]["reason"] == "malformed_json"
    assert shown["history"][-1]["action"] == "dead_lettered_again"
    assert (await probe.listing())["total"] == 1
    async with TopicReader(probe.ns.infra.bootstrap, probe.ns.topic(DEAD_LETTERS.name)) as reader:
        first, second = await reader.read_until(2)
    assert first.value == second.value == b"{still not json"
    assert header(second, "replay-of") == entry["id"]
    assert header(second, "dead-letter-topic") == probe.ns.topic("welfare.replays.probe")


async def test_a_discard_needs_a_reason_records_who_and_erases_the_payload(probe: Probe) -> None:
    await probe.produce(b"{not json")
    (entry,) = await _dead_lettered(probe, 1)
    path = f"/dead-letters/{entry['id']}/discard"
    assert (await probe.http.post(path, json={}, headers=ADMIN)).status_code == 422
    answer = await probe.http.post(path, json={"reason": "a test message"}, headers=ADMIN)
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "discarded"
    last = answer.json()["history"][-1]
    assert (last["action"], last["by"], last["why"]) == ("discarded", "admin-1", "a test message")
    again = await probe.http.post(path, json={"reason": "once more"}, headers=ADMIN)
    assert again.status_code == 409
    skipped = await probe.replay({"ids": [entry["id"]]})
    assert skipped == {"replayed": [], "skipped": [{"id": entry["id"], "why": "discarded"}]}
    reveal = await probe.http.post(
        f"/dead-letters/{entry['id']}/reveal", json={"reason": "look"}, headers=ADMIN
    )
    assert reveal.status_code == 404
    assert (await probe.listing(state="discarded"))["total"] == 1
