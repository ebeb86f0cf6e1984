"""Welfare group cases in known states, built through the domain's own steps, shared by the
domain tests (the lifecycle, its properties, timers, need-to-know and the closed holes)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.group import Measure, MeasureKind
from services.welfare_group.domain.students import GuardianContact, StudentIdentity
from shared.contracts import ConcernCategory, Role, StaffMember, Urgency

__all__ = [
    "NURSE",
    "PSY",
    "PSYCHOLOGIST",
    "START",
    "STUDENT",
    "TEACHER",
    "T",
    "consented",
    "measure",
    "opened_case",
    "with_group",
]

PSYCHOLOGIST = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
TEACHER = StaffMember("teacher-tiina", Role.TEACHER)
NURSE = StaffMember("nurse-aino", Role.NURSE)
PSY = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
START = datetime(2026, 11, 23, 9, tzinfo=UTC)
T = [START + timedelta(hours=h) for h in range(1, 30)]
# As the school's student register gives them for the §20.4 header; obviously fictitious.
STUDENT = StudentIdentity(
    student_ref="student-0001",
    given_names="Testi",
    family_name="Oppilas-Yksi",
    identity_code="150312A9018",
    home_municipality="Demokunta",
    date_of_birth=date(2012, 3, 15),
    guardians=(GuardianContact("guardian-0001", "Testi Huoltaja-Yksi", "+358400000001"),),
)


def opened_case() -> Case:
    return open_case(
        concern_id=uuid.uuid4(),
        student_ref="student-0001",
        school_id="kallio-school",
        categories=[ConcernCategory.MENTAL_HEALTH],
        urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=False,
        responsible=StaffMember("psychologist-elias", Role.PSYCHOLOGIST),
        raised_by=TEACHER,
        requested_on=START.date(),
        calendar=SchoolCalendar(),
        now=START,
    )


def consented(members: tuple[str, ...] = ("psychologist-elias", "nurse-aino"), **kw: Any) -> Case:
    case = step.request_consent(
        opened_case(), from_=Consenter.STUDENT, purpose="expert group", by=PSYCHOLOGIST, at=T[0]
    )
    fields: dict[str, Any] = {
        "given": True,
        "given_by": Consenter.STUDENT,
        "student_can_judge": True,
        "capacity_reasons": "talked it through: understands what the group would do",
        "purpose": "expert group",
        "members": members,
        "outside_parties": (),
        "form": ConsentForm.WRITTEN,
        "by": PSYCHOLOGIST,
        "at": T[1],
        **kw,
    }
    return step.decide_consent(case, **fields)


def with_group() -> Case:
    return step.form_group(
        consented(),
        members=[PSY, NURSE],
        responsible=PSY.staff_id,
        by=PSYCHOLOGIST,
        at=T[2],
        student=STUDENT,
    )


def measure(kind: MeasureKind = MeasureKind.SUPPORT_DISCUSSIONS) -> Measure:
    return Measure(
        uuid.uuid4(), kind, "weekly talks", "psychologist-elias", "nurse-aino", date(2027, 1, 15)
    )
