"""The local check of communal welfare's free text: what singles out one student by its
shape alone (an identity code, a student reference, a case id) is found, field by field;
ordinary school text is not; and a refusal never repeats what was written."""

from __future__ import annotations

import uuid

import pytest

from services.communal.domain.refusals import Refused, location
from services.communal.domain.screening import Finding, MentionsAStudent, screen


@pytest.mark.parametrize(
    "text",
    [
        "Hetu 131052-308T kävi",
        "(010101A123B)",
        "born 311299+9999, see",
        "290200b1234: lowercase and a new century sign",
        "270625Y123X",
        "hetu:010190-123a.",
    ],
)
def test_an_identity_code_is_found_wherever_it_stands(text: str) -> None:
    assert screen({"minutes": text}) == {"minutes": frozenset({Finding.IDENTITY_CODE})}


@pytest.mark.parametrize(
    "text",
    [
        "Meeting on 2026-11-30 at 14.00, room 123",
        "Call 040 123 4567 or +358401234567",
        "Budget 150000-200000 euros for the autumn",
        "Invoice 123456-7890",  # no month 34: not a code
        "Order 9131052-308T1",  # a code's shape inside a longer token
        "Grade 9 students, 25 of them, and 3 teachers",
        "The student council meets; students' union; studentti",
    ],
)
def test_ordinary_school_text_is_not_taken_for_a_student(text: str) -> None:
    assert screen({"agenda.0": text}) == {}


@pytest.mark.parametrize(
    "text", ["about student-0001", "Student_12's mother", "oppilas-3", "elev-7", "pupil42"]
)
def test_a_student_reference_is_found(text: str) -> None:
    assert screen({"title": text}) == {"title": frozenset({Finding.STUDENT_REF})}


def test_a_case_id_is_found_and_a_uuid_is_never_taken_for_an_identity_code() -> None:
    case_id = uuid.UUID("3fa85f64-5717-4562-b3fc-2c963f66afa6")
    assert screen({"decisions.0": f"as in case {case_id}"}) == {
        "decisions.0": frozenset({Finding.CASE_REF})
    }
    for _ in range(2000):  # about one in seventy has a run shaped like an identity code
        text = str(uuid.uuid4())
        assert screen({"t": text.upper()}) == screen({"t": text}) == {"t": {Finding.CASE_REF}}


def test_findings_are_per_field_and_every_kind_a_field_has() -> None:
    found = screen({
        "title": "Autumn meeting",
        "agenda.0": "student-0001 and 010101-123A",
        "agenda.1": "Bullying in the yard",
    })  # fmt: skip
    assert found == {"agenda.0": frozenset({Finding.STUDENT_REF, Finding.IDENTITY_CODE})}


def test_the_refusal_names_the_fields_in_order_and_says_what_to_do_without_the_text() -> None:
    refusal = MentionsAStudent({
        "agenda.1": {"student_name"}, "parts.cooperation": {"identity_code"},
        "indicators.0.note": {"student_ref"},
    })  # fmt: skip
    assert refusal.fields == ("agenda.1", "parts.cooperation", "indicators.0.note")
    assert [e["loc"] for e in refusal.errors()] == [
        ["body", "agenda", 1],
        ["body", "parts", "cooperation"],
        ["body", "indicators", 0, "note"],
    ]
    assert {e["type"] for e in refusal.errors()} == {"mentions_a_student"}
    message = refusal.message
    assert "whole school" in message
    assert "never about one student" in message
    assert "expert group" in message
    assert "without naming anyone" in message
    assert refusal.findings["agenda.1"] == {"student_name"}


def test_a_refusal_is_a_value_error_with_the_fields_and_a_code() -> None:
    refusal = Refused(["held_on"], "too_far_ahead", "Check the year.")
    assert isinstance(refusal, ValueError)
    assert refusal.errors() == [
        {"loc": ["body", "held_on"], "msg": "Check the year.", "type": "too_far_ahead"}
    ]
    assert location("indicators.12.target") == ["body", "indicators", 12, "target"]
