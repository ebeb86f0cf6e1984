"""Valid events and requests, with only what a test cares about spelled out."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from shared.contracts import (
    CaseOpenedData,
    CaseOpenedV1,
    CaseStepRecordedData,
    CaseStepRecordedV1,
    ConcernRaisedData,
    ConcernRaisedV1,
    DeadlineBreachedData,
    DeadlineBreachedV1,
    Role,
    StaffMember,
    utc_now,
)


def concern_raised(student_ref: str = "student-0001", **data: Any) -> ConcernRaisedV1:
    fields: dict[str, Any] = {
        "concern_id": uuid.uuid4(),
        "student_ref": student_ref,
        "school_id": "kallio-school",
        "raised_by": StaffMember(staff_id="teacher-tiina", role=Role.TEACHER),
        "categories": ["mental_health"],
        "urgency": "routine",
        "student_informed": True,
        "guardian_informed": False,
        "guardian_must_not_be_told_yet": False,
        "raised_at": utc_now(),
        **data,
    }
    return ConcernRaisedV1.first(
        producer="intake", partition_key=student_ref, data=ConcernRaisedData(**fields)
    )


def discussion_requested(
    student_ref: str = "student-0001", by: str = "student", **data: Any
) -> ConcernRaisedV1:
    """The student's own request (or, ``by="guardian"``, guardian-0001's) for a discussion."""
    asker = {"student": student_ref, "guardian": "guardian-0001"}[by]
    fields = {
        "raised_by": None,
        "requested_by": by,
        "requester_ref": asker,
        "discussion_with": "kuraattori",
        "categories": ["other"],
        **data,
    }
    return concern_raised(student_ref, **fields)


def discussion_request(**overrides: Any) -> dict[str, Any]:
    """A valid body for POST /students/{student_ref}/discussion-requests."""
    return {"school_id": "kallio-school", "discussion_with": "kuraattori", **overrides}


def contact_request(**overrides: Any) -> dict[str, Any]:
    """A valid body for POST /contacts: a youth worker's phone call, as staff took it."""
    return {
        "student_ref": "student-0001",
        "school_id": "kallio-school",
        "contact_kind": "phone",
        "caller_description": "Youth worker at the club: the student has not come for weeks.",
        "discussion_with": "kuraattori",
        "categories": ["social_relations_and_bullying"],
        "urgency": "routine",
        "student_informed": False,
        "guardian_informed": False,
        **overrides,
    }


def case_opened(student_ref: str = "student-0001", **data: Any) -> CaseOpenedV1:
    fields: dict[str, Any] = {
        "case_id": uuid.uuid4(),
        "concern_id": uuid.uuid4(),
        "student_ref": student_ref,
        "school_id": "kallio-school",
        "categories": ["mental_health"],
        "urgency": "routine",
        "responsible": StaffMember(staff_id="psychologist-elias", role=Role.PSYCHOLOGIST),
        "notify_roles": ["nurse", "psychologist"],
        "referred_to": "psychologist",
        "guardian_may_be_notified": True,
        "discussion_due_on": date(2026, 12, 2),
        "opened_at": utc_now(),
        **data,
    }
    return CaseOpenedV1.first(
        producer="welfare_group", partition_key=student_ref, data=CaseOpenedData(**fields)
    )


def raise_concern_request(**overrides: Any) -> dict[str, Any]:
    """A staff member's concern; a hold on guardian notices comes with a ground (§16.3)
    unless the test gives one (or ``None``)."""
    if overrides.get("guardian_must_not_be_told_yet") and not overrides.get("guardian_informed"):
        overrides = {"guardian_hold_ground": "student_asked", **overrides}
    return {
        "student_ref": "student-0001",
        "school_id": "kallio-school",
        "categories": ["mental_health"],
        "urgency": "routine",
        "description": "Has seemed withdrawn and tired in class for two weeks.",
        "student_informed": True,
        "guardian_informed": False,
        **overrides,
    }


def step_recorded(step: str, student_ref: str = "student-0001", **data: Any) -> CaseStepRecordedV1:
    fields: dict[str, Any] = {
        "case_id": uuid.uuid4(),
        "student_ref": student_ref,
        "school_id": "kallio-school",
        "step": step,
        "entry_seq": 3,
        "status": "consent_requested",
        "recorded_by": StaffMember(staff_id="psychologist-elias", role=Role.PSYCHOLOGIST),
        "involved": [],
        "responsible": StaffMember(staff_id="psychologist-elias", role=Role.PSYCHOLOGIST),
        "guardian_may_be_notified": True,
        **data,
    }
    return CaseStepRecordedV1.first(
        producer="welfare_group", partition_key=student_ref, data=CaseStepRecordedData(**fields)
    )


def deadline_breached(student_ref: str = "student-0001", **data: Any) -> DeadlineBreachedV1:
    fields: dict[str, Any] = {
        "timer_id": uuid.uuid4(),
        "case_id": uuid.uuid4(),
        "student_ref": student_ref,
        "school_id": "kallio-school",
        "urgency": "routine",
        "responsible": StaffMember(staff_id="psychologist-elias", role=Role.PSYCHOLOGIST),
        "due_on": date(2026, 12, 2),
        "fired_at": utc_now(),
        **data,
    }
    return DeadlineBreachedV1.first(
        producer="welfare_group", partition_key=student_ref, data=DeadlineBreachedData(**fields)
    )


# The steps that give a case a consented expert group of the psychologist and the nurse.
GROUP_MEMBERS = [
    {"staff_id": "psychologist-elias", "role": "psychologist"},
    {"staff_id": "nurse-aino", "role": "nurse"},
]
CONSENTED_GROUP_STEPS: list[tuple[str, dict[str, Any]]] = [
    ("consent-requests", {"from": "guardian", "purpose": "expert group"}),
    (
        "consent-decisions",
        {
            "given": True,
            "given_by": "guardian",
            "student_can_judge": False,
            "capacity_reasons": "too young to take in what the group would do",
            "purpose": "expert group",
            "members": [m["staff_id"] for m in GROUP_MEMBERS],
            "form": "written",
        },
    ),
    ("expert-group", {"members": GROUP_MEMBERS, "responsible": "psychologist-elias"}),
]


def day_ahead(days: int) -> str:
    """An ISO date ``days`` from today: steps refuse dates past their horizon or in the past."""
    return (date.today() + timedelta(days=days)).isoformat()


def moment_ahead(days: int, at: str = "10:00:00+02:00") -> str:
    """An ISO moment ``days`` from today, at school time."""
    return f"{day_ahead(days)}T{at}"
