"""The capacity assessment behind a consent (§14): for a minor, made by a health or social
care professional, who records it with its reasons; refused otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.record_content import ConsentDecision
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import Role, StaffMember
from tests.support.cases import NURSE, TEACHER, T, opened_case

SPECIAL_TEACHER = StaffMember("special-teacher-onni", Role.SPECIAL_NEEDS_TEACHER)


def decided(case: Case, *, by: StaffMember, reasons: str | None, **kw: Any) -> Case:
    fields: dict[str, Any] = {
        "given": True, "given_by": Consenter.STUDENT, "student_can_judge": True,
        "purpose": "expert group", "members": ["nurse-aino"], "outside_parties": (),
        "form": ConsentForm.WRITTEN, **kw,
    }  # fmt: skip
    return step.decide_consent(case, **fields, capacity_reasons=reasons, by=by, at=T[1])


@pytest.mark.parametrize("assessor", [TEACHER, SPECIAL_TEACHER])
def test_a_teacher_does_not_assess_a_minors_capacity(assessor: StaffMember) -> None:
    with pytest.raises(RuleViolation) as refused:
        decided(opened_case(), by=assessor, reasons="seems mature")
    assert refused.value.rule == "§14"
    assert "health or social care professional" in refused.value.message


@pytest.mark.parametrize("reasons", [None, "", "   "])
def test_a_minors_capacity_assessment_gives_its_reasons(reasons: str | None) -> None:
    with pytest.raises(RuleViolation) as refused:
        decided(opened_case(), by=NURSE, reasons=reasons)
    assert refused.value.rule == "§14"
    assert "reasons" in refused.value.message


def test_the_record_says_who_assessed_capacity_and_why() -> None:
    case = decided(opened_case(), by=NURSE, reasons="explained it twice; she retells it well")
    decision = case.record.entries[-1].content
    assert isinstance(decision, ConsentDecision)
    assert decision.capacity_assessed_by == "nurse-aino"
    assert decision.capacity_reasons == "explained it twice; she retells it well"
    assert case.consents[-1].capacity_assessed_by == "nurse-aino"


def test_an_adult_who_decides_for_themself_needs_no_assessment_but_one_found_unable_does() -> None:
    adult = step.come_of_age(opened_case(), of_age=True)
    assert decided(adult, by=TEACHER, reasons=None).consents[-1].given
    with pytest.raises(RuleViolation) as refused:
        decided(
            adult, by=NURSE, reasons=None,
            given_by=Consenter.REPRESENTATIVE, student_can_judge=False,
        )  # fmt: skip
    assert refused.value.rule == "§14"
