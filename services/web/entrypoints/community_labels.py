"""The community screens' words for their templates: each code's label in the person's
language, a published figure as published, a refused field named as its form names it,
and what the person may do (so a page hides what the service would refuse them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel.numbers import format_decimal, format_percent

from services.web.domain.community_figures import Shown
from services.web.domain.community_words import (
    ATTENDANCE,
    DRAWN_UP_WITH,
    INDICATORS,
    PLAN_PARTS,
)
from services.web.domain.person import SignedIn
from services.web.domain.words import N_
from services.web.entrypoints.community_common import may_edit_plan
from services.web.entrypoints.i18n import current_language, gettext
from services.web.entrypoints.local_time import day, day_and_time, today
from shared.contracts import STAFF_ROLES

__all__ = ["CROSS", "community_words", "field_label"]

CROSS = "\u00d7"  # a cell hidden so that a "<5" cannot be worked out, as published


def _labeller(table: dict[str, str]) -> Callable[[str], str]:
    """A code's label, translated; a code the screens do not know yet, as it is."""
    return lambda code: gettext(table[code]) if code in table else code


def _figure(shown: Shown) -> str:
    """A published figure as the person's language writes it ("<5" and the cross kept)."""
    if shown.kind == "value" and shown.value is not None:
        if shown.share:
            return format_percent(shown.value, locale=current_language())
        return format_decimal(shown.value, "#,##0.#", locale=current_language())
    return {"small": "<5", "complementary": CROSS}.get(shown.kind, "\u2014")


_FIELDS = {
    "held_on": N_("Day of the meeting"),
    "title": N_("Title"),
    "attended": N_("Who attended"),
    "minutes": N_("Minutes"),
    "drawn_up_with": N_("Who took part"),
    "participation_note": N_("How they took part"),
    "adopted_on": N_("Adopted on"),
    "review_by": N_("To be reviewed by"),
    "form": N_("The form"),
}


def field_label(name: str) -> str:
    """The label of a form's field as a refusal names it ("agenda.1": Agenda item 2)."""
    head, _, rest = name.partition(".")
    row, _, column = rest.partition(".")
    if head == "parts" and rest in PLAN_PARTS:
        return gettext(PLAN_PARTS[rest][0])
    if row.isdigit() and head == "agenda":
        return gettext("Agenda item %(n)s", n=int(row) + 1)
    if row.isdigit() and head == "decisions":
        return gettext("Decision %(n)s", n=int(row) + 1)
    if row.isdigit() and head == "indicators":
        what = {"target": N_("target"), "note": N_("note")}.get(column, N_("figure"))
        return gettext("Indicator %(n)s, %(what)s", n=int(row) + 1, what=gettext(what))
    return gettext(_FIELDS[name]) if name in _FIELDS else name


def community_words(person: SignedIn) -> dict[str, Any]:
    """The templates' labels, translated for this request, and what the person may do."""
    return {
        "attendance": [(code, gettext(label), None) for code, label in ATTENDANCE.items()],
        "attendance_label": _labeller(ATTENDANCE),
        "drawn_up_with": [(code, gettext(label), None) for code, label in DRAWN_UP_WITH.items()],
        "group_label": _labeller(DRAWN_UP_WITH),
        "indicators": [(code, gettext(label)) for code, label in INDICATORS.items()],
        "indicator_label": _labeller(INDICATORS),
        "plan_parts": [
            (code, gettext(label), gettext(hint)) for code, (label, hint) in PLAN_PARTS.items()
        ],
        "part_label": lambda code: gettext(PLAN_PARTS[code][0]) if code in PLAN_PARTS else code,
        "figure": _figure,
        "field_label": field_label,
        "day": day,
        "day_and_time": day_and_time,
        "today": today(),
        "may_edit_plan": may_edit_plan(person),
        "raises_concerns": person.role in STAFF_ROLES,
    }
