"""Tallies of made-up schools, as the read-model would hold them, for the figures' tests."""

from __future__ import annotations

import random
from collections import Counter

from services.communal.domain.periods import SchoolYear
from services.communal.domain.tallies import Tally

YEAR = SchoolYear(2026)
CATEGORIES = [
    "learning", "attendance", "mental_health", "physical_health",
    "social_relations_and_bullying", "family_situation", "substance_use", "other",
]  # fmt: skip


def concern(
    counts: Counter[Tally],
    school: str,
    month: str,
    categories: list[str],
    urgency: str = "routine",
    raiser: str = "staff",
) -> None:
    counts[Tally(school, month, "concerns", "all")] += 1
    for category in categories:
        counts[Tally(school, month, "concerns_by_category", category)] += 1
    counts[Tally(school, month, "concerns_by_urgency", urgency)] += 1
    counts[Tally(school, month, "concerns_by_raiser", raiser)] += 1


def school_year(rng: random.Random, school: str, per_month: int) -> Counter[Tally]:
    """A school's year: about ``per_month`` concerns a month and what follows from them."""
    counts: Counter[Tally] = Counter()
    still_open = 0
    for month in YEAR.months:
        for _ in range(rng.randint(0, 2 * per_month)):
            picked = rng.sample(CATEGORIES, rng.choice([1, 1, 1, 2]))
            urgency = rng.choice(["routine", "routine", "routine", "urgent"])
            raiser = rng.choice(["staff", "staff", "staff", "student", "guardian", "other"])
            concern(counts, school, month, picked, urgency, raiser)
            if rng.random() < 0.5:
                still_open += 1
                counts[Tally(school, month, "cases", "opened")] += 1
                offered = rng.choice(["within_limit", "within_limit", "late", "no_limit"])
                counts[Tally(school, month, "discussions", offered)] += 1
                days = rng.randint(0, 12)
                counts[Tally(school, month, "school_days_to_discussion", str(days))] += 1
            if still_open and rng.random() < 0.4:
                still_open -= 1
                counts[Tally(school, month, "cases", "closed")] += 1
                counts[Tally(school, month, "case_days_open", str(rng.randint(5, 200)))] += 1
            if rng.random() < 0.1:
                counts[Tally(school, month, "discussions", "deadline_passed")] += 1
            if rng.random() < 0.2:
                counts[Tally(school, month, "cases", "group_formed")] += 1
                counts[Tally(school, month, "consents", rng.choice(["given", "refused"]))] += 1
                counts[Tally(school, month, "measures", "support_discussions")] += 1
            for _ in range(rng.randint(0, 3)):
                outcome = "delivered" if rng.random() < 0.95 else "failed"
                counts[Tally(school, month, "notifications", outcome)] += 1
    return counts
