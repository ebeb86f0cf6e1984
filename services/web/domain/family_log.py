"""Who has used a student's data, from each service's own access log, as one list.

Each service logs its own uses (granted or refused); the family reads them side by side,
newest first, with each use said in words: which service, who in what role, what they
used, on what basis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from services.web.domain.family import N_

__all__ = [
    "BASES",
    "REGISTERS",
    "SERVICES",
    "LogEntry",
    "Page",
    "entry_of",
    "merged",
    "page_of",
    "what_of",
]

SERVICES = {
    "intake": N_("Concerns and requests"),
    "welfare_group": N_("Student welfare cases"),
    "notifications": N_("Messages"),
}
REGISTERS = {
    "welfare": N_("the school's student welfare record"),
    "health_care": N_("the school health care record"),
    "social_care": N_("the social welfare record"),
}
BASES = {
    "responsible": N_("leads the case"),
    "group_member": N_("member of the expert group"),
    "student": N_("the student themselves"),
    "guardian": N_("guardian"),
    "raiser": N_("raised the concern or the request"),
    "administrator": N_("administrator"),
    "none": N_("no basis"),
}
_WHAT = {
    "GET /cases/{case_id}": N_("looked at the case"),
    "GET /cases/{case_id}/record": N_("read the case's record"),
    "GET /students/{student_ref}/record": N_("read the welfare record"),
    "GET /students/{student_ref}/record.html": N_("printed the welfare record"),
    "GET /students/{student_ref}/cases": N_("looked at the cases"),
    "GET /students/{student_ref}/access-log": N_("looked at who has seen the data"),
    "GET /students/{student_ref}/disclosure-ledger": N_("looked at where data was given"),
    "GET /staff/{staff_id}/cases": N_("saw the case in their list"),
    "POST /concerns": N_("raised a concern"),
    "POST /contacts": N_("recorded someone's contact"),
    "POST /students/{student_ref}/discussion-requests": N_("asked for a discussion"),
    "GET /concerns/{concern_id}/status": N_("looked at where a request stands"),
}


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    service: str
    actor: str
    role: str
    what: str  # the service's endpoint, e.g. "GET /cases/{case_id}/record"
    action: str
    basis: str
    granted: bool
    record_id: str | None
    register: str | None


def entry_of(service: str, raw: Mapping[str, Any]) -> LogEntry:
    return LogEntry(
        at=_aware(datetime.fromisoformat(str(raw["at"]))),
        service=str(raw.get("service") or service),
        actor=str(raw.get("actor", "")),
        role=str(raw.get("role", "")),
        what=str(raw.get("what", "")),
        action=str(raw.get("action", "")),
        basis=str(raw.get("basis", "")),
        granted=bool(raw.get("granted")),
        record_id=raw.get("record_id"),
        register=raw.get("register"),
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def what_of(entry: LogEntry) -> str:
    """The use in words (a message id): a known endpoint, a case step, or read/changed."""
    if entry.what in _WHAT:
        return _WHAT[entry.what]
    if entry.what.startswith("POST /cases/"):
        return N_("made an entry in the case")
    return N_("changed data") if entry.action == "write" else N_("read data")


def merged(logs: Iterable[Iterable[LogEntry]]) -> list[LogEntry]:
    """Every entry, newest first (a tie keeps the services' order)."""
    every = [entry for log in logs for entry in log]
    return sorted(every, key=lambda e: e.at, reverse=True)


@dataclass(frozen=True)
class Page:
    entries: tuple[LogEntry, ...]
    older_before: datetime | None  # where the next page starts (exclusive), if there is one


# The services keep a moment to the millisecond.
_TICK = timedelta(milliseconds=1)


def page_of(newest_first: list[LogEntry], size: int) -> Page:
    """The first ``size`` entries, and where the older ones start (the next page asks for
    uses before a moment). Uses of one millisecond are never split between pages: if the
    page would end inside one, it ends before it and the next begins with it.
    ``newest_first`` holds more than ``size`` entries when older ones exist."""
    if len(newest_first) <= size:
        return Page(tuple(newest_first), None)
    boundary = newest_first[size - 1].at
    if newest_first[size].at < boundary:
        return Page(tuple(newest_first[:size]), boundary)
    shown = [entry for entry in newest_first[:size] if entry.at > boundary]
    if not shown:  # a whole page of one millisecond: shown whole, the next starts before it
        return Page(tuple(newest_first[:size]), boundary)
    return Page(tuple(shown), boundary + _TICK)
