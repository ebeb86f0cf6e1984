"""THE test: one student's concern, and an attacker who has every published figure.

A school where exactly one student had a concern about substance use, in October. The
attacker reads every view (each school's page, the schools side by side, the provider's
trends), differences every published figure against every other that a relation ties it
to, and solves linear programmes of their own: the student's cell stays anywhere in 0-4.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.communal.domain.publication import Publication, publish
from services.communal.domain.publication_staffing import Staffing
from services.communal.domain.tallies import Tally
from tests.support.communal_attacker import Attacker
from tests.support.communal_tallies import YEAR, concern, school_year

AS_OF = datetime(2027, 8, 1, tzinfo=UTC)
STAFFING = Staffing(students=500, psychologist_fte=0.6, kuraattori_fte=0.8)


def _attacker(publication: Publication, schools: list[str]) -> Attacker:
    pages = {s: publication.school(s).model_dump(mode="json") for s in schools}
    return Attacker(publication.provider().model_dump(mode="json"), pages)


def _one_student_provider() -> tuple[Counter[Tally], list[str]]:
    rng = random.Random(17)
    counts: Counter[Tally] = Counter()
    schools = ["kallio-school", "vallila-school", "sornainen-school", "pasila-school"]
    for school in schools[1:]:
        counts.update(school_year(rng, school, per_month=6))
    # Kallio: plenty of concerns, and exactly one about substance use, in October.
    for month in YEAR.months:
        for i in range(8):
            concern(counts, "kallio-school", month, [["learning", "attendance"][i % 2]])
    concern(counts, "kallio-school", "2026-10", ["substance_use"], raiser="guardian")
    return counts, schools


def test_one_students_concern_cannot_be_singled_out() -> None:
    counts, schools = _one_student_provider()
    publication = publish(counts, dict.fromkeys(schools, STAFFING), YEAR, AS_OF)
    assert publication.school("kallio-school").publishable
    attacker = _attacker(publication, schools)
    targets = [
        ("school", "kallio-school", "concerns_by_category", "substance_use", column)
        for column in ("2026-10", "autumn", "year")
    ] + [
        ("provider", "concerns_by_category", "substance_use", "2026-10"),
        ("school", "kallio-school", "concerns_by_raiser", "guardian", "2026-10"),
    ]
    derived = attacker.differenced()
    for target in targets:
        assert target not in attacker.known, f"{target} is published"
        assert target not in derived, f"{target} is the difference of published figures"
        low, high = attacker.range_of(target)
        assert high - low >= 1, f"{target} is pinned to {low}-{high}"
    # The row the student is in still shows its other months, zeros as "<5" like any count.
    page = publication.school("kallio-school").model_dump(mode="json")
    row = next(
        r
        for t in page["tables"]
        if t["table"] == "concerns_by_category"
        for r in t["rows"]
        if r["key"] == "substance_use"
    )
    assert row["months"][2] == {"suppressed": "small"}


@settings(
    max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(seed=st.integers(0, 10_000), schools=st.integers(2, 3), rate=st.integers(1, 6))
def test_no_small_count_can_be_pinned_in_random_publications(
    seed: int, schools: int, rate: int
) -> None:
    rng = random.Random(seed)
    names = [f"school-{i}" for i in range(schools)]
    counts: Counter[Tally] = Counter()
    for i, name in enumerate(names):
        counts.update(school_year(rng, name, per_month=rate + i))
    publication = publish(counts, dict.fromkeys(names, STAFFING), YEAR, AS_OF)
    if not publication.provider().publishable:
        return
    attacker = _attacker(publication, names)
    derived = attacker.differenced()
    # Every count of 1-4 anywhere: none is published, none differenced out; a sample of
    # them against the attacker's own programmes (each is two of them).
    truth = _truth(counts, publication)
    small = sorted(v for v, n in truth.items() if 0 < n < 5 and v in attacker.variables)
    for var in small:
        assert var not in attacker.known, f"{var} = {truth[var]} is published"
        assert var not in derived or not 0 < derived[var] < 5, f"{var} is differenced out"
    for var in rng.sample(small, min(6, len(small))):
        low, high = attacker.range_of(var)
        assert high - low >= 1, f"{var} = {truth[var]} is pinned to {low}-{high}"


def _truth(counts: Counter[Tally], publication: Publication) -> dict[tuple[str, ...], int]:
    """Each school's and the provider's figures, summed here from the tallies themselves."""
    truth: Counter[tuple[str, ...]] = Counter()
    alone = set(publication.units.alone)
    for tally, n in counts.items():
        if tally.month not in YEAR:
            continue
        term = "autumn" if YEAR.months.index(tally.month) < 5 else "spring"
        units = [("provider",)] + (
            [("school", tally.school_id)] if tally.school_id in alone else []
        )
        for unit in units:
            for column in (tally.month, term, "year"):
                truth[(*unit, tally.measure, tally.key, column)] += n
    return dict(truth)
