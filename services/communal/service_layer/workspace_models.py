"""The JSON of the school group's workspace: the bodies the HTTP layer takes, and the
meeting it answers with. Only types here; the rules and their messages are the domain's,
so a refusal names the body's own field (``title``, ``agenda.0``, ``decisions.2``)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from services.communal.domain.workspace import AttendeeRole, Meeting, Minutes
from shared.contracts import Role

__all__ = ["MeetingList", "MeetingView", "MinutesDraft", "MinutesView", "NewMeeting"]


class NewMeeting(BaseModel):
    """A meeting of the school's communal welfare group: about the whole school, never
    about one student."""

    model_config = ConfigDict(extra="forbid")

    held_on: date
    title: str
    agenda: list[str] = Field(default_factory=list)


class MinutesDraft(BaseModel):
    """The minutes of a held meeting; saving again keeps the previous as a version."""

    model_config = ConfigDict(extra="forbid")

    attended: list[AttendeeRole] = Field(description="Who came, by role: never by name.")
    minutes: str
    decisions: list[str] = Field(default_factory=list)


class MinutesView(BaseModel):
    attended: list[AttendeeRole]
    minutes: str
    decisions: list[str]
    version: int
    saved_at: datetime
    saved_by_role: Role

    @classmethod
    def of(cls, minutes: Minutes) -> MinutesView:
        return cls(
            attended=list(minutes.attended),
            minutes=minutes.text,
            decisions=list(minutes.decisions),
            version=minutes.version,
            saved_at=minutes.saved_at,
            saved_by_role=minutes.saved_by_role,
        )


class MeetingView(BaseModel):
    meeting_id: UUID
    school_id: str
    held_on: date
    title: str
    agenda: list[str]
    minutes: MinutesView | None = Field(description="The newest version, if any was saved.")

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingView:
        return cls(
            meeting_id=meeting.meeting_id,
            school_id=meeting.school_id,
            held_on=meeting.held_on,
            title=meeting.title,
            agenda=list(meeting.agenda),
            minutes=MinutesView.of(meeting.minutes) if meeting.minutes else None,
        )


class MeetingList(BaseModel):
    meetings: list[MeetingView] = Field(description="Newest first.")
