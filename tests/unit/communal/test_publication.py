"""The publication's rules: what is shown, what is hidden and why, and what is withheld."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from services.communal.domain.disclosure import protect
from services.communal.domain.disclosure_model import Figure, Relation, Status
from services.communal.domain.publication import publish
from services.communal.domain.publication_staffing import Staffing
from services.communal.domain.publication_units import ROLL_UP_BELOW, units_of
from services.communal.domain.tallies import Tally
from tests.support.communal_tallies import YEAR, concern, school_year

AS_OF = datetime(2027, 8, 1, tzinfo=UTC)
STAFFING = Staffing(students=650, psychologist_fte=1.0, kuraattori_fte=0.5)


def _f(key: str, column: str = "year") -> Figure:
    return Figure("s", "t", key, column)


def test_counts_below_five_are_small_and_zeros_too() -> None:
    values = {_f("a"): 3, _f("b"): 0, _f("c"): 12}
    status = protect(values, set(values), [])
    assert status == {_f("a"): Status.SMALL, _f("b"): Status.SMALL, _f("c"): Status.PUBLISHED}


def test_a_small_count_alone_in_a_total_gets_a_complement() -> None:
    # total 20 = 3 + 8 + 9: showing 8 and 9 would give the 3 away.
    values = {_f("total"): 20, _f("a"): 3, _f("b"): 8, _f("c"): 9}
    relation = Relation.total(_f("total"), [_f("a"), _f("b"), _f("c")])
    status = protect(values, set(values), [relation])
    assert status[_f("a")] is Status.SMALL
    assert status[_f("b")] is Status.COMPLEMENTARY  # the smallest that protects it
    assert status[_f("c")] is Status.PUBLISHED
    assert status[_f("total")] is Status.PUBLISHED


def test_two_small_counts_whose_sum_is_published_are_not_left_pinned() -> None:
    # 4 + 4 = 8 with "<5" meaning 0-4: both would be exactly 4.
    values = {_f("total"): 8, _f("a"): 4, _f("b"): 4}
    status = protect(values, set(values), [Relation.total(_f("total"), [_f("a"), _f("b")])])
    assert status[_f("total")] is Status.COMPLEMENTARY


def _publication(counts: Counter[Tally], schools: list[str]) -> Any:
    return publish(counts, dict.fromkeys(schools, STAFFING), YEAR, AS_OF)


def _provider_of(n: int, seed: int = 3, rate: int = 6) -> tuple[Counter[Tally], list[str]]:
    rng = random.Random(seed)
    names = [f"school-{i}" for i in range(n)]
    counts: Counter[Tally] = Counter()
    for name in names:
        counts.update(school_year(rng, name, per_month=rate))
    return counts, names


def _cells(tables: list[dict[str, Any]], table: str) -> dict[tuple[str, int], Any]:
    chosen = next(t for t in tables if t["table"] == table)
    rows = chosen["rows"] + ([chosen["total"]] if chosen["total"] else [])
    return {(r["key"], i): c for r in rows for i, c in enumerate([*r["months"], r["year"]])}


def test_every_view_hides_the_same_cells() -> None:
    counts, names = _provider_of(3)
    publication = _publication(counts, names)
    provider = publication.provider().model_dump(mode="json")
    for row in provider["schools"]:
        page = publication.school(row["school_id"]).model_dump(mode="json")
        year = {key: cell for (key, i), cell in _cells(page["tables"], "cases").items() if i == 12}
        assert row["figures"]["cases_opened"] == year["opened"]
        assert row["figures"]["cases_closed"] == year["closed"]
        concerns = _cells(page["tables"], "concerns_by_urgency")[("total", 12)]
        assert row["figures"]["concerns"] == concerns
    totals = _cells(provider["tables"], "concerns_by_raiser")[("total", 12)]
    assert provider["total"]["figures"]["concerns"] == totals


def test_a_small_school_is_rolled_up_with_the_next_smallest() -> None:
    concerns = {"big": 300, "middle": 60, "tiny": 4, "none": 0}
    units = units_of(concerns, {"big", "middle", "tiny"}, {"big", "middle", "tiny", "none"})
    assert units.rolled_up == ["middle", "tiny"]  # never one school alone in "other schools"
    assert units.alone == ["big"]
    assert units.without_data == ["none"]


def test_a_rolled_up_school_says_so_and_shows_no_figures() -> None:
    counts, names = _provider_of(3)
    for month in YEAR.months[:3]:
        concern(counts, "tiny-school", month, ["learning"])
    publication = _publication(counts, [*names, "tiny-school"])
    page = publication.school("tiny-school").model_dump(mode="json")
    assert (page["publishable"], page["reason"]) == (False, "too_small")
    assert page["counted_in_other_schools"] is True
    assert page["tables"] == []
    assert page["open_cases"] == []
    rows = publication.provider().model_dump(mode="json")["schools"]
    other = next(r for r in rows if r["school_id"] is None)
    assert other["rolled_up"] >= 2
    assert "tiny-school" not in {r["school_id"] for r in rows}


def test_a_provider_too_small_publishes_nothing() -> None:
    counts: Counter[Tally] = Counter()
    for month in YEAR.months[: ROLL_UP_BELOW - 1]:
        concern(counts, "a-school", month, ["learning"])
    publication = _publication(counts, ["a-school", "b-school"])
    provider = publication.provider().model_dump(mode="json")
    assert (provider["publishable"], provider["reason"]) == (False, "too_small")
    assert provider["tables"] == []
    assert provider["schools"] == []
    assert publication.school("b-school").reason == "no_data"
    assert publication.school("unknown-school").reason == "no_data"


def test_statistics_are_withheld_below_five_and_published_above() -> None:
    counts, names = _provider_of(2, rate=8)
    school = "school-0"
    for month in YEAR.months:  # plenty of discussions, all within the limit in 3 days
        for _ in range(6):
            counts[Tally(school, month, "discussions", "within_limit")] += 1
            counts[Tally(school, month, "school_days_to_discussion", "3")] += 1
    page = _publication(counts, names).school(school).model_dump(mode="json")
    assert page["statistics"]["median_school_days_to_discussion"]["value"] == 3.0
    counts2: Counter[Tally] = Counter(
        {t: n for t, n in counts.items() if t.measure != "case_days_open"}
    )
    counts2[Tally(school, "2026-09", "case_days_open", "30")] = 2
    page2 = _publication(counts2, names).school(school).model_dump(mode="json")
    assert page2["statistics"]["median_days_case_open"] == {"suppressed": "too_few"}


def test_staffing_against_the_ceilings() -> None:
    counts, names = _provider_of(2)
    staffing = _publication(counts, names).school("school-0").model_dump(mode="json")["staffing"]
    assert staffing["students_per_psychologist"] == 650.0
    assert staffing["students_per_kuraattori"] == 1300.0
    assert (staffing["psychologist_ceiling"], staffing["kuraattori_ceiling"]) == (780, 670)
