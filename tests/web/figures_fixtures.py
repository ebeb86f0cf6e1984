"""The communal service's published figures, as its HTTP API answers (CONTEXT: issue 17):
a school with a few hidden cells, a school too small to publish, the provider's."""

from __future__ import annotations

from typing import Any

SCHOOL = "kallio-school"
MONTHS = [f"2026-{m:02d}" for m in range(8, 13)] + [f"2027-{m:02d}" for m in range(1, 8)]
SMALL: dict[str, Any] = {"suppressed": "small"}
CROSS: dict[str, Any] = {"suppressed": "complementary"}


def v(n: int) -> dict[str, Any]:
    return {"value": n}


def row(key: str, months: list[dict[str, Any]], autumn: Any, spring: Any, year: Any) -> Any:
    return {
        "key": key,
        "months": months,
        "terms": {"autumn": autumn, "spring": spring},
        "year": year,
    }


def counts(key: str, *values: int) -> Any:
    """A row of published counts; terms and year their sums (as the service would)."""
    months = list(values) + [0] * (12 - len(values))
    return row(key, [v(n) for n in months], v(sum(months[:5])), v(sum(months[5:])), v(sum(months)))


def tables() -> list[dict[str, Any]]:
    learning = counts("learning", 12, 9, 14, 11, 8, 10, 13, 9, 7, 6, 5, 0)
    # Attendance: September had 3 (shown "<5"), October hidden so that it cannot be worked out.
    attendance = row(
        "attendance",
        [v(6), SMALL, CROSS, v(7), v(8), v(9), v(5), v(6), v(7), v(5), v(6), v(0)],
        CROSS,
        v(38),
        v(66),
    )
    mental = counts("mental_health", 7, 8, 9, 10, 11, 12, 8, 7, 9, 6, 5, 0)
    bullying = counts("social_relations_and_bullying", 5, 6, 7, 8, 5, 6, 7, 8, 9, 5, 6, 0)
    urgent = row("urgent", [SMALL] * 11 + [v(0)], v(9), v(12), v(21))
    routine = counts("routine", 20, 19, 22, 21, 20, 25, 24, 20, 18, 15, 14, 0)
    return [
        {
            "table": "concerns_by_category",
            "additive": False,
            "rows": [learning, attendance, mental, bullying],
            "total": None,
        },
        {
            "table": "concerns_by_urgency",
            "additive": True,
            "rows": [routine, urgent],
            "total": counts("total", 22, 21, 24, 23, 22, 27, 26, 22, 20, 17, 16, 0),
        },
        {
            "table": "discussions",
            "additive": True,
            "rows": [
                counts("within_limit", 10, 11, 12, 9, 10, 12, 11, 10, 9, 8, 7, 0),
                row(
                    "late",
                    [SMALL, v(0), SMALL, v(5), v(0), SMALL, CROSS, v(0), v(0), SMALL, v(0), v(0)],
                    v(9),
                    CROSS,
                    v(16),
                ),
            ],
            "total": None,
        },
        {
            "table": "cases",
            "additive": False,
            "rows": [counts("opened", 8, 9, 7, 6, 5, 8, 7, 6, 5, 5, 6, 0)],
            "total": None,
        },
        {
            "table": "consents",
            "additive": False,
            "rows": [
                counts("given", 5, 6, 5, 7, 5, 6, 5, 5, 6, 5, 5, 0),
                row("refused", [SMALL] + [v(0)] * 11, SMALL, v(0), SMALL),
            ],
            "total": None,
        },
    ]


def school_figures(**changes: Any) -> dict[str, Any]:
    return {
        "school_id": SCHOOL,
        "school_year": 2026,
        "months": MONTHS,
        "as_of": "2026-12-01T22:00:00+00:00",
        "publishable": True,
        "reason": None,
        "tables": tables(),
        "statistics": {
            "discussions_within_limit_share": {"value": 0.85, "n": 130},
            "median_school_days_to_discussion": {"value": 4.0, "n": 130},
            "median_days_case_open": {"suppressed": "too_few"},
        },
        "open_cases": [
            v(8),
            v(14),
            v(19),
            SMALL,
            CROSS,
            v(20),
            v(21),
            v(18),
            v(15),
            v(12),
            v(10),
            v(9),
        ],
        "staffing": {
            "students": 900,
            "psychologist_fte": 1.0,
            "kuraattori_fte": 1.5,
            "students_per_psychologist": 900.0,
            "students_per_kuraattori": 600.0,
            "psychologist_ceiling": 780,
            "kuraattori_ceiling": 670,
        },
        **changes,
    }


def too_small() -> dict[str, Any]:
    return {
        "school_id": "pikku-school",
        "school_year": 2026,
        "months": MONTHS,
        "as_of": "2026-12-01T22:00:00+00:00",
        "publishable": False,
        "reason": "too_small",
        # A service that sent tables anyway must still not have them shown.
        "tables": [{"table": "cases", "additive": False, "rows": [counts("opened", 3)]}],
        "statistics": {},
        "open_cases": [],
        "staffing": None,
    }


def headline(concerns: Any, opened: Any, refused: Any) -> dict[str, Any]:
    return {
        "concerns": concerns,
        "cases_opened": opened,
        "group_formed": v(12),
        "within_limit": v(90),
        "late": CROSS,
        "deadline_passed": SMALL,
        "consents_refused": refused,
    }


def provider_figures() -> dict[str, Any]:
    stats = {
        "discussions_within_limit_share": {"value": 0.85, "n": 130},
        "median_school_days_to_discussion": {"value": 4.5, "n": 130},
        "median_days_case_open": {"value": 41.0, "n": 60},
    }
    return {
        "school_year": 2026,
        "months": MONTHS,
        "as_of": "2026-12-01T22:00:00+00:00",
        "schools": [
            {
                "school_id": SCHOOL,
                "rolled_up": 0,
                "figures": headline(v(260), v(72), SMALL),
                "statistics": stats,
                "staffing": school_figures()["staffing"],
            },
            {
                "school_id": "vallila-school",
                "rolled_up": 0,
                "figures": headline(v(140), v(40), CROSS),
                "statistics": stats,
                "staffing": {
                    **school_figures()["staffing"],
                    "students": 500,
                    "students_per_psychologist": 625.0,
                    "students_per_kuraattori": None,
                    "kuraattori_fte": 0.0,
                },
            },
            {
                "school_id": None,
                "rolled_up": 3,
                "figures": headline(v(31), v(9), v(0)),
                "statistics": {**stats, "median_days_case_open": {"suppressed": "too_few"}},
                "staffing": None,
            },
        ],
        "total": {"figures": headline(v(431), v(121), v(6)), "statistics": stats},
        "tables": tables(),
    }


def welfare_plan() -> dict[str, Any]:
    return {
        "current": {
            "scope": "provider",
            "version": 3,
            "indicators": [
                {
                    "indicator": "discussions_within_limit_share",
                    "target": "95 %",
                    "note": "Every school within the limit",
                },
                {
                    "indicator": "concerns_social_relations_and_bullying",
                    "target": "fewer than last year",
                    "note": "",
                },
                {"indicator": "consents_refused", "target": "followed", "note": ""},
            ],
        },
        "versions": [],
        "review": None,
    }
