"""The school's communal welfare group at work: scheduling its meetings, keeping their
minutes, reading them back. Every text is screened before anything is written, and nothing
is written if the screen cannot be asked."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid4

from services.communal.domain.periods import SCHOOL_TIME
from services.communal.domain.workspace import schedule
from services.communal.service_layer.screen import TextScreen, refuse_mentions
from services.communal.service_layer.unit_of_work import CommunalUnit, SavedMeanwhile
from services.communal.service_layer.workspace_models import (
    MeetingList,
    MeetingView,
    MinutesDraft,
    NewMeeting,
)
from shared.contracts import Role, utc_now
from shared.storage import DuplicateKeyError

__all__ = [
    "SCHOOL_TIME",
    "NoSuchMeeting",
    "get_meeting",
    "meetings_of",
    "record_minutes",
    "schedule_meeting",
    "school_day",
]


def school_day(now: datetime) -> date:
    return now.astimezone(SCHOOL_TIME).date()


class NoSuchMeeting(LookupError):
    """No such meeting at this school (404), whether or not another school has one."""

    def __init__(self) -> None:
        super().__init__("The school's group has no such meeting.")


async def schedule_meeting(
    unit: CommunalUnit,
    text_screen: TextScreen,
    school_id: str,
    body: NewMeeting,
    *,
    now: datetime | None = None,
) -> MeetingView:
    """Raises ``Refused`` (a rule, its field), ``MentionsAStudent``, ``ScreenUnavailable``."""
    now = now or utc_now()
    meeting = schedule(
        uuid4(), school_id, body.held_on, body.title, body.agenda, today=school_day(now), now=now
    )
    await refuse_mentions(text_screen, [school_id], meeting.texts())
    await unit.meetings.add(meeting)
    return MeetingView.of(meeting)


async def record_minutes(
    unit: CommunalUnit,
    text_screen: TextScreen,
    school_id: str,
    meeting_id: UUID,
    body: MinutesDraft,
    *,
    by: Role,
    now: datetime | None = None,
) -> MeetingView:
    """The meeting with these minutes as its newest version. Raises as ``schedule_meeting``,
    and ``NoSuchMeeting``, ``SavedMeanwhile``."""
    now = now or utc_now()
    meeting = await unit.meetings.get(school_id, meeting_id)
    if meeting is None:
        raise NoSuchMeeting
    minuted = meeting.minuted(
        body.attended, body.minutes, body.decisions, today=school_day(now), now=now, by=by
    )
    minutes = minuted.versions[-1]
    await refuse_mentions(text_screen, [school_id], minutes.texts())
    try:
        await unit.meetings.add_minutes(meeting_id, minutes)
    except DuplicateKeyError:
        raise SavedMeanwhile from None
    return MeetingView.of(minuted)


async def meetings_of(unit: CommunalUnit, school_id: str) -> MeetingList:
    return MeetingList(
        meetings=[MeetingView.of(m) for m in await unit.meetings.of_school(school_id)]
    )


async def get_meeting(unit: CommunalUnit, school_id: str, meeting_id: UUID) -> MeetingView:
    meeting = await unit.meetings.get(school_id, meeting_id)
    if meeting is None:
        raise NoSuchMeeting
    return MeetingView.of(meeting)
