"""What each event adds to the statistics: counters of a school, month, measure and key."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest

from services.communal.domain.periods import SCHOOL_TIME
from services.communal.domain.tallies import Tally, tallies_of
from shared.contracts import (
    CaseConcernLinkedData,
    CaseConcernLinkedV1,
    NotificationFailedData,
    NotificationFailedV1,
    NotificationSentData,
    NotificationSentV1,
    StepFigures,
)
from tests import factories

SEPT = datetime(2026, 9, 15, 10, 0, tzinfo=SCHOOL_TIME)
SCHOOL = "kallio-school"


def _at(event: Any, moment: datetime = SEPT) -> Any:
    return event.model_copy(update={"occurred_at": moment})


def _keys(event: Any) -> list[tuple[str, str]]:
    tallies = tallies_of(event)
    assert all(t.school_id == SCHOOL and t.month == "2026-09" for t in tallies)
    return [(t.measure, t.key) for t in tallies]


def test_a_concern_counts_once_in_all_and_in_each_of_its_categories() -> None:
    concern = factories.concern_raised(
        categories=["learning", "attendance"], urgency="urgent", raised_at=SEPT
    )
    assert _keys(concern) == [
        ("concerns", "all"),
        ("concerns_by_category", "learning"),
        ("concerns_by_category", "attendance"),
        ("concerns_by_urgency", "urgent"),
        ("concerns_by_raiser", "staff"),
    ]


def test_a_students_own_request_counts_as_raised_by_the_student() -> None:
    request = factories.discussion_requested(raised_at=SEPT)
    assert ("concerns_by_raiser", "student") in _keys(request)


def test_the_month_is_the_concerns_own_time_not_the_envelopes() -> None:
    concern = _at(
        factories.concern_raised(raised_at=SEPT), datetime(2026, 10, 2, tzinfo=SCHOOL_TIME)
    )
    assert {t.month for t in tallies_of(concern)} == {"2026-09"}


def test_case_events_count_in_cases() -> None:
    assert _keys(factories.case_opened(opened_at=SEPT)) == [("cases", "opened")]
    facts = factories.case_opened().data.model_dump(
        exclude={"notify_roles", "opened_at", "guardian_may_be_notified"}
    )
    linked = _at(
        CaseConcernLinkedV1.first(
            producer="welfare_group",
            partition_key="student-0001",
            data=CaseConcernLinkedData(**facts),
        )
    )
    assert _keys(linked) == [("cases", "concern_linked")]
    assert _keys(_at(factories.step_recorded("group_formed"))) == [("cases", "group_formed")]


@pytest.mark.parametrize(
    ("step", "figures", "expected"),
    [
        ("closed", StepFigures(days_open=42), [("cases", "closed"), ("case_days_open", "42")]),
        ("closed", None, [("cases", "closed")]),
        (
            "discussion_offered",
            StepFigures(school_days_to_discussion=3, within_limit=True),
            [("discussions", "within_limit"), ("school_days_to_discussion", "3")],
        ),
        (
            "discussion_offered",
            StepFigures(school_days_to_discussion=9, within_limit=False),
            [("discussions", "late"), ("school_days_to_discussion", "9")],
        ),
        (
            "discussion_offered",
            StepFigures(school_days_to_discussion=2),
            [("discussions", "no_limit"), ("school_days_to_discussion", "2")],
        ),
        ("discussion_offered", None, []),  # nothing says whether a limit ran
        (
            "measures_agreed",
            StepFigures(measure_kinds=["support_discussions", "referral"]),
            [("measures", "support_discussions"), ("measures", "referral")],
        ),
        ("consent_decision", StepFigures(consent_given=True), [("consents", "given")]),
        ("consent_decision", StepFigures(consent_given=False), [("consents", "refused")]),
        ("consent_decision", None, []),
        ("consent_withdrawn", None, [("consents", "withdrawn")]),
        ("meeting_held", None, []),
    ],
)
def test_steps_count_their_figures(
    step: str, figures: StepFigures | None, expected: list[tuple[str, str]]
) -> None:
    assert _keys(_at(factories.step_recorded(step, figures=figures))) == expected


def test_a_passed_deadline_counts_in_discussions() -> None:
    breach = factories.deadline_breached(fired_at=SEPT)
    assert _keys(breach) == [("discussions", "deadline_passed")]


def _sent(school_id: str | None) -> NotificationSentV1:
    data = NotificationSentData(
        notification_id=uuid.uuid4(),
        case_id=uuid.uuid4(),
        recipient_id="nurse-aino",
        recipient_kind="staff",
        channel="email",
        sent_at=SEPT,
        school_id=school_id,
    )
    return NotificationSentV1.first(
        producer="notifications", partition_key="student-0001", data=data
    )


def test_deliveries_count_only_when_they_name_their_school() -> None:
    assert _keys(_sent(SCHOOL)) == [("notifications", "delivered")]
    assert tallies_of(_sent(None)) == []
    data = NotificationFailedData(
        notification_id=uuid.uuid4(),
        case_id=uuid.uuid4(),
        recipient_id="guardian-0001",
        recipient_kind="guardian",
        channel="sms",
        attempts=5,
        reason="gave_up",
        failed_at=SEPT,
        school_id=SCHOOL,
    )
    failed = NotificationFailedV1.first(
        producer="notifications", partition_key="student-0001", data=data
    )
    assert tallies_of(failed) == [Tally(SCHOOL, "2026-09", "notifications", "failed")]


def test_a_tally_names_no_one() -> None:
    concern = factories.concern_raised(raised_at=SEPT)
    for tally in tallies_of(concern):
        assert "student" not in repr(tally)
        assert str(concern.data.concern_id) not in repr(tally)


def test_other_events_count_nothing() -> None:
    assert tallies_of(object()) == []
