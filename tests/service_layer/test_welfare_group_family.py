"""The family answering a consent request online, through the declared case steps, with no
servers: item by item, in electronic form, only what was asked, on the request's capacity
assessment; refused items kept and refused again at the group; the lead told."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.welfare_group.domain.consent import Consenter
from services.welfare_group.domain.consent_requests import (
    FamilyMember,
    item_decisions,
    requests_for,
)
from services.welfare_group.domain.record_content import ConsentDecision, ConsentWithdrawn
from services.welfare_group.domain.routing import Roster
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.school_overview import deadlines_breached, unassigned
from services.welfare_group.service_layer.concerns import take_up_concern
from services.welfare_group.service_layer.steps import CASE_STEPS
from services.welfare_group.service_layer.taking_steps import take_step
from shared.contracts import Audience, CaseStepRecordedV1, Role, StaffMember
from tests.factories import concern_raised
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup

HELSINKI = ZoneInfo("Europe/Helsinki")
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
AINO = {"staff_id": "nurse-aino", "role": "nurse"}
PSY = {"staff_id": "psychologist-elias", "role": "psychologist"}
TEACHER = StaffMember("teacher-tiina", Role.TEACHER)
GUARDIAN = FamilyMember("guardian-0001", Consenter.GUARDIAN)
STUDENT = FamilyMember("student-0001", Consenter.STUDENT)
STEPS = {step.path: step for step in CASE_STEPS}
ASK = {
    "from": "guardian",
    "purpose": "expert group",
    "members": [PSY, AINO],
    "outside_parties": ["youth-services"],
    "student_can_judge": False,
    "capacity_reasons": "too young to take in what the group would do",
}
ANSWER = {
    "members": ["psychologist-elias", "nurse-aino"],
    "refused_outside_parties": ["youth-services"],
    "form": "electronic",
}


class Walk:
    def __init__(self) -> None:
        self.group = FakeWelfareGroup([KALLIO])

    async def open(self, **concern: Any) -> None:
        event = concern_raised(**concern)
        case = await self.group.transact(lambda u: take_up_concern(event, u, HELSINKI))
        self.case_id = case.case_id

    async def step(
        self, path: str, body: dict[str, Any], by: StaffMember | FamilyMember = ELIAS
    ) -> list[CaseStepRecordedV1]:
        declared = STEPS[path]
        request = declared.request.model_validate(body)
        before = len(self.group.published)
        await self.group.transact(
            lambda u: take_step(
                declared, request, case_id=self.case_id, by=by, unit=u, timezone=HELSINKI
            )
        )
        return [e for e in self.group.published[before:] if isinstance(e, CaseStepRecordedV1)]

    async def refused(
        self, path: str, body: dict[str, Any], by: StaffMember | FamilyMember = GUARDIAN
    ) -> RuleViolation:
        length = len((await self.case()).record.entries)
        with pytest.raises(RuleViolation) as refused:
            await self.step(path, body, by)
        assert len((await self.case()).record.entries) == length  # nothing changed
        return refused.value

    async def case(self) -> Any:
        case = await self.group.cases.get(self.case_id)
        assert case is not None
        return case


async def asked(**ask: Any) -> Walk:
    w = Walk()
    await w.open()
    await w.step("consent-requests", {**ASK, **ask})
    return w


async def test_the_guardian_consents_item_by_item_and_the_refused_party_stays_out() -> None:
    w = await asked()
    (request,) = requests_for(await w.case(), GUARDIAN)
    assert request.decided == {}
    (told,) = await w.step("consent-decisions", ANSWER, by=GUARDIAN)
    # Entered by the professional who asked, told to the lead; nothing of it in the event.
    assert told.data.recorded_by == ELIAS
    assert (told.data.audience, told.data.involved) == (Audience.RESPONSIBLE, [ELIAS.staff_id])
    case = await w.case()
    assert case.status.value == "consent_given"
    decision = case.record.entries[-1].content
    assert isinstance(decision, ConsentDecision)
    assert (decision.answered_by, decision.answers) == ("guardian-0001", request.request_id)
    assert (decision.given_by, decision.form.value, decision.given) == (
        Consenter.GUARDIAN, "electronic", True
    )  # fmt: skip
    assert decision.capacity_assessed_by == ELIAS.staff_id
    assert decision.refused is not None
    assert decision.refused.outside_parties == ["youth-services"]
    assert item_decisions(case.consents) == {
        "psychologist-elias": "consented",
        "nurse-aino": "consented",
        "youth-services": "refused",
    }
    assert requests_for(case, GUARDIAN) == []  # every item answered: no longer open
    with_party = {"members": [PSY, AINO], "responsible": PSY["staff_id"],
                  "outside_parties": ["youth-services"]}  # fmt: skip
    refused = await w.refused("expert-group", with_party, by=ELIAS)
    assert refused.rule == "§14"
    assert "refused" in refused.message
    assert "leave them out" in refused.instead
    await w.step("expert-group", {"members": [PSY, AINO], "responsible": PSY["staff_id"]})
    assert (await w.case()).status.value == "group_formed"


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ({"members": ["psychologist-elias", "kuraattori-kaisa"]}, "not asked"),
        ({"members": ["psychologist-elias"], "outside_parties": ["police"]}, "not asked"),
        ({"members": ["psychologist-elias"], "given_by": "guardian"}, "given_by"),
        ({"members": ["psychologist-elias"], "student_can_judge": False}, "student_can_judge"),
        ({"members": ["psychologist-elias"], "capacity_reasons": "I say so"}, "capacity"),
        ({"members": ["psychologist-elias"], "purpose": "other"}, "purpose"),
        ({"members": ["psychologist-elias"], "form": "written"}, "electronic"),
        ({"members": []}, "names nothing"),
        ({"members": ["nurse-aino"], "refused_members": ["nurse-aino"]}, "at once"),
    ],
)
async def test_the_family_answers_only_what_was_asked_and_only_as_themselves(
    answer: dict[str, Any], words: str
) -> None:
    w = await asked()
    refused = await w.refused("consent-decisions", {"form": "electronic", **answer})
    assert refused.rule == "§14"
    assert words in refused.message
    assert refused.instead


async def test_who_answers_is_what_the_requests_capacity_assessment_decides() -> None:
    w = await asked(**{"from": "student", "student_can_judge": True})
    assert requests_for(await w.case(), GUARDIAN) == []  # asked of the student, not them
    refused = await w.refused(
        "consent-decisions", {"members": ["nurse-aino"], "form": "electronic"}
    )
    assert "no consent request open" in refused.message
    await w.step("consent-decisions", {**ANSWER, "given": True}, by=STUDENT)
    assert (await w.case()).consents[-1].given_by is Consenter.STUDENT


async def test_a_request_without_a_capacity_assessment_is_answered_by_a_professional_only() -> None:
    w = await asked(student_can_judge=None, capacity_reasons=None)
    refused = await w.refused("consent-decisions", ANSWER)
    assert "assessment" in refused.message
    assert "ask again" in refused.instead


async def test_a_guardian_barred_from_taking_part_is_asked_nothing_and_answers_nothing() -> None:
    w = await asked()
    bar = {"bars": ["participation"], "reason": "the student asked",
           "assessment": "in the child's interest"}  # fmt: skip
    await w.step("guardian-bar", bar)
    assert requests_for(await w.case(), GUARDIAN) == []
    assert "no consent request open" in (await w.refused("consent-decisions", ANSWER)).message


async def test_a_refusal_of_everything_is_kept_item_by_item() -> None:
    w = await asked()
    await w.step("consent-decisions", {**ANSWER, "given": False}, by=GUARDIAN)
    case = await w.case()
    assert case.status.value == "consent_refused"
    assert set(item_decisions(case.consents).values()) == {"refused"}


async def test_the_guardian_withdraws_online_what_they_gave_and_the_lead_is_told() -> None:
    w = await asked()
    await w.step("consent-decisions", ANSWER, by=GUARDIAN)
    (told,) = await w.step("consent-withdrawals", {}, by=GUARDIAN)
    assert (told.data.audience, told.data.involved) == (Audience.RESPONSIBLE, [ELIAS.staff_id])
    case = await w.case()
    withdrawn = case.record.entries[-1].content
    assert isinstance(withdrawn, ConsentWithdrawn)
    assert withdrawn.withdrawn_by == "guardian-0001"
    assert case.status.value == "consent_withdrawn"
    assert "no consent" in (await w.refused("consent-withdrawals", {})).message


async def test_a_professional_records_an_itemised_decision_and_must_name_who_decided() -> None:
    w = await asked()
    missing = await w.refused("consent-decisions", {"members": ["nurse-aino"], "form": "written"},
                              by=ELIAS)  # fmt: skip
    assert "who decided" in missing.message
    decision = {"given": True, "given_by": "guardian", "student_can_judge": False,
                "capacity_reasons": "too young", "purpose": "expert group",
                "members": ["nurse-aino"], "refused_members": ["psychologist-elias"],
                "form": "written"}  # fmt: skip
    await w.step("consent-decisions", decision)
    assert item_decisions((await w.case()).consents) == {
        "nurse-aino": "consented",
        "psychologist-elias": "refused",
    }


async def test_asking_with_a_capacity_assessment_is_a_professionals_and_consistent() -> None:
    w = Walk()
    await w.open()
    wrong = await w.refused("consent-requests", ASK, by=TEACHER)
    assert "health or social care professional" in wrong.message
    who = await w.refused("consent-requests", {**ASK, "student_can_judge": True}, by=ELIAS)
    assert "the decision is the student's" in who.message


async def test_the_principal_sees_the_unassigned_and_the_breached_not_the_student() -> None:
    w = Walk()
    principal = StaffMember("principal-mikko", Role.PRINCIPAL)
    w.group.rosters.stored["metsa-school"] = Roster("metsa-school", (principal,))
    await w.open(school_id="metsa-school")  # no welfare staff: nobody leads it
    case = await w.case()
    (nobody,) = unassigned([case])
    assert (nobody.case_id, nobody.unassigned) == (case.case_id, True)
    assert not hasattr(nobody, "student_ref")
    due = case.discussion_due_on
    assert due is not None
    assert deadlines_breached([case], due) == []  # due today: not yet breached
    (late,) = deadlines_breached([case], due + timedelta(days=1))
    assert late.discussion_due_on == due
    assert deadlines_breached([case], date.max) != []
