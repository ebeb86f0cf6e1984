"""What each event adds to the statistics: counters that name no one.

A tally is ``(school, month, measure, key) += 1``; it keeps nothing of the event but the
school, the month and a code, so the read-model holds no student, case or person. The month
is the event's own time in the schools' zone (``raised_at``, ``opened_at``, the delivery's
moment), else the envelope's ``occurred_at``. Events written before ``StepFigures`` existed
count where they can: a ``closed`` step without figures still counts a closed case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.communal.domain.periods import month_of
from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    CaseStepRecordedV1,
    ConcernRaisedV1,
    DeadlineBreachedV1,
    EntryKind,
    NotificationFailedV1,
    NotificationSentV1,
)

__all__ = ["Measure", "Tally", "tallies_of"]


class Measure:
    """The measures a tally counts in (each a table of the publication, or a histogram)."""

    CONCERNS = "concerns"
    CONCERNS_BY_CATEGORY = "concerns_by_category"
    CONCERNS_BY_URGENCY = "concerns_by_urgency"
    CONCERNS_BY_RAISER = "concerns_by_raiser"
    CASES = "cases"
    CASE_DAYS_OPEN = "case_days_open"  # a histogram: key = days
    DISCUSSIONS = "discussions"
    SCHOOL_DAYS_TO_DISCUSSION = "school_days_to_discussion"  # a histogram: key = days
    MEASURES = "measures"
    CONSENTS = "consents"
    NOTIFICATIONS = "notifications"


@dataclass(frozen=True, order=True)
class Tally:
    school_id: str
    month: str  # "YYYY-MM" in the schools' time
    measure: str
    key: str


def _concern(event: ConcernRaisedV1) -> list[tuple[str, str]]:
    data = event.data
    return [
        (Measure.CONCERNS, "all"),
        *((Measure.CONCERNS_BY_CATEGORY, c.value) for c in dict.fromkeys(data.categories)),
        (Measure.CONCERNS_BY_URGENCY, data.urgency.value),
        (Measure.CONCERNS_BY_RAISER, data.requested_by.value),
    ]


_WITHIN = {True: "within_limit", False: "late", None: "no_limit"}


def _step(event: CaseStepRecordedV1) -> list[tuple[str, str]]:
    data, figures = event.data, event.data.figures
    match data.step:
        case EntryKind.GROUP_FORMED:
            return [(Measure.CASES, "group_formed")]
        case EntryKind.CLOSED:
            days = figures.days_open if figures else None
            length = [] if days is None else [(Measure.CASE_DAYS_OPEN, str(days))]
            return [(Measure.CASES, "closed"), *length]
        case EntryKind.DISCUSSION_OFFERED if figures is not None:
            # Without figures nothing says whether a limit ran: such a step counts nowhere
            # rather than as "no limit", which would be a claim about §15.
            counted = [(Measure.DISCUSSIONS, _WITHIN[figures.within_limit])]
            if figures.school_days_to_discussion is not None:
                key = str(figures.school_days_to_discussion)
                counted.append((Measure.SCHOOL_DAYS_TO_DISCUSSION, key))
            return counted
        case EntryKind.MEASURES_AGREED if figures and figures.measure_kinds:
            return [(Measure.MEASURES, kind.value) for kind in figures.measure_kinds]
        case EntryKind.CONSENT_DECISION if figures and figures.consent_given is not None:
            return [(Measure.CONSENTS, "given" if figures.consent_given else "refused")]
        case EntryKind.CONSENT_WITHDRAWN:
            return [(Measure.CONSENTS, "withdrawn")]
    return []


def tallies_of(event: Any) -> list[Tally]:
    """The counters ``event`` adds; [] for an event the statistics do not count."""
    school: str | None
    match event:
        case ConcernRaisedV1():
            school, moment, counted = event.data.school_id, event.data.raised_at, _concern(event)
        case CaseOpenedV1():
            school, moment = event.data.school_id, event.data.opened_at
            counted = [(Measure.CASES, "opened")]
        case CaseConcernLinkedV1():
            school, moment = event.data.school_id, event.occurred_at
            counted = [(Measure.CASES, "concern_linked")]
        case CaseStepRecordedV1():
            school, moment, counted = event.data.school_id, event.occurred_at, _step(event)
        case DeadlineBreachedV1():
            school, moment = event.data.school_id, event.data.fired_at
            counted = [(Measure.DISCUSSIONS, "deadline_passed")]
        case NotificationSentV1():
            school, moment = event.data.school_id, event.data.sent_at
            counted = [(Measure.NOTIFICATIONS, "delivered")]
        case NotificationFailedV1():
            school, moment = event.data.school_id, event.data.failed_at
            counted = [(Measure.NOTIFICATIONS, "failed")]
        case _:
            return []
    if school is None:  # an older delivery event does not say its school
        return []
    month = month_of(moment)
    return [Tally(school, month, measure, key) for measure, key in counted]
