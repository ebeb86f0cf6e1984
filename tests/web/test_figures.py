"""A school's figures and all schools side by side: hidden cells never shown as a number,
the too-small page, and who may see which, refused before the service is asked."""

from __future__ import annotations

import re

import pytest

from services.web.domain.figures import Hidden, cell_of
from services.web.domain.person import SignedIn
from services.web.service_layer.api import Forbidden, NotFound, Service
from shared.contracts import Role
from tests.support.web import WebApp
from tests.web import figures_fixtures as f

PRINCIPAL = SignedIn("principal-paula", Role.PRINCIPAL, (f.SCHOOL,), locale="en")
KURAATTORI = SignedIn("kuraattori-kalle", Role.KURAATTORI, (f.SCHOOL,), locale="en")
LEAD = SignedIn("lead-liisa", Role.WELFARE_LEAD, (f.SCHOOL, "vallila-school"), locale="en")
TEACHER = SignedIn("teacher-tiina", Role.TEACHER, (f.SCHOOL,), locale="en")
GUARDIAN = SignedIn("guardian-g", Role.GUARDIAN, locale="en")
SCHOOL_PATH = f"/statistics/schools/{f.SCHOOL}"


def web_with(**answers: object) -> WebApp:
    web = WebApp()
    web.services.answer(
        Service.COMMUNAL, "GET", SCHOOL_PATH, answers.get("school", f.school_figures())
    )
    web.services.answer(Service.COMMUNAL, "GET", "/statistics/provider", f.provider_figures())
    web.services.answer(
        Service.COMMUNAL, "GET", "/welfare-plan", answers.get("plan", f.welfare_plan())
    )
    return web


def row_cells(html: str, label: str) -> list[str]:
    """The cells of the first table row headed ``label``, as text (hidden words stripped)."""
    found = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert found, label
    cells = re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    plain = [re.sub(r'<span class="visually-hidden">.*?</span>', "", c) for c in cells]
    return [re.sub(r"<[^>]+>", "", c).strip() for c in plain]


def test_a_cell_marked_hidden_keeps_no_number_whatever_else_it_says() -> None:
    assert cell_of({"suppressed": "small", "value": 3}).value is None
    assert cell_of({"suppressed": "complementary", "value": 9}).shown == "\u00d7"
    assert cell_of(None).hidden is Hidden.COMPLEMENTARY  # missing is never taken for 0


@pytest.mark.parametrize("person", [PRINCIPAL, KURAATTORI, LEAD], ids=lambda p: p.role)
async def test_the_school_community_sees_its_figures_with_hidden_cells_marked(
    person: SignedIn,
) -> None:
    figures = f.school_figures()
    # A careless service that left the count beside the mark: still never shown.
    figures["tables"][0]["rows"][1]["months"][1] = {"suppressed": "small", "value": 3}
    web = web_with(school=figures)
    async with web.client(as_=person) as client:
        page = await client.get(f"/community/{f.SCHOOL}/figures?year=2026")
    assert page.status_code == 200
    [call] = web.services.calls
    assert (call.path, call.params, call.token) == (
        SCHOOL_PATH,
        {"year": "2026"},
        "token-of-the-person",
    )
    attendance = row_cells(page.text, "Attendance")
    assert attendance[:4] == ["6", "&lt;5", "\u00d7", "7"]
    assert attendance[12:] == ["\u00d7", "38", "66"]  # autumn hidden, spring, year
    assert row_cells(page.text, "Offered late")[:3] == ["&lt;5", "0", "&lt;5"]
    # The legend says what both marks mean; the screen reader hears words, not symbols.
    assert "too few to show" in page.text
    assert "cannot be worked out" in page.text
    assert '<span class="visually-hidden">fewer than five</span>' in page.text
    assert "Over the ceiling" in page.text
    assert "Within the ceiling" in page.text
    assert "85 %" in page.text
    assert "too few" in page.text


async def test_the_chart_marks_a_hidden_month_and_its_text_names_no_number() -> None:
    web = web_with()
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(f"/community/{f.SCHOOL}/figures")
    html = page.text
    assert web.services.calls[0].params == {"year": "2026"}  # the current school year
    desc = re.search(r'<desc id="chart-concerns-desc">(.*?)</desc>', html, re.S)
    assert desc
    assert "September 2026: Learning 9, Attendance fewer than five," in desc.group(1)
    assert "October 2026: Learning 14, Attendance hidden," in desc.group(1)
    assert html.count('fill="url(#chart-concerns-hatch)"') == 2  # Sep and Oct
    assert 'fill="url(#chart-timeliness-hatch)"' in html
    assert 'role="img"' in html
    assert "The same figures are in the table below" in html


async def test_a_school_too_small_to_publish_says_so_and_shows_no_numbers() -> None:
    web = WebApp()
    web.services.answer(Service.COMMUNAL, "GET", "/statistics/schools/pikku-school", f.too_small())
    async with web.client(as_=LEAD) as client:
        page = await client.get("/community/pikku-school/figures")
    assert page.status_code == 200
    assert "Too small to publish on its own" in page.text
    assert "counted in \u201cother schools\u201d" in page.text
    main = page.text.split('<main id="content"')[1].split("</main>")[0]
    assert "<table" not in main
    assert "<svg" not in main


async def test_another_school_is_the_services_to_refuse() -> None:
    web = WebApp()
    web.services.answer(
        Service.COMMUNAL, "GET", "/statistics/schools/vallila-school", Forbidden("not your school")
    )
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get("/community/vallila-school/figures")
    assert page.status_code == 403
    assert "You cannot see this" in page.text


@pytest.mark.parametrize("person", [TEACHER, GUARDIAN], ids=lambda p: p.role)
async def test_someone_without_the_school_communitys_screens_is_refused_without_a_call(
    person: SignedIn,
) -> None:
    web = web_with()
    async with web.client(as_=person) as client:
        page = await client.get(f"/community/{f.SCHOOL}/figures")
        export = await client.get(f"/community/{f.SCHOOL}/figures.csv")
    assert (page.status_code, export.status_code) == (403, 403)
    assert "welfare lead" in page.text
    assert web.services.calls == []


@pytest.mark.parametrize(
    "path",
    [
        "/provider",
        "/provider/figures?year=2026",
        "/provider/figures.csv",
        "/provider/figures.json",
        "/provider/report/2026",
    ],
)
async def test_all_schools_are_the_welfare_leads_alone(path: str) -> None:
    web = web_with()
    async with web.client(as_=PRINCIPAL) as client:
        page = await client.get(path)
    assert page.status_code == 403
    assert web.services.calls == []


@pytest.mark.parametrize(
    "path",
    [
        "/community/x/figures",  # too short for an identifier
        "/community/a$b/figures",
        "/community/010101-123N/figures",  # an identity code is never a school
        "/community/010101-123N/figures.json",
        f"/community/{f.SCHOOL}/figures?year=abcd",
        f"/community/{f.SCHOOL}/figures?year=1999",
        f"/community/{f.SCHOOL}/figures?year=2099",
        f"/community/{f.SCHOOL}/figures?year=20261",
        f"/community/{f.SCHOOL}/figures?year=-2026",
        f"/community/{f.SCHOOL}/figures.csv?year=0",
        f"/community/{f.SCHOOL}/figures.csv?lang=de",
        f"/community/{f.SCHOOL}/figures.xml",
        "/provider/figures?year=2026%0A",
        "/provider/figures.json?lang=..%2F",
        "/provider/report/26",
        "/provider/report/3000",
    ],
)
async def test_a_crafted_school_year_or_language_never_reaches_the_service(path: str) -> None:
    web = web_with()
    async with web.client(as_=LEAD) as client:
        page = await client.get(path)
    assert page.status_code in (400, 404)
    assert web.services.calls == []


async def test_the_welfare_lead_sees_the_schools_side_by_side_with_the_rolled_up_row() -> None:
    web = web_with()
    async with web.client(as_=LEAD) as client:
        page = await client.get("/provider/figures?year=2026")
    assert page.status_code == 200
    [call] = web.services.calls
    assert (call.path, call.params) == ("/statistics/provider", {"year": "2026"})
    assert row_cells(page.text, "Other schools (3)")[:3] == ["31", "9", "12"]
    assert row_cells(page.text, "All schools")[:3] == ["431", "121", "12"]
    kallio = re.search(r'<a href="/community/kallio-school/figures\?year=2026">', page.text)
    assert kallio
    assert "Nobody allocated" in page.text  # vallila's kuraattori, in words
    assert 'id="chart-concerns-title"' in page.text
    assert 'id="chart-timeliness-title"' in page.text
    assert "/provider/report/2026" in page.text


async def test_the_report_sets_the_plans_targets_beside_the_published_results() -> None:
    web = web_with()
    async with web.client(as_=LEAD) as client:
        page = await client.get("/provider/report/2026")
    assert page.status_code == 200
    assert [c.path for c in web.services.calls] == ["/statistics/provider", "/welfare-plan"]
    share = row_cells(
        page.text.replace('<a href="#timeliness">', "").replace("</a></th>", "</th>"),
        "Share of discussions within the limit",
    )
    assert share == ["95 %", "85 %", "Every school within the limit"]
    assert (
        '<a href="#table-concerns_by_category">Concerns about friendships and bullying</a>'
        in page.text
    )
    assert 'id="table-concerns_by_category"' in page.text
    assert 'id="timeliness"' in page.text
    assert "version 3" in page.text
    assert page.text.count('class="report-section') == 5


async def test_the_report_prints_without_a_plan() -> None:
    web = web_with(plan=NotFound("no plan"))
    async with web.client(as_=LEAD) as client:
        page = await client.get("/provider/report/2026")
    assert page.status_code == 200
    assert "No welfare plan with indicators was found" in page.text
