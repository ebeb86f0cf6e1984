"""A case as its people need to read it: where its §15 clock stands, and who consent covers.

Pure: the welfare group's case and record (JSON, as its API answers) in, plain facts out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

__all__ = [
    "Clock",
    "ConsentItem",
    "clock_of",
    "consent_items",
    "day",
    "nearest_deadline_first",
    "working_days_between",
]

ClockState = Literal["none", "running", "due_today", "late", "offered", "stopped", "closed"]
ItemState = Literal["requested", "given", "refused", "withdrawn"]


def day(value: object) -> date | None:
    """A date as the API writes it ("2026-12-01", or a moment's first ten characters)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def working_days_between(start: date, end: date) -> int:
    """Monday-to-Friday days after ``start`` up to ``end``; negative when ``end`` is before.

    The school's own calendar (holidays, breaks) is the welfare group's: it computed the due
    day with it. This count, between today and that day, is the page's guide only."""
    if end < start:
        return -working_days_between(end, start)
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        count += current.weekday() < 5
    return count


@dataclass(frozen=True)
class Clock:
    """§15: the discussion is to be offered within seven school working days (urgent: the
    same or the next working day) of the request."""

    state: ClockState
    requested_on: date | None
    due_on: date | None
    offered_on: date | None
    exception: str | None  # §15.2: why no discussion is needed
    urgent: bool
    days: int | None = None  # working days left (running) or late by (late)


def clock_of(case: Mapping[str, Any], today: date) -> Clock:
    due, offered = day(case.get("discussion_due_on")), day(case.get("discussion_offered_on"))
    exception = case.get("discussion_exception")
    facts: dict[str, Any] = {
        "requested_on": day(case.get("discussion_requested_on")),
        "due_on": due,
        "offered_on": offered,
        "exception": str(exception) if exception else None,
        "urgent": case.get("urgency") == "urgent",
    }
    if offered is not None:
        return Clock("offered", **facts)
    if exception:
        return Clock("stopped", **facts)
    if due is None:
        return Clock("none", **facts)
    if case.get("status") == "closed":
        return Clock("closed", **facts)
    if due == today:
        return Clock("due_today", days=0, **facts)
    if due < today:
        return Clock("late", days=working_days_between(due, today), **facts)
    return Clock("running", days=working_days_between(today, due), **facts)


def nearest_deadline_first(cases: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """As the service orders them; kept here so a page never shows them otherwise."""

    def key(case: Mapping[str, Any]) -> tuple[int, date]:
        due = day(case.get("discussion_due_on"))
        running = due is not None and not case.get("discussion_offered_on")
        return (0 if running else 1, due or date.max)

    return sorted(cases, key=key)


@dataclass(frozen=True)
class ConsentItem:
    item: str  # a staff member's id, or an outside party's
    outside: bool
    state: ItemState
    role: str | None = None  # a member's role, as the request named it


def consent_items(
    case: Mapping[str, Any], record: Iterable[Mapping[str, Any]] | None
) -> list[ConsentItem]:
    """Each member and outside party asked for or decided, by its latest word: the record's
    requests and decisions, and the service's own reckoning where it gives one."""
    states: dict[tuple[str, bool], ItemState] = {}
    roles: dict[str, str] = {}
    for entry in record or ():
        content = entry.get("content") or {}
        kind = entry.get("kind")
        if kind == "consent_requested":
            for member in content.get("members") or ():
                roles[str(member.get("staff_id"))] = str(member.get("role"))
                states[(str(member.get("staff_id")), False)] = "requested"
            for party in content.get("outside_parties") or ():
                states[(str(party), True)] = "requested"
        elif kind == "consent_decision":
            decided: ItemState = "given" if content.get("given") else "refused"
            _mark(states, content.get("covers"), decided)
            _mark(states, content.get("refused"), "refused")
        elif kind == "consent_withdrawn":
            for key, state in states.items():
                if state == "given":
                    states[key] = "withdrawn"
    named = {"consented": "given", "refused": "refused", "withdrawn": "withdrawn"}
    outside = {item for item, is_outside in states if is_outside}
    for given in case.get("consent_items") or ():  # the service's word, where it says it
        item, decision = str(given.get("item")), named.get(str(given.get("decision")))
        if decision is not None:
            states[(item, item in outside)] = decision  # type: ignore[assignment]
    return [
        ConsentItem(item, is_outside, state, None if is_outside else roles.get(item))
        for (item, is_outside), state in sorted(states.items(), key=lambda s: (s[0][1], s[0][0]))
    ]


def _mark(states: dict[tuple[str, bool], ItemState], coverage: Any, state: ItemState) -> None:
    if not isinstance(coverage, Mapping):
        return
    for member in coverage.get("members") or ():
        states[(str(member), False)] = state
    for party in coverage.get("outside_parties") or ():
        states[(str(party), True)] = state
