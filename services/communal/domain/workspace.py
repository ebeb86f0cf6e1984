"""The school's communal welfare group (yhteisöllinen opiskeluhuoltoryhmä, §14.2): its
meetings, their agenda and their minutes.

The group works on the whole school community, so nothing here names a person: who came is
recorded by role, and the free text is screened (``screening.py``) before it is kept. Minutes
may be corrected; every save is kept as a version, and the meeting shows the newest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from services.communal.domain.refusals import Refused
from services.communal.domain.texts import bounded, bounded_list
from shared.contracts import Role

__all__ = [
    "FURTHEST_AHEAD",
    "AttendeeRole",
    "Meeting",
    "Minutes",
    "schedule",
]

# Far enough ahead to plan the next school year's meetings; further is a mistyped year.
FURTHEST_AHEAD = timedelta(days=2 * 366)
# Minutes from paper may be entered late, but not of a meeting before the Act (1287/2013)
# came into force: an older date is a mistyped year.
EARLIEST = date(2014, 8, 1)
TITLE_MAX, AGENDA_ITEM_MAX, AGENDA_MAX = 200, 500, 30
MINUTES_MAX, DECISION_MAX, DECISIONS_MAX = 20_000, 1_000, 50


class AttendeeRole(StrEnum):
    """Who came, by role: the group is multidisciplinary, and its minutes name no one."""

    CHAIR = "chair"  # the education provider's representative, who leads the group (§14.2)
    PRINCIPAL = "principal"
    TEACHER = "teacher"
    SPECIAL_NEEDS_TEACHER = "special_needs_teacher"
    COUNSELLOR = "counsellor"
    NURSE = "nurse"
    PSYCHOLOGIST = "psychologist"
    KURAATTORI = "kuraattori"
    STUDENT_REPRESENTATIVE = "student_representative"
    GUARDIAN_REPRESENTATIVE = "guardian_representative"
    PARTNER = "partner"  # youth services, the police, a parish: the school's partners


# Someone must lead the meeting: the provider's representative, or the principal for them.
_LEADERS = frozenset({AttendeeRole.CHAIR, AttendeeRole.PRINCIPAL})


@dataclass(frozen=True)
class Minutes:
    attended: tuple[AttendeeRole, ...]  # each role once, in the vocabulary's order
    text: str
    decisions: tuple[str, ...]
    version: int
    saved_at: datetime
    saved_by_role: Role

    def texts(self) -> dict[str, str]:
        """The free text, by the field names of the minutes' JSON body."""
        return {"minutes": self.text} | {f"decisions.{i}": d for i, d in enumerate(self.decisions)}


@dataclass(frozen=True)
class Meeting:
    meeting_id: UUID
    school_id: str
    held_on: date
    title: str
    agenda: tuple[str, ...]
    scheduled_at: datetime
    versions: tuple[Minutes, ...] = field(default=())  # oldest first; never rewritten

    @property
    def minutes(self) -> Minutes | None:
        return self.versions[-1] if self.versions else None

    def texts(self) -> dict[str, str]:
        """The free text, by the field names of the meeting's JSON body."""
        return {"title": self.title} | {f"agenda.{i}": a for i, a in enumerate(self.agenda)}

    def minuted(
        self,
        attended: Iterable[AttendeeRole],
        text: str,
        decisions: Iterable[str],
        *,
        today: date,
        now: datetime,
        by: Role,
    ) -> Meeting:
        """The meeting with a new version of its minutes, the previous ones kept."""
        if self.held_on > today:
            raise Refused(
                ["attended"], "meeting_not_held_yet",
                "Minutes are written of a meeting that has been held: this one is on "
                f"{self.held_on.isoformat()}.",
            )  # fmt: skip
        present = set(attended)
        if not present:
            raise Refused(["attended"], "nobody_attended", "Mark who attended, by role.")
        if not present & _LEADERS:
            raise Refused(
                ["attended"], "nobody_led",
                "The group meets led by the education provider's representative (the chair) "
                "or the principal: mark which of them attended.",
            )  # fmt: skip
        minutes = Minutes(
            attended=tuple(role for role in AttendeeRole if role in present),
            text=bounded("minutes", text, MINUTES_MAX),
            decisions=bounded_list("decisions", decisions, DECISION_MAX, DECISIONS_MAX),
            version=len(self.versions) + 1,
            saved_at=now,
            saved_by_role=by,
        )
        return replace(self, versions=(*self.versions, minutes))


def schedule(
    meeting_id: UUID,
    school_id: str,
    held_on: date,
    title: str,
    agenda: Iterable[str],
    *,
    today: date,
    now: datetime,
) -> Meeting:
    """A meeting of the school's group, on a plausible day, with a title and its agenda."""
    latest = today + FURTHEST_AHEAD
    if held_on > latest:
        raise Refused(
            ["held_on"], "too_far_ahead",
            f"A meeting is planned at most two years ahead, by {latest.isoformat()}: "
            "check the year.",
        )  # fmt: skip
    if held_on < EARLIEST:
        raise Refused(
            ["held_on"], "too_long_ago",
            f"The group's meetings under the Act are from {EARLIEST.isoformat()} on: "
            "check the year.",
        )  # fmt: skip
    return Meeting(
        meeting_id=meeting_id,
        school_id=school_id,
        held_on=held_on,
        title=bounded("title", title, TITLE_MAX),
        agenda=bounded_list("agenda", agenda, AGENDA_ITEM_MAX, AGENDA_MAX),
        scheduled_at=now,
    )
