"""The anonymous figures a step adds to the statistics (§25): what the welfare group alone
can work out, since only it holds the case's history and the school's calendar.

Counts and durations only: nothing here says whom, and nothing of what the entry says
beyond a yes/no or a measure's kind. A step that closes no figure gives None, so that its
event carries none.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.record import RecordEntry
from services.welfare_group.domain.record_content import (
    Closed,
    ConsentDecision,
    DiscussionOffered,
    MeasuresAgreed,
)
from shared.contracts import StepFigures

__all__ = ["MOST_DAYS_OPEN", "MOST_SCHOOL_DAYS", "figures_of"]

# The contract's bounds: a longer wait or case is counted at the bound, not refused, since
# a figure must never stop the step it describes (about two school years, fifty years).
MOST_SCHOOL_DAYS = 400
MOST_DAYS_OPEN = 20_000


def figures_of(
    case: Case, entry: RecordEntry, calendar: SchoolCalendar, timezone: ZoneInfo
) -> StepFigures | None:
    """The figures ``entry`` closes, read from ``case`` as it stands after the step."""
    content = entry.content
    if isinstance(content, DiscussionOffered):
        return StepFigures(
            school_days_to_discussion=_school_days_to(case, content, calendar),
            within_limit=content.within_deadline,
        )
    if isinstance(content, Closed):
        # Calendar days between the local dates: a case opened and closed on one school
        # day was open 0 days, whatever the hours in UTC.
        opened = case.opened_at.astimezone(timezone).date()
        closed = entry.at.astimezone(timezone).date()
        return StepFigures(days_open=min(max((closed - opened).days, 0), MOST_DAYS_OPEN))
    if isinstance(content, ConsentDecision):
        return StepFigures(consent_given=content.given)
    if isinstance(content, MeasuresAgreed):
        return StepFigures(measure_kinds=[m.kind for m in content.measures])
    return None


def _school_days_to(case: Case, offer: DiscussionOffered, calendar: SchoolCalendar) -> int | None:
    """School days from the day the §15 clock counts from to the offer; None when no
    discussion was requested (nothing was timed, so there is no wait to count). An offer
    made before the request it meets counts 0."""
    requested_on = case.discussion_requested_on
    if requested_on is None:
        return None
    days = calendar.school_days_between(requested_on, offer.offered_on)
    return min(days, MOST_SCHOOL_DAYS)
