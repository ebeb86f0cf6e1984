"""What the communal service would answer the community screens, and who asks."""

from __future__ import annotations

from typing import Any

from services.web.domain.person import SignedIn
from services.web.service_layer.api import Service
from shared.contracts import Role
from tests.fakes.web import FakeServices

SCHOOL = "kallio-school"
OTHER = "vallila-school"
MEETING_ID = "0b8f6a52-3c1d-4e7a-9f20-5d6c7b8a9e01"
PRINCIPAL = SignedIn("principal-paula", Role.PRINCIPAL, (SCHOOL,), locale="en")
KURAATTORI = SignedIn("kuraattori-kim", Role.KURAATTORI, (SCHOOL,), locale="en")
LEAD = SignedIn("lead-leena", Role.WELFARE_LEAD, (SCHOOL, OTHER), locale="en")
TEACHER = SignedIn("teacher-tiina", Role.TEACHER, (SCHOOL,), locale="en")
GUARDIAN = SignedIn("guardian-gun", Role.GUARDIAN, (), ("stu-2041",), locale="en")
MEETINGS = f"/schools/{SCHOOL}/group/meetings"
PLAN = f"/schools/{SCHOOL}/welfare-plan"
MENTION = "…names a student: communal welfare is about the whole school, never about one student"


def a_meeting(**changes: Any) -> dict[str, Any]:
    return {
        "meeting_id": MEETING_ID,
        "school_id": SCHOOL,
        "held_on": "2099-11-30",
        "title": "Break-time supervision",
        "agenda": ["The new playground rota", "Results of the wellbeing survey"],
        "minutes": None,
        **changes,
    }


def minutes(**changes: Any) -> dict[str, Any]:
    return {
        "attended": ["chair", "principal", "kuraattori"],
        "minutes": "The rota leaves the back yard unwatched at lunch.",
        "decisions": ["Two adults in the back yard at lunch from January."],
        "version": 2,
        "saved_at": "2026-12-01T10:00:00+00:00",
        **changes,
    }


def a_plan(**changes: Any) -> dict[str, Any]:
    return {
        "scope": SCHOOL,
        "version": 3,
        "parts": {
            "need_and_services": "Two psychologists' days a week; a nurse every day.",
            "communal_measures": "Morning assemblies on friendship; quiet room at lunch.",
            "cooperation": "Parents' evenings each term; youth services on Thursdays.",
            "against_violence_bullying_harassment": "Adults on every break; the KiVa team.",
        },
        "drawn_up_with": ["students", "staff"],
        "participation_note": "The student council's survey in March.",
        "indicators": [
            {"indicator": "concerns_social_relations_and_bullying", "target": "Fewer", "note": ""},
            {"indicator": "discussions_within_limit_share", "target": "All in time", "note": ""},
        ],
        "adopted_on": "2026-08-15",
        "review_by": "2027-08-15",
        "saved_at": "2026-08-15T09:00:00+00:00",
        "saved_by_role": "principal",
        **changes,
    }


def plan_overview(current: dict[str, Any] | None = None, **review: Any) -> dict[str, Any]:
    if current is None:
        return {"current": None, "versions": [], "review": None}
    return {
        "current": current,
        "versions": [
            {"version": 3, "adopted_on": "2026-08-15", "saved_at": "2026-08-15T09:00:00+00:00"},
            {"version": 2, "adopted_on": "2025-08-14", "saved_at": "2025-08-14T09:00:00+00:00"},
        ],
        "review": {"due_on": "2027-08-15", "days_left": 20, "overdue": False, **review},
    }


def cell(value: int | str) -> dict[str, Any]:
    return {"suppressed": value} if isinstance(value, str) else {"value": value}


def row(key: str, year: int | str) -> dict[str, Any]:
    return {"key": key, "months": [cell(0)] * 12, "terms": {}, "year": cell(year)}


def school_figures(publishable: bool = True, reason: str | None = None) -> dict[str, Any]:
    return {
        "school_id": SCHOOL,
        "school_year": 2026,
        "publishable": publishable,
        "reason": reason,
        "tables": [
            {
                "table": "concerns_by_urgency",
                "additive": True,
                "rows": [row("routine", 30), row("urgent", "complementary")],
                "total": row("total", 41),
            },
            {
                "table": "concerns_by_category",
                "additive": False,
                "rows": [row("social_relations_and_bullying", "small"), row("mental_health", 9)],
                "total": None,
            },
            {
                "table": "cases",
                "additive": False,
                "rows": [row("opened", 12), row("group_formed", "small")],
                "total": None,
            },
        ],
        "statistics": {
            "discussions_within_limit_share": {"value": 0.75, "n": 12},
            "median_school_days_to_discussion": {"suppressed": "too_few"},
            "median_days_case_open": {"suppressed": "too_few"},
        },
    }


def communal(
    meetings: list[dict[str, Any]] | None = None,
    plan: dict[str, Any] | None = None,
    figures: Any = None,
) -> FakeServices:
    services = FakeServices()
    listed = {"meetings": [a_meeting()] if meetings is None else meetings}
    services.answer(Service.COMMUNAL, "GET", MEETINGS, listed)
    services.answer(Service.COMMUNAL, "GET", f"{MEETINGS}/{MEETING_ID}", a_meeting())
    services.answer(Service.COMMUNAL, "GET", PLAN, plan or plan_overview(a_plan()))
    shown = school_figures() if figures is None else figures
    services.answer(Service.COMMUNAL, "GET", f"/statistics/schools/{SCHOOL}", shown)
    return services
