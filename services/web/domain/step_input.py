"""What a person typed into a step's form, as the step's request body, or why not.

Pure: the form's values in, the JSON body and the problems per field out. What is typed
is never changed here, so a form shown again shows it as it was. The service checks
everything again; this only spares a round trip for what is plainly missing or malformed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from services.web.domain.step_forms import FormField, StepForm, Widget
from services.web.domain.words import N_, SCHOOL_TIME

__all__ = ["Parsed", "Problem", "Typed", "parse_step", "rows_shown"]

Typed = dict[str, list[str]]  # as a form sends it: each name with its values
_DEFAULT_ROWS = 3


@dataclass(frozen=True)
class Problem:
    message: str  # an English msgid
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Parsed:
    body: dict[str, Any]
    problems: dict[str, Problem]
    # For each array of rows, the form's row of each row sent (blank rows are not sent).
    places: dict[str, list[int]] = field(default_factory=dict)

    def form_name(self, service_field: str) -> str:
        """The form's field for a field the service names ("members.1.staff_id"), or the
        nearest one it has: a service may name a field more deeply than the form does."""
        parts = service_field.split(".")
        if len(parts) >= 3 and parts[0] in self.places and parts[1].isdigit():
            rows = self.places[parts[0]]
            index = int(parts[1])
            if index < len(rows):
                return f"{parts[0]}.{rows[index]}.{parts[2]}"
        return parts[0]


def rows_shown(form_field: FormField, typed: Typed) -> int:
    """How many rows of an array of objects to show: a few, one more than typed, or as
    many as the person asked for ("rows.<field>", kept by the form)."""
    used = [
        int(found.group(1))
        for name in typed
        if (found := re.match(rf"^{re.escape(form_field.name)}\.(\d+)\.", name))
        and any(v.strip() for v in typed[name])
    ]
    asked = (typed.get(f"rows.{form_field.name}") or ["0"])[0]
    wanted = max(_DEFAULT_ROWS, max(used, default=-1) + 2, int(asked) if asked.isdigit() else 0)
    return min(wanted, form_field.max_items or wanted)


def parse_step(step: StepForm, typed: Typed) -> Parsed:
    parsed = Parsed({}, {})
    body, problems = parsed.body, parsed.problems
    for form_field in step.fields:
        if form_field.widget is Widget.ROWS:
            _rows(form_field, typed, parsed)
            continue
        try:
            value = _value(form_field, typed.get(form_field.name, []))
        except _Wrong as wrong:
            problems[form_field.name] = wrong.problem
            continue
        if value is None or value == []:
            if form_field.required:
                problems[form_field.name] = Problem(N_("Fill in this field."))
            continue
        body[form_field.name] = value
    return parsed


class _Wrong(Exception):
    def __init__(self, message: str, **values: Any) -> None:
        super().__init__(message)
        self.problem = Problem(message, values)


def _value(form_field: FormField, values: list[str]) -> Any:
    first = values[0].strip() if values else ""
    widget = form_field.widget
    if widget is Widget.CHECKBOX:
        return bool(first)
    if widget is Widget.CHOICES:
        chosen = [v for v in values if v in form_field.options]
        return list(dict.fromkeys(chosen))
    if widget is Widget.LINES:
        lines = [line.strip() for v in values for line in v.splitlines() if line.strip()]
        for line in lines:
            _check_pattern(form_field, line)
        if form_field.max_items is not None and len(lines) > form_field.max_items:
            raise _Wrong(N_("Give at most %(count)s."), count=form_field.max_items)
        return lines
    if not first:
        return None
    if widget is Widget.YES_NO:
        return {"yes": True, "no": False}.get(first)
    if widget in (Widget.RADIOS, Widget.SELECT):
        if first not in form_field.options:
            raise _Wrong(N_("Choose one of the options."))
        return first
    if widget is Widget.DATE:
        try:
            return date.fromisoformat(first).isoformat()
        except ValueError:
            raise _Wrong(N_("Give the date as YYYY-MM-DD.")) from None
    if widget is Widget.MOMENT:
        try:
            moment = datetime.fromisoformat(first)
        except ValueError:
            raise _Wrong(N_("Give the date and time as YYYY-MM-DD HH:MM.")) from None
        return (moment if moment.tzinfo else moment.replace(tzinfo=SCHOOL_TIME)).isoformat()
    if form_field.max_length is not None and len(first) > form_field.max_length:
        raise _Wrong(N_("Write at most %(count)s characters."), count=form_field.max_length)
    _check_pattern(form_field, first)
    return first


def _check_pattern(form_field: FormField, value: str) -> None:
    if form_field.pattern and not re.fullmatch(form_field.pattern, value):
        raise _Wrong(N_("Use an identifier: letters, digits and . _ : - only, no spaces."))


def _rows(form_field: FormField, typed: Typed, parsed: Parsed) -> None:
    body, problems, places = parsed.body, parsed.problems, parsed.places
    rows: list[dict[str, Any]] = []
    positions: list[int] = []
    for index in range(rows_shown(form_field, typed)):
        prefix = f"{form_field.name}.{index}."
        if not any(v.strip() for c in form_field.columns for v in typed.get(prefix + c.name, [])):
            continue  # a row left blank is no row
        row: dict[str, Any] = {}
        for column in form_field.columns:
            try:
                value = _value(column, typed.get(prefix + column.name, []))
            except _Wrong as wrong:
                problems[prefix + column.name] = wrong.problem
                continue
            if value is None or value == []:
                if column.required:
                    problems[prefix + column.name] = Problem(N_("Fill in this field."))
                continue
            row[column.name] = value
        rows.append(row)
        positions.append(index)
    places[form_field.name] = positions
    if rows:
        body[form_field.name] = rows
    elif form_field.required:
        problems[form_field.name] = Problem(N_("Give at least one."))
