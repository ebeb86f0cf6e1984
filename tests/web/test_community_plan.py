"""The welfare plan (§13): read with its indicators beside their published figures, a new
version adopted from a form prefilled with the current one (exactly the API's body), a
named student refused beside the part that names one, and the provider's own plan."""

from __future__ import annotations

import re
from typing import Any

import pytest

from services.web.domain.person import SignedIn
from services.web.service_layer.api import FieldError, Invalid, Service, Unavailable
from shared.contracts import utc_now
from tests.fakes.web import Call
from tests.support.web import CSRF, WebApp
from tests.web.community_fixtures import (
    KURAATTORI,
    LEAD,
    MENTION,
    PLAN,
    PRINCIPAL,
    SCHOOL,
    a_plan,
    communal,
    plan_overview,
    school_figures,
)

EDIT = f"/community/{SCHOOL}/plan/edit"


def posts(web: WebApp) -> list[Call]:
    return [c for c in web.services.calls if c.method == "POST"]


def a_new_version(**changes: Any) -> dict[str, Any]:
    return {
        "csrf_token": CSRF,
        "parts.need_and_services": "Need",
        "parts.communal_measures": "Measures",
        "parts.cooperation": "Cooperation",
        "parts.against_violence_bullying_harassment": "Against bullying",
        "drawn_up_with": ["staff", "students"],
        "participation_note": "A survey",
        "indicators.0.indicator": "concerns_mental_health",
        "indicators.0.target": "Fewer",
        "indicators.0.note": "",
        "indicators.1.indicator": "",
        "indicators.1.target": "",
        "indicators.2.indicator": "cases_opened",
        "indicators.2.target": "Known",
        "indicators.2.note": "A note",
        "adopted_on": "2026-12-01",
        "review_by": "",
        **changes,
    }


def provider_services() -> Any:
    services = communal()
    provider = plan_overview(a_plan(scope="provider"))
    services.answer(Service.COMMUNAL, "GET", "/welfare-plan", provider)
    published = school_figures()
    totals = {"figures": {}, "statistics": published["statistics"]}
    services.answer(
        Service.COMMUNAL,
        "GET",
        "/statistics/provider",
        {"school_year": 2026, "tables": published["tables"], "total": totals},
    )
    return services


async def test_the_plan_shows_its_parts_indicators_as_published_and_its_versions() -> None:
    async with WebApp(communal()).client(as_=KURAATTORI) as client:
        page = await client.get(f"/community/{SCHOOL}/plan")
    text = page.text
    assert page.status_code == 200
    assert text.count("<h1>") == 1
    assert "The plan against violence, bullying and harassment" in text
    assert "Adults on every break; the KiVa team." in text
    assert "School staff" in text
    assert "The student council&#39;s survey in March." in text
    assert "Concerns about social relations and bullying" in text
    row = text[text.index("Concerns about social relations") :]
    assert '<span aria-hidden="true">&lt;5</span>' in row[: row.index("</tr>")]
    assert "75%" in text
    assert f'href="/community/{SCHOOL}/plan/versions/2"' in text
    assert "Review due soon" in text
    assert "/plan/edit" not in text  # the kuraattori reads the plan, the principal adopts


async def test_the_form_starts_from_the_current_version() -> None:
    async with WebApp(communal()).client(as_=PRINCIPAL) as client:
        page = await client.get(EDIT)
    text = page.text
    assert "Adults on every break; the KiVa team.</textarea>" in text
    assert re.search(r'value="students" checked', text)
    assert re.search(
        r'name="indicators.1.indicator".*?<option value="discussions_within_limit_share" '
        r"selected>",
        text,
        re.S,
    )
    assert 'name="indicators.2.indicator"' in text  # a blank row to add one
    assert re.search(r'name="adopted_on" type="date" value="\d{4}-\d\d-\d\d"', text)


async def test_a_new_version_is_sent_with_exactly_the_apis_body() -> None:
    web = WebApp(communal())
    web.services.answer(Service.COMMUNAL, "POST", PLAN, a_plan(version=4))
    async with web.client(as_=PRINCIPAL) as client:
        sent = await client.post(EDIT, data=a_new_version())
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/community/{SCHOOL}/plan?saved=4"
    (call,) = posts(web)
    assert call.path == PLAN
    assert call.body == {
        "parts": {
            "need_and_services": "Need",
            "communal_measures": "Measures",
            "cooperation": "Cooperation",
            "against_violence_bullying_harassment": "Against bullying",
        },
        "drawn_up_with": ["students", "staff"],
        "participation_note": "A survey",
        "indicators": [
            {"indicator": "concerns_mental_health", "target": "Fewer", "note": ""},
            {"indicator": "cases_opened", "target": "Known", "note": "A note"},
        ],
        "adopted_on": "2026-12-01",
        "review_by": None,
    }


async def test_a_named_student_in_a_part_is_refused_there_with_every_part_kept() -> None:
    web = WebApp(communal())
    refusal = Invalid(
        "x",
        [
            FieldError("parts.cooperation", MENTION, "mentions_a_student"),
            FieldError("indicators.1.note", MENTION, "mentions_a_student"),
        ],
    )
    web.services.answer(Service.COMMUNAL, "POST", PLAN, refusal)
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.post(EDIT, data=a_new_version())
    assert page.status_code == 422
    text = page.text
    assert "No student may be named here" in text
    assert 'id="f-parts.cooperation-error"' in text
    assert 'id="f-indicators.1.note-error"' in text  # the second row kept: "cases_opened"
    assert 'href="#f-indicators.1.note">Indicator 2, note</a>' in text
    assert "Cooperation</textarea>" in text
    assert "Against bullying</textarea>" in text
    assert 'value="A note"' in text


async def test_the_forms_own_findings_send_nothing() -> None:
    web = WebApp(communal())
    form = a_new_version(
        **{
            "parts.cooperation": " ",
            "indicators.0.indicator": "forged",
            "indicators.2.target": "",
            "review_by": "2026-01-01",
            "drawn_up_with": ["staff", "the_mayor"],
        }
    )
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.post(EDIT, data=form)
    assert page.status_code == 422
    for message in (
        "Write this part: the law requires all four.",
        "Choose the figure this target is for.",
        "Give the target for this figure.",
        "The review must come after the plan was adopted.",
        "Choose who took part from the list.",
    ):
        assert message in page.text
    assert posts(web) == []


async def test_the_name_check_down_keeps_the_plan_as_typed() -> None:
    web = WebApp(communal())
    web.services.answer(Service.COMMUNAL, "POST", PLAN, Unavailable("communal"))
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.post(EDIT, data=a_new_version())
    assert page.status_code == 503
    assert "try again in a moment" in page.text
    assert "Against bullying</textarea>" in page.text


async def test_an_expired_session_gives_the_typed_plan_back() -> None:
    web = WebApp(communal())
    async with web.client() as client:
        await client.post(EDIT, data=a_new_version())
    sid = next(iter(web.sessions.sessions))
    data, _ = web.sessions.sessions[sid]
    data.update(person=PRINCIPAL.as_claims(), access_token="token-of-the-person", csrf=CSRF)
    web.sessions.sessions[sid] = (data, utc_now())
    async with web.client() as client:
        client.cookies.set("session", sid)
        page = await client.get(EDIT)
    assert "Against bullying</textarea>" in page.text  # the draft, not the current version
    assert "the KiVa team" not in page.text
    assert [c for c in web.services.calls if c.path == PLAN] == []


@pytest.mark.parametrize("path", [EDIT, "/provider/plan/edit"])
async def test_who_may_not_adopt_is_refused_before_the_service_is_asked(path: str) -> None:
    web = WebApp(provider_services())
    async with web.client(as_=KURAATTORI) as client:
        page = await client.get(path)
        sent = await client.post(path, data=a_new_version())
        provider = await client.get("/provider/plan")
    assert page.status_code == sent.status_code == provider.status_code == 403
    assert web.services.calls == []


async def test_the_provider_plan_is_the_welfare_leads() -> None:
    web = WebApp(provider_services())
    web.services.answer(Service.COMMUNAL, "POST", "/welfare-plan", a_plan(version=4))
    async with web.client(as_=LEAD) as client:
        page = await client.get("/provider/plan")
        sent = await client.post("/provider/plan/edit", data=a_new_version())
    assert "<h1>The education provider's welfare plan</h1>" in page.text
    assert '<a href="/provider" aria-current="page">All schools</a>' in page.text
    assert 'href="/provider/plan/edit"' in page.text
    assert "75%" in page.text  # the indicators beside the provider's own figures
    assert sent.headers["location"] == "/provider/plan?saved=4"
    (call,) = posts(web)
    assert call.path == "/welfare-plan"


@pytest.mark.parametrize(
    ("person", "path", "api"),
    [
        (PRINCIPAL, f"/community/{SCHOOL}/plan/versions/2", f"{PLAN}/versions/2"),
        (LEAD, "/provider/plan/versions/2", "/welfare-plan/versions/2"),
    ],
)
async def test_an_earlier_version_reads_as_it_was(person: SignedIn, path: str, api: str) -> None:
    web = WebApp(provider_services())
    web.services.answer(Service.COMMUNAL, "GET", api, a_plan(version=2, scope="x"))
    async with web.client(as_=person) as client:
        page = await client.get(path)
    assert page.status_code == 200
    assert "<h1>Welfare plan, version 2</h1>" in page.text
    assert "A plan is never changed" in page.text


async def test_more_indicator_rows_without_javascript() -> None:
    web = WebApp(communal())
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.post(EDIT, data=a_new_version(more="indicators"))
    assert page.status_code == 200
    assert 'name="indicators.5.indicator"' in page.text
    assert posts(web) == []
