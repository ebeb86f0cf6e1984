"""``python -m bench.disclosure [5,20,60]``: how long one year's publication takes.

Made-up schools of 200-900 students with about one concern a year per ten students
(the sizes and rates of Finnish comprehensive schools' welfare work), and what follows from
the concerns: cases, discussions, consents, deliveries. Prints, for each provider size, the
figures, how many are hidden and how, and the seconds spent; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from datetime import UTC, datetime

from services.communal.domain.disclosure_model import Status
from services.communal.domain.periods import SchoolYear
from services.communal.domain.publication import publish
from services.communal.domain.publication_layout import TABLES
from services.communal.domain.publication_staffing import Staffing
from services.communal.domain.tallies import Measure, Tally

__all__ = ["main", "provider_of"]

YEAR = SchoolYear(2026)
_CATEGORIES = TABLES[0].keys
_WEIGHTS = [30, 15, 25, 5, 20, 8, 3, 6]  # learning and mental health dominate


def _school(rng: random.Random, school: str, students: int) -> Counter[Tally]:
    counts: Counter[Tally] = Counter()

    def add(month: str, measure: str, key: str) -> None:
        counts[Tally(school, month, measure, key)] += 1

    for month in YEAR.months:
        quiet = month.endswith(("-06", "-07"))  # the summer holiday
        for _ in range(rng.randint(0, max(1, students // (300 if quiet else 80)))):
            add(month, Measure.CONCERNS, "all")
            for c in set(rng.choices(_CATEGORIES, _WEIGHTS, k=rng.choice([1, 1, 2]))):
                add(month, Measure.CONCERNS_BY_CATEGORY, c)
            add(month, Measure.CONCERNS_BY_URGENCY, rng.choices(["routine", "urgent"], [9, 1])[0])
            raiser = rng.choices(["staff", "student", "guardian", "other"], [6, 2, 2, 1])[0]
            add(month, Measure.CONCERNS_BY_RAISER, raiser)
            if rng.random() < 0.6:
                add(month, Measure.CASES, "opened")
                add(month, Measure.DISCUSSIONS, rng.choices(["within_limit", "late"], [8, 1])[0])
                add(month, Measure.SCHOOL_DAYS_TO_DISCUSSION, str(rng.randint(0, 9)))
            if rng.random() < 0.5:
                add(month, Measure.CASES, "closed")
                add(month, Measure.CASE_DAYS_OPEN, str(rng.randint(3, 240)))
            if rng.random() < 0.15:
                add(month, Measure.CASES, "group_formed")
                add(month, Measure.CONSENTS, rng.choices(["given", "refused"], [9, 1])[0])
                add(month, Measure.MEASURES, rng.choice(["support_discussions", "referral"]))
            for _ in range(rng.randint(1, 3)):
                add(month, Measure.NOTIFICATIONS, rng.choices(["delivered", "failed"], [30, 1])[0])
    return counts


def provider_of(schools: int, seed: int = 25) -> tuple[Counter[Tally], dict[str, Staffing]]:
    rng = random.Random(seed)  # noqa: S311 - made-up schools, not secrets
    counts: Counter[Tally] = Counter()
    staffing = {}
    for i in range(schools):
        students = rng.randint(200, 900)
        counts.update(_school(rng, f"school-{i:02d}", students))
        staffing[f"school-{i:02d}"] = Staffing(students, round(students / 700, 2), 0.8)
    return counts, staffing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="?", default="5,20,60")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    print(f"{'schools':>7} {'figures':>8} {'<5':>6} {'x':>6} {'alone':>5} {'seconds':>8}")
    for size in sizes:
        counts, staffing = provider_of(size)
        started = time.perf_counter()
        publication = publish(counts, staffing, YEAR, datetime(2027, 8, 1, tzinfo=UTC))
        spent = time.perf_counter() - started
        hidden = Counter(publication.status.values())
        print(
            f"{size:>7} {len(publication.status):>8} {hidden[Status.SMALL]:>6} "
            f"{hidden[Status.COMPLEMENTARY]:>6} {len(publication.units.alone):>5} {spent:>8.2f}"
        )


if __name__ == "__main__":
    main()
