"""A guardian-notice hold (§16.3): asked for with a ground, it expires unless a health or
social care professional keeps it, which sets a new expiry; at its expiry it lapses and the
guardian may be told."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.intake.domain.concern import Concern, ConcernRejected
from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.record import EntryKind
from services.welfare_group.domain.record_content import CaseOpened, GuardianHoldConfirmed
from services.welfare_group.domain.timers import TimerKind, still_matters, timers_for
from shared.contracts import ConcernCategory, GuardianHoldGround, Urgency
from tests.support.cases import PSY, PSYCHOLOGIST, TEACHER

HELSINKI = ZoneInfo("Europe/Helsinki")
OPENED = datetime(2026, 11, 23, 9, tzinfo=UTC)


def held(responsible: bool = True, days: int = 14) -> Case:
    return open_case(
        concern_id=uuid.uuid4(), student_ref="student-0001", school_id="kallio-school",
        categories=[ConcernCategory.MENTAL_HEALTH], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=True, responsible=PSY if responsible else None,
        raised_by=TEACHER, requested_on=OPENED.date(), calendar=SchoolCalendar(), now=OPENED,
        guardian_hold_ground=GuardianHoldGround.RISK_TO_STUDENT, hold_days=days,
    )  # fmt: skip


def test_intake_refuses_a_hold_without_a_ground() -> None:
    fields: dict[str, Any] = {
        "student_ref": "student-0001", "school_id": "kallio-school", "raised_by": TEACHER,
        "categories": [ConcernCategory.MENTAL_HEALTH], "urgency": Urgency.ROUTINE,
        "description": "withdrawn", "student_informed": True, "guardian_informed": False,
        "now": OPENED,
    }  # fmt: skip
    with pytest.raises(ConcernRejected) as refused:
        Concern.raise_(**fields, guardian_must_not_be_told_yet=True)
    assert refused.value.field_name == "guardian_hold_ground"
    assert "§16.3" in str(refused.value)
    grounded = Concern.raise_(
        **fields, guardian_must_not_be_told_yet=True,
        guardian_hold_ground=GuardianHoldGround.STUDENT_ASKED,
    )  # fmt: skip
    assert grounded.guardian_hold_ground is GuardianHoldGround.STUDENT_ASKED


def test_a_hold_has_its_ground_and_an_expiry_and_a_timer_for_it() -> None:
    case = held(days=10)
    hold = case.guardian_notice_hold
    assert hold is not None
    assert (hold.ground, hold.expires_on) == (GuardianHoldGround.RISK_TO_STUDENT, date(2026, 12, 3))
    opened = case.record.entries[0].content
    assert isinstance(opened, CaseOpened)
    assert opened.guardian_hold_ground is GuardianHoldGround.RISK_TO_STUDENT
    (timer,) = [t for t in timers_for(case, SchoolCalendar(), HELSINKI)
                if t.kind is TimerKind.GUARDIAN_HOLD_EXPIRES]  # fmt: skip
    assert timer.due_on == date(2026, 12, 3)
    assert still_matters(timer, case, OPENED + timedelta(days=10))


def test_a_professionals_keep_sets_a_new_expiry_and_silences_the_old_timer() -> None:
    case = held()
    (old,) = [t for t in timers_for(case, SchoolCalendar(), HELSINKI)
              if t.kind is TimerKind.GUARDIAN_HOLD_EXPIRES]  # fmt: skip
    at = OPENED + timedelta(days=5)
    kept = step.decide_guardian_hold(
        case, keep=True, ground="still at risk", by=PSYCHOLOGIST, at=at
    )
    hold = kept.guardian_notice_hold
    assert hold is not None
    assert hold.expires_on == at.date() + timedelta(days=14)
    assert hold.confirmed_by == PSYCHOLOGIST.staff_id
    decision = kept.record.entries[-1].content
    assert isinstance(decision, GuardianHoldConfirmed)
    assert decision.expires_on == hold.expires_on
    assert not still_matters(old, kept, OPENED + timedelta(days=14))


def test_at_its_expiry_a_hold_lapses_in_the_leads_name_and_the_guardian_may_be_told() -> None:
    case = held()
    assert not case.guardian_may_be_notified
    lapsed = step.lapse_guardian_hold(case, at=OPENED + timedelta(days=14))
    entry = lapsed.record.entries[-1]
    assert entry.kind is EntryKind.GUARDIAN_HOLD_LAPSED
    assert entry.author == PSY
    assert lapsed.guardian_notice_hold is None
    assert lapsed.guardian_may_be_notified
    # While nobody leads the case, the lapse is entered as the raiser's request's.
    unled = step.lapse_guardian_hold(held(responsible=False), at=OPENED + timedelta(days=14))
    assert unled.record.entries[-1].author == TEACHER
    assert step.lapse_guardian_hold(lapsed, at=OPENED + timedelta(days=15)) is lapsed
