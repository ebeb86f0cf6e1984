"""The school's communal welfare group and its plans against the real database and the
welfare group's real name check over HTTP: a text that names a student is refused field by
field and nothing is kept; a check that cannot be made keeps nothing either."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from deploy.infra import free_port
from services.communal.bootstrap import build as build_communal
from services.communal.seed import seed as seed_staffing
from services.communal.settings import CommunalSettings
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.seed import seed as seed_rosters
from services.welfare_group.settings import WelfareGroupSettings
from tests.support.directory import DEMO
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.served import served

MEETINGS = "/schools/kallio-school/group/meetings"
PLAN = "/schools/kallio-school/welfare-plan"
PRINCIPAL = bearer("principal-paula")


@asynccontextmanager
async def communal_calling(
    ns: Namespace, welfare_group_url: str
) -> AsyncIterator[httpx.AsyncClient]:
    settings = ns.settings(CommunalSettings, "communal", welfare_group_url=welfare_group_url)
    await seed_staffing(DEMO, settings)
    app, runtime = build_communal(settings)
    async with runtime.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://c.test") as client:
            yield client


@pytest.fixture
async def communal(ns: Namespace) -> AsyncIterator[httpx.AsyncClient]:
    """Communal welfare, asking the real welfare group (served over HTTP) for its check."""
    wg_settings = ns.settings(WelfareGroupSettings, "welfare_group")
    await seed_rosters(DEMO, wg_settings)
    wg_app, wg_runtime = build_welfare_group(wg_settings)
    async with (
        wg_runtime.lifespan(),
        served(wg_app) as wg_url,
        communal_calling(ns, wg_url) as client,
    ):
        yield client


def meeting(*agenda: str) -> dict[str, Any]:
    return {"held_on": "2026-11-30", "title": "Välituntien turvallisuus", "agenda": list(agenda)}


async def test_a_meeting_whose_agenda_names_a_student_is_refused_field_by_field_and_not_kept(
    communal: httpx.AsyncClient,
) -> None:
    c = communal
    named = await c.post(
        MEETINGS,
        json=meeting("Kiusaaminen välitunnilla", "Testi Oppilas-Yksi ja hänen luokkansa"),
        headers=PRINCIPAL,
    )
    assert named.status_code == 422, named.text
    (refusal,) = named.json()["detail"]
    assert refusal["loc"] == ["body", "agenda", 1]
    assert refusal["type"] == "mentions_a_student"
    assert "Oppilas-Yksi" not in named.text  # the text is never echoed
    inflected = await c.post(MEETINGS, json=meeting("Oppilas-Yhden poissaolot"), headers=PRINCIPAL)
    assert inflected.status_code == 422
    coded = await c.post(MEETINGS, json=meeting("Henkilötunnus 150312A9018"), headers=PRINCIPAL)
    assert coded.status_code == 422
    assert (await c.get(MEETINGS, headers=PRINCIPAL)).json() == {"meetings": []}

    kept = await c.post(MEETINGS, json=meeting("Kiusaamisen ehkäisy"), headers=PRINCIPAL)
    assert kept.status_code == 201, kept.text
    minutes = f"{MEETINGS}/{kept.json()['meeting_id']}/minutes"
    body = {"attended": ["principal", "nurse"], "minutes": "Sovittiin välituntivalvonnasta."}
    named_minutes = {**body, "decisions": ["Keskustellaan Testi Oppilas-Yksin kanssa"]}
    refused = await c.post(minutes, json=named_minutes, headers=PRINCIPAL)
    assert refused.status_code == 422
    assert [d["loc"] for d in refused.json()["detail"]] == [["body", "decisions", 0]]
    first = await c.post(minutes, json=body, headers=PRINCIPAL)
    corrected = await c.post(minutes, json={**body, "minutes": "Korjattu."}, headers=PRINCIPAL)
    assert (first.status_code, corrected.status_code) == (200, 200)
    assert corrected.json()["minutes"]["version"] == 2


async def test_when_the_name_check_cannot_be_made_nothing_is_saved(ns: Namespace) -> None:
    nobody_listens = f"http://127.0.0.1:{free_port()}"
    async with communal_calling(ns, nobody_listens) as c:
        down = await c.post(MEETINGS, json=meeting("Kiusaamisen ehkäisy"), headers=PRINCIPAL)
        assert down.status_code == 503
        assert "nothing was saved" in down.json()["detail"]
        assert (await c.get(MEETINGS, headers=PRINCIPAL)).json() == {"meetings": []}


def plan(against_bullying: str) -> dict[str, Any]:
    return {
        "parts": {
            "need_and_services": "Koulussa on 540 oppilasta; kuraattori ja psykologi.",
            "communal_measures": "Välituntitoiminta ja tukioppilaat.",
            "cooperation": "Vanhempainillat kahdesti vuodessa.",
            "against_violence_bullying_harassment": against_bullying,
        },
        "drawn_up_with": ["students", "guardians", "staff"],
        "indicators": [{"indicator": "concerns_social_relations_and_bullying", "target": "-10 %"}],
        "adopted_on": "2026-11-30",
    }


async def test_the_school_plan_is_kept_in_versions_and_refuses_a_named_student(
    communal: httpx.AsyncClient,
) -> None:
    c = communal
    a_ref = await c.post(PLAN, json=plan("Tapaus student-0002 käsitellään."), headers=PRINCIPAL)
    assert a_ref.status_code == 422
    refused = await c.post(PLAN, json=plan("Testi Oppilas-Yksi kiusattiin."), headers=PRINCIPAL)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == [
        "body", "parts", "against_violence_bullying_harassment"
    ]  # fmt: skip
    first = await c.post(PLAN, json=plan("KiVa Koulu -ohjelma."), headers=PRINCIPAL)
    second = await c.post(PLAN, json=plan("KiVa Koulu -ohjelma, tarkennettu."), headers=PRINCIPAL)
    assert (first.status_code, second.status_code) == (201, 201)
    page = (await c.get(PLAN, headers=PRINCIPAL)).json()
    versions = [v["version"] for v in page["versions"]]
    assert page["current"]["version"] == versions[0] == versions[-1] + len(versions) - 1
    assert page["review"]["due_on"] == "2027-11-30"
    teacher = await c.post(PLAN, json=plan("KiVa."), headers=bearer("teacher-tiina"))
    assert teacher.status_code == 403
    other_school = await c.get(PLAN, headers=bearer("principal-pekka"))
    assert other_school.status_code == 403
