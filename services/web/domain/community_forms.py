"""What the communal welfare forms share: repeated rows without JavaScript, days typed as
ISO dates, and the service's per-field refusals placed beside the form's own fields.

A list (agenda items, decisions, indicators) is typed into numbered fields ``agenda.0``,
``agenda.1``…; the blank ones are dropped and the rest closed up, so the n-th item the
service names (``agenda.1``) is the n-th row shown again, and its message lands there.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date

from services.web.domain.words import N_

__all__ = [
    "MAX_ROWS",
    "MENTIONS_A_STUDENT",
    "Fields",
    "day_of",
    "one",
    "placed",
    "rows_of",
    "rows_shown",
]

Fields = Mapping[str, list[str]]
MAX_ROWS = 40  # more rows than any agenda needs; a crafted form gets no further
MENTIONS_A_STUDENT = "mentions_a_student"  # the communal service's code for its refusal
_ROW = re.compile(r"\w+\.\d{1,3}(\.\w+)?")
_MENTION = N_(
    "This names a student, or looks like a student's reference or identity code. "
    "Write about the school community as a whole."
)


def one(fields: Fields, name: str) -> str:
    values = fields.get(name) or [""]
    return values[0]


def rows_of(fields: Fields, prefix: str, columns: Collection[str] = ()) -> list[dict[str, str]]:
    """The rows typed under ``prefix``, in their order, blank ones dropped.

    With no ``columns`` a row is one value (``agenda.3``) kept under ""; with them, a
    row is ``indicators.3.target`` and its siblings."""
    pattern = re.compile(rf"{re.escape(prefix)}\.(\d{{1,3}})(?:\.(\w+))?")
    found: dict[int, dict[str, str]] = {}
    for name, values in fields.items():
        matched = pattern.fullmatch(name)
        if matched is None or not values or int(matched[1]) >= MAX_ROWS:
            continue
        column = matched[2] or ""
        if (column == "") == bool(columns) or (columns and column not in columns):
            continue  # a bare row where columns are asked for, or the other way round
        found.setdefault(int(matched[1]), {})[column] = values[0]
    return [found[i] for i in sorted(found) if any(v.strip() for v in found[i].values())]


def rows_shown(typed: int, at_least: int, more: bool) -> int:
    """How many rows a list gets on the page: what was typed, a blank one, three more
    when "more rows" was asked for, never fewer than ``at_least``."""
    return min(max(at_least, typed + 1) + (3 if more else 0), MAX_ROWS)


def day_of(value: str) -> date | None:
    """An ISO day as a date field sends it ("2026-11-30"); None if it is not one."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def placed(
    errors: Iterable[tuple[str, str, str]], fields: Sequence[str]
) -> tuple[dict[str, str], bool]:
    """Each refusal beside the form's field it names (else on the form as a whole), in
    the form's order, with this area's own words for the refusal of a named student; and
    whether that was one.

    ``errors`` are the service's (field, message, kind); ``fields`` the form's fields in
    their order, named as the service names them, a list by its prefix (the service's
    "agenda.1" is the form's "agenda.1")."""
    placed_at: dict[str, str] = {}
    mentions = False
    for field, message, kind in errors:
        known = field in fields or (field.split(".")[0] in fields and _ROW.fullmatch(field))
        name = field if known else "form"
        if kind == MENTIONS_A_STUDENT:
            mentions = True
            placed_at[name] = _MENTION
        else:
            placed_at.setdefault(name, message)
    return dict(sorted(placed_at.items(), key=lambda item: _place(item[0], fields))), mentions


def _place(name: str, fields: Sequence[str]) -> tuple[int, int, str]:
    if name in fields:
        return fields.index(name), 0, ""
    head, _, rest = name.partition(".")
    row, _, column = rest.partition(".")
    if head in fields and row.isdigit():
        return fields.index(head), int(row), column
    return len(fields), 0, ""  # the form as a whole: last
