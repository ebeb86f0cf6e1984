"""The exports hold exactly what is published: the same cells hidden as on the page, labels
in the asked language, the codes kept in the JSON, a CSV that Excel reads as UTF-8."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from services.web.domain.person import SignedIn
from services.web.service_layer.api import Service
from shared.contracts import Role
from tests.support.web import WebApp
from tests.web import figures_fixtures as f

PRINCIPAL = SignedIn("principal-paula", Role.PRINCIPAL, (f.SCHOOL,), locale="fi")
LEAD = SignedIn("lead-liisa", Role.WELFARE_LEAD, (f.SCHOOL, "vallila-school"), locale="fi")
CROSS = "\u00d7"

# (language, the header's first three, a month, a row label, a table label)
WORDS = {
    "fi": (["Koulu", "Taulukko", "Rivi"], "syys 2026", "Poissaolot", "Huolet aiheittain"),
    "sv": (["Skola", "Tabell", "Rad"], "sep. 2026", "Frånvaro", "Oro enligt område"),
    "en": (["School", "Table", "Row"], "Sep 2026", "Attendance", "Concerns by category"),
}


def web_with() -> WebApp:
    web = WebApp()
    web.services.answer(
        Service.COMMUNAL, "GET", f"/statistics/schools/{f.SCHOOL}", f.school_figures()
    )
    web.services.answer(Service.COMMUNAL, "GET", "/statistics/schools/pikku-school", f.too_small())
    web.services.answer(Service.COMMUNAL, "GET", "/statistics/provider", f.provider_figures())
    return web


def sheet(response: httpx.Response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel reads UTF-8 by
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
async def test_a_schools_csv_is_in_the_asked_language_with_hidden_cells_marked(lang: str) -> None:
    header, september, attendance, table = WORDS[lang]
    web = web_with()
    async with web.client(as_=PRINCIPAL) as client:
        got = await client.get(f"/community/{f.SCHOOL}/figures.csv?year=2026&lang={lang}")
    assert got.status_code == 200
    assert got.headers["content-type"] == "text/csv; charset=utf-8"
    assert got.headers["content-disposition"] == (
        f'attachment; filename="figures-{f.SCHOOL}-2026-2027-{lang}.csv"'
    )
    [call] = web.services.calls
    assert call.params == {"year": "2026"}
    rows = sheet(got)
    assert rows[0][:3] == header
    assert rows[0][4] == september
    assert len(rows[0]) == 3 + 12 + 3
    line = next(r for r in rows if r[2] == attendance)
    assert line[:2] == [f.SCHOOL, table]
    assert line[3:] == [
        "6",
        "<5",
        CROSS,
        "7",
        "8",
        "9",
        "5",
        "6",
        "7",
        "5",
        "6",
        "0",
        CROSS,
        "38",
        "66",
    ]
    assert all(len(r) == len(rows[0]) for r in rows)  # one header, every row its columns


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
async def test_a_schools_json_keeps_the_codes_and_names_them_in_the_language(lang: str) -> None:
    _header, september, attendance, table = WORDS[lang]
    web = web_with()
    async with web.client(as_=PRINCIPAL) as client:
        got = await client.get(f"/community/{f.SCHOOL}/figures.json?lang={lang}")
    assert got.headers["content-disposition"].endswith(f'-2026-2027-{lang}.json"')
    document = json.loads(got.content)
    assert document["language"] == lang
    assert document["months"][1] == {"month": "2026-09", "label": september}
    categories = document["tables"][0]
    assert (categories["table"], categories["label"]) == ("concerns_by_category", table)
    row = categories["rows"][1]
    assert (row["key"], row["label"]) == ("attendance", attendance)
    assert row["months"][:3] == [
        {"value": 6},
        {"suppressed": "small", "shown": "<5"},
        {"suppressed": "complementary", "shown": CROSS},
    ]
    assert row["terms"]["autumn"] == {"suppressed": "complementary", "shown": CROSS}
    assert document["statistics"]["median_days_case_open"]["suppressed"] == "too_few"
    assert set(document["legend"]) == {"small", "complementary"}
    assert "value" not in json.dumps(row["months"][1])


async def test_a_school_too_small_exports_the_reason_and_no_numbers() -> None:
    web = web_with()
    async with web.client(as_=LEAD) as client:
        table = await client.get("/community/pikku-school/figures.csv?lang=en")
        document = await client.get("/community/pikku-school/figures.json?lang=en")
    rows = sheet(table)
    assert len(rows) == 2
    assert len(rows[1]) == len(rows[0])
    assert rows[1][:2] == ["pikku-school", "Not published"]
    assert "other schools" in rows[1][2]
    seen = json.loads(document.content)
    assert (seen["publishable"], seen["reason"]) == (False, "too_small")
    assert "tables" not in seen


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
async def test_the_providers_exports_hold_the_schools_the_rolled_up_row_and_the_trends(
    lang: str,
) -> None:
    others = {"fi": "Muut koulut (3)", "sv": "Övriga skolor (3)", "en": "Other schools (3)"}[lang]
    everyone = {"fi": "Kaikki koulut", "sv": "Alla skolor", "en": "All schools"}[lang]
    web = web_with()
    async with web.client(as_=LEAD) as client:
        table = await client.get(f"/provider/figures.csv?year=2026&lang={lang}")
        document = await client.get(f"/provider/figures.json?year=2026&lang={lang}")
    assert table.headers["content-disposition"] == (
        f'attachment; filename="provider-figures-2026-2027-{lang}.csv"'
    )
    rows = sheet(table)
    assert all(len(r) == len(rows[0]) for r in rows)
    assert {r[0] for r in rows[1:]} == {f.SCHOOL, "vallila-school", others, everyone}
    refused = [
        r
        for r in rows
        if r[0] == "vallila-school"
        and r[2] in ("Kielletyt suostumukset", "Vägrade samtycken", "Consents refused")
    ]
    assert [r[-1] for r in refused] == [CROSS]
    assert any(r[0] == everyone and r[2] in ("Poissaolot", "Frånvaro", "Attendance") for r in rows)
    seen = json.loads(document.content)
    rolled = seen["schools"][2]
    assert (rolled["school_id"], rolled["rolled_up"], rolled["label"]) == (None, 3, others)
    assert rolled["figures"]["consents_refused"]["value"] == 0  # a true zero is published
    assert seen["schools"][0]["figures"]["consents_refused"]["suppressed"] == "small"
    assert seen["total"]["label"] == everyone
