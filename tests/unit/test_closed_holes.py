"""Issue 12's findings at the level of the rules: each would pass on the code before it.

Reproductions against real servers are in tests/integration/test_closed_holes.py.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from services.notifications.domain.messages import MessageFacts, MessageKind, render
from services.notifications.domain.recipients import Language, Reason
from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import link_concern, open_case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.need_to_know import Basis, basis_for
from services.welfare_group.domain.record import EntryKind
from services.welfare_group.domain.record_content import ConsentWithdrawn
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.service_layer.steps.group_work import MeasuresRequest, MeetingRequest
from services.welfare_group.service_layer.steps.record_keeping import DiscussionOfferRequest
from shared.contracts import ConcernCategory, StaffMember, Urgency
from shared.security import Principal, Role
from tests.support.cases import (
    NURSE,
    PSY,
    PSYCHOLOGIST,
    START,
    STUDENT,
    TEACHER,
    T,
    opened_case,
    with_group,
)

AINO = StaffMember("nurse-aino", Role.NURSE)
PRINCIPAL = StaffMember("principal-paula", Role.PRINCIPAL)
KAISA = StaffMember("kuraattori-kaisa", Role.KURAATTORI)


def _consent_for(case: Case, members: list[str], at: datetime) -> Case:
    return step.decide_consent(
        case, given=True, given_by=Consenter.STUDENT, student_can_judge=True,
        purpose="expert group", members=members, outside_parties=(),
        form=ConsentForm.WRITTEN, capacity_reasons="understands it", by=PSYCHOLOGIST, at=at,
    )  # fmt: skip


def test_withdrawn_consent_dissolves_the_group_and_a_former_member_cannot_take_over() -> None:
    case = step.withdraw_consent(with_group(), by=PSYCHOLOGIST, at=T[3])
    assert case.group is not None
    assert case.group.member_ids == {"psychologist-elias"}  # the lead stays, the nurse left
    withdrawn = case.record.entries[-1].content
    assert isinstance(withdrawn, ConsentWithdrawn)
    assert withdrawn.left_group == ["nurse-aino"]
    # Finding 3: a new consent naming the nurse let her form a group of herself.
    case = _consent_for(case, ["nurse-aino"], T[4])
    nurse = Principal("nurse-aino", Role.NURSE)
    assert basis_for(case, nurse) is None  # not in the group any more: no way in
    with pytest.raises(RuleViolation) as refused:
        step.form_group(
            case, members=[NURSE], responsible="nurse-aino", by=AINO, at=T[5], student=STUDENT
        )
    assert refused.value.rule == "§14"
    assert case.responsible is not None
    assert case.responsible.staff_id == "psychologist-elias"


def test_only_the_lead_or_the_principal_forms_the_group() -> None:
    consented = _consent_for(opened_case(), ["psychologist-elias", "nurse-aino"], T[1])
    with pytest.raises(RuleViolation, match="responsible person"):
        step.form_group(consented, members=[PSY, NURSE], responsible="psychologist-elias",
                        by=AINO, at=T[2], student=STUDENT)  # fmt: skip
    formed = step.form_group(consented, members=[PSY, NURSE], responsible="psychologist-elias",
                             by=PRINCIPAL, at=T[2], student=STUDENT)  # fmt: skip
    assert formed.group is not None


def _opened(*, hold: bool, responsible: StaffMember | None = None) -> Case:
    return open_case(
        concern_id=uuid.uuid4(), student_ref="student-0002", school_id="kallio-school",
        categories=[ConcernCategory.FAMILY_SITUATION], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=hold, responsible=responsible or KAISA,
        raised_by=TEACHER, requested_on=START.date(), calendar=SchoolCalendar(), now=START,
    )  # fmt: skip


def test_a_raisers_hold_is_a_request_the_lead_keeps_or_lifts_in_the_record() -> None:
    guardian = Principal("guardian-0002", Role.GUARDIAN, student_refs=frozenset({"student-0002"}))
    case = _opened(hold=True)
    assert case.guardian_notice_hold is not None
    assert not case.guardian_may_be_notified
    assert case.guardian_may_see_record  # no §18 bar: only the professional's step bars
    assert basis_for(case, guardian) is None  # held: not told, not shown, until reviewed
    kuraattori = StaffMember("kuraattori-kaisa", Role.KURAATTORI)
    with pytest.raises(RuleViolation) as refused:
        step.decide_guardian_hold(case, keep=True, ground="x", by=TEACHER, at=T[0])
    assert refused.value.rule == "§18"
    kept = step.decide_guardian_hold(case, keep=True, ground="risk at home", by=kuraattori, at=T[0])
    assert kept.guardian_notice_hold is not None
    assert kept.guardian_notice_hold.confirmed_by == "kuraattori-kaisa"
    lifted = step.decide_guardian_hold(kept, keep=False, ground="safe now", by=kuraattori, at=T[1])
    assert lifted.guardian_notice_hold is None
    assert lifted.guardian_may_be_notified
    assert basis_for(lifted, guardian) is Basis.GUARDIAN
    kinds = [e.kind for e in lifted.record.entries]
    assert kinds[-2:] == [EntryKind.GUARDIAN_HOLD_CONFIRMED, EntryKind.GUARDIAN_HOLD_LIFTED]
    with pytest.raises(RuleViolation, match="no request"):
        step.decide_guardian_hold(lifted, keep=False, ground="again", by=kuraattori, at=T[2])


def test_a_concern_from_another_school_never_joins_the_case() -> None:
    with pytest.raises(ValueError, match="another school"):
        link_concern(
            _opened(hold=False),
            concern_id=uuid.uuid4(), school_id="some-other-school",
            categories=[ConcernCategory.OTHER], urgency=Urgency.URGENT,
            guardian_must_not_be_told_yet=True, raised_by=TEACHER, requested_on=START.date(),
            calendar=SchoolCalendar(), now=START,
        )  # fmt: skip


def test_the_principal_reaches_only_an_unassigned_case_of_their_own_school() -> None:
    paula = Principal("principal-paula", Role.PRINCIPAL, school_ids=frozenset({"kallio-school"}))
    other = Principal("principal-pekka", Role.PRINCIPAL, school_ids=frozenset({"toolo-school"}))
    unassigned = open_case(
        concern_id=uuid.uuid4(), student_ref="student-0002", school_id="kallio-school",
        categories=[ConcernCategory.OTHER], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=False, responsible=None, raised_by=TEACHER,
        requested_on=START.date(), calendar=SchoolCalendar(), now=START,
    )  # fmt: skip
    assert unassigned.unassigned
    assert basis_for(unassigned, paula) is Basis.PRINCIPAL
    assert basis_for(unassigned, other) is None
    with pytest.raises(RuleViolation, match="§16"):
        step.assign_responsible(unassigned, member=StaffMember("teacher-tiina",
                                Role.TEACHER), by=PRINCIPAL, at=T[0])  # fmt: skip
    with pytest.raises(RuleViolation, match="principal"):
        step.assign_responsible(unassigned, member=KAISA, by=AINO, at=T[0])
    assigned = step.assign_responsible(unassigned, member=KAISA, by=PRINCIPAL, at=T[0])
    assert assigned.responsible == KAISA
    assert basis_for(assigned, paula) is None  # led now: the principal has no need to know
    assert assigned.record.entries[-1].kind is EntryKind.RESPONSIBLE_ASSIGNED


FAR: list[tuple[type[Any], dict[str, Any], str]] = [
    (MeetingRequest, {"on": "0001-01-01T00:00:00+14:00", "attendees": []}, "on"),
    (MeetingRequest, {"on": "9999-12-31T23:59:59+00:00", "attendees": []}, "on"),
    (DiscussionOfferRequest, {"offered_on": "9999-12-31"}, "offered_on"),
    (MeasuresRequest, {"measures": [{
        "kind": "other", "description": "x", "carried_out_by": "a-1", "followed_up_by": "a-1",
        "review_on": "0001-01-01"}]}, "measures.0.review_on"),
]  # fmt: skip


@pytest.mark.parametrize(("model", "body", "field"), FAR)
def test_dates_beyond_what_a_school_plans_are_refused_naming_the_field(
    model: type[Any], body: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as invalid:
        model.model_validate(body)
    assert field in {".".join(str(p) for p in e["loc"]) for e in invalid.value.errors()}


def test_a_meeting_next_month_is_accepted() -> None:
    soon = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    body = {"on": soon, "attendees": [{"staff_id": "nurse-aino", "role": "nurse"}]}
    assert MeetingRequest.model_validate(body).on.isoformat() == soon


def test_a_message_that_cannot_be_rendered_still_says_where_to_go() -> None:
    facts = MessageFacts(case_link="https://app/cases/1", family_link="https://app/family",
                         due_on=None, urgent=False)  # fmt: skip
    # No template for this pair: before, a KeyError dead-lettered the whole plan.
    message = render(MessageKind.MEETING_SCHEDULED, Reason.GUARDIAN, Language.SV, facts)
    assert "https://app/family" in message.body
