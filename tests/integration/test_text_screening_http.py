"""Communal welfare's text screen, over the welfare group's HTTP API against the real
database: the school's staff and the provider's welfare lead learn which fields name one
of the school's students (never whom), nobody else may ask, oversize input is refused,
and asking is no use of case data: nothing reaches the access log."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.welfare_group.bootstrap import build
from services.welfare_group.seed import seed
from services.welfare_group.settings import WelfareGroupSettings
from shared.security import Role
from tests.support.directory import DEMO
from tests.support.identity import bearer
from tests.support.infra import Namespace

KALLIO = "/schools/kallio-school/text-screening"
PAULA, ADMIN = bearer("principal-paula"), bearer("admin-1", Role.ADMINISTRATOR)
LEAD = bearer("welfare-lead-1", Role.WELFARE_LEAD, school_ids=["kallio-school", "toolo-school"])
TEXTS = {
    "title": "Syksyn kokous: välituntien valvonta",
    "agenda.0": "Testi Oppilas-Yksin tilanne",  # student-0001 of Kallio, inflected
    "agenda.1": "Rehtori ja kuraattori esittelevät kiusaamiskyselyn tulokset",
    "minutes": "Kirjattiin 020911A902F vahingossa",  # student-0002's identity code
    "decisions.0": "student-0003 ohjataan kuraattorille",
}


@pytest.fixture
async def client(ns: Namespace) -> AsyncIterator[httpx.AsyncClient]:
    settings = ns.settings(WelfareGroupSettings, "welfare_group")
    await seed(DEMO, settings)
    app, runtime = build(settings)
    async with runtime.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://wg.test") as client:
            yield client


async def test_the_school_learns_which_fields_name_a_student_and_never_whom(
    client: httpx.AsyncClient,
) -> None:
    for caller in (PAULA, bearer("teacher-tiina"), LEAD):
        answer = await client.post(KALLIO, json={"texts": TEXTS}, headers=caller)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {
            "mentions": {
                "agenda.0": ["student_name"],
                "minutes": ["identity_code"],
                "decisions.0": ["student_ref"],
            }
        }
    # Kallio's students are not Töölö's: there only the shapes are found.
    toolo = await client.post(
        "/schools/toolo-school/text-screening", json={"texts": TEXTS}, headers=LEAD
    )
    assert toolo.json()["mentions"] == {
        "minutes": ["identity_code"],
        "decisions.0": ["student_ref"],
    }


async def test_only_the_schools_staff_and_its_welfare_lead_may_ask(
    client: httpx.AsyncClient,
) -> None:
    body = {"texts": {"title": "Testi Oppilas-Yksi"}}
    elsewhere = bearer("welfare-lead-2", Role.WELFARE_LEAD, school_ids=["toolo-school"])
    for caller in (bearer("principal-pekka"), ADMIN, bearer("guardian-0001"), elsewhere):
        assert (await client.post(KALLIO, json=body, headers=caller)).status_code == 403
    assert (await client.post(KALLIO, json=body)).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"texts": {f"field.{n}": "x" for n in range(61)}},
        {"texts": {"minutes": "x" * 20_001}},
        {"texts": {"no spaces allowed": "x"}},
        {"texts": {"title": "x"}, "student_ref": "student-0001"},
        {},
    ],
)
async def test_oversize_or_malformed_input_is_refused(
    client: httpx.AsyncClient, body: dict[str, object]
) -> None:
    assert (await client.post(KALLIO, json=body, headers=PAULA)).status_code == 422


async def test_the_largest_field_and_the_most_fields_are_screened(
    client: httpx.AsyncClient,
) -> None:
    longest = "Oppilaiden hyvinvointi. " * 832 + "Oppilas-Yhden kanssa"
    assert len(longest) <= 20_000
    answer = await client.post(KALLIO, json={"texts": {"plan": longest}}, headers=PAULA)
    assert answer.json() == {"mentions": {"plan": ["student_name"]}}
    # Sixty fields as large as the service's 64 KiB body limit allows (MAX_REQUEST_BYTES).
    texts = {f"field.{n}": "Oppilaiden hyvinvointi. " * 40 for n in range(60)}
    texts["field.59"] += " Oppilas-Yhden kanssa"
    answer = await client.post(KALLIO, json={"texts": texts}, headers=PAULA)
    assert answer.json() == {"mentions": {"field.59": ["student_name"]}}


async def test_asking_is_no_use_of_case_data_and_is_not_logged(client: httpx.AsyncClient) -> None:
    assert (await client.post(KALLIO, json={"texts": TEXTS}, headers=PAULA)).status_code == 200
    log = await client.get("/access-log?actor=principal-paula&limit=1000", headers=ADMIN)
    assert log.status_code == 200
    assert [e for e in log.json() if "text-screening" in e["what"]] == []
