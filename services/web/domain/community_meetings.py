"""The communal welfare group's meeting forms: a meeting planned (its day, title and
agenda) and its minutes (who attended, by role; what was said; what was decided), kept
as typed, and the communal service's bodies made of them with a message per wrong field.

Nothing here checks for a student's name: only the service can (the welfare group holds
the register), and its refusal is placed beside the fields it names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from services.web.domain.community_forms import Fields, day_of, one, rows_of, rows_shown
from services.web.domain.community_words import ATTENDANCE
from services.web.domain.words import N_

__all__ = ["MEETING_FIELDS", "MINUTES_FIELDS", "MeetingDraft", "MinutesDraft"]

# The forms' fields in their order, as the service names them (a list by its prefix).
MEETING_FIELDS = ("held_on", "title", "agenda")
MINUTES_FIELDS = ("attended", "minutes", "decisions")


def _texts(fields: Fields, prefix: str) -> tuple[str, ...]:
    return tuple(row[""] for row in rows_of(fields, prefix))


@dataclass(frozen=True)
class MeetingDraft:
    """The form as typed, to fill it in again: nothing here is checked yet."""

    held_on: str = ""
    title: str = ""
    agenda: tuple[str, ...] = ()
    more: bool = False  # "more rows" was pressed: the form comes back with more

    @classmethod
    def of(cls, fields: Fields) -> MeetingDraft:
        return cls(
            held_on=one(fields, "held_on").strip(),
            title=one(fields, "title"),
            agenda=_texts(fields, "agenda"),
            more=one(fields, "more") == "agenda",
        )

    @property
    def agenda_rows(self) -> int:
        return rows_shown(len(self.agenda), 5, self.more)

    def parse(self) -> tuple[dict[str, Any] | None, dict[str, str]]:
        """The service's body, or None and a message (to translate) for each wrong field."""
        errors: dict[str, str] = {}
        held_on = day_of(self.held_on)
        if held_on is None:
            errors["held_on"] = N_("Enter the day of the meeting.")
        if not self.title.strip():
            errors["title"] = N_("Give the meeting a title.")
        if errors or held_on is None:
            return None, errors
        body = {
            "held_on": held_on.isoformat(),
            "title": self.title.strip(),
            "agenda": [item.strip() for item in self.agenda],
        }
        return body, {}


@dataclass(frozen=True)
class MinutesDraft:
    attended: tuple[str, ...] = ()
    minutes: str = ""
    decisions: tuple[str, ...] = ()
    more: bool = False

    @classmethod
    def of(cls, fields: Fields) -> MinutesDraft:
        return cls(
            attended=tuple(fields.get("attended") or ()),
            minutes=one(fields, "minutes"),
            decisions=_texts(fields, "decisions"),
            more=one(fields, "more") == "decisions",
        )

    @classmethod
    def saved(cls, minutes: Mapping[str, Any] | None) -> MinutesDraft:
        """The newest minutes, to correct them (each save is kept as a version)."""
        if not minutes:
            return cls()
        return cls(
            attended=tuple(str(r) for r in minutes.get("attended", ())),
            minutes=str(minutes.get("minutes", "")),
            decisions=tuple(str(d) for d in minutes.get("decisions", ())),
        )

    @property
    def decision_rows(self) -> int:
        return rows_shown(len(self.decisions), 3, self.more)

    def parse(self) -> tuple[dict[str, Any] | None, dict[str, str]]:
        errors: dict[str, str] = {}
        if not self.attended:
            errors["attended"] = N_("Tick who attended, by role.")
        elif not set(self.attended) <= set(ATTENDANCE):
            errors["attended"] = N_("Choose who attended from the list.")
        if not self.minutes.strip():
            errors["minutes"] = N_("Write the minutes: what was discussed.")
        if errors:
            return None, errors
        body = {
            "attended": [role for role in ATTENDANCE if role in self.attended],
            "minutes": self.minutes.strip(),
            "decisions": [decision.strip() for decision in self.decisions],
        }
        return body, {}
