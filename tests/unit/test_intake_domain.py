from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.intake.domain import Concern, ConcernRejected, ConcernStatus
from shared.contracts import ConcernCategory, Role, StaffMember, Urgency

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def _raise(**overrides: object) -> Concern:
    fields: dict[str, object] = {
        "student_ref": "student-0001", "school_id": "kallio-school",
        "raised_by": StaffMember("teacher-tiina", Role.TEACHER),
        "categories": [ConcernCategory.LEARNING], "urgency": Urgency.ROUTINE,
        "description": "  Struggles with reading.  ", "student_informed": True,
        "guardian_informed": False, "guardian_must_not_be_told_yet": False, "now": NOW,
        **overrides,
    }  # fmt: skip
    return Concern.raise_(**fields)  # type: ignore[arg-type]


def test_a_concern_is_received_with_its_description_trimmed() -> None:
    concern = _raise()
    assert concern.status is ConcernStatus.RECEIVED
    assert concern.description == "Struggles with reading."


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"categories": [ConcernCategory.LEARNING] * 2}, "categories"),
        ({"guardian_informed": True, "guardian_must_not_be_told_yet": True},
         "guardian_must_not_be_told_yet"),
        ({"description": "   "}, "description"),
    ],
)  # fmt: skip
def test_a_self_contradicting_concern_is_refused_naming_the_field(
    overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(ConcernRejected) as refused:
        _raise(**overrides)
    assert refused.value.field_name == field


def test_handing_over_is_recorded_once() -> None:
    case_id = uuid.uuid4()
    handed = _raise().hand_over(case_id=case_id, handled_by=Role.PSYCHOLOGIST, at=NOW)
    again = handed.hand_over(case_id=uuid.uuid4(), handled_by=Role.NURSE, at=NOW)
    assert again == handed
    assert handed.case_id == case_id
    assert [s for s, _ in handed.history] == [
        ConcernStatus.RECEIVED,
        ConcernStatus.WITH_WELFARE_GROUP,
    ]
