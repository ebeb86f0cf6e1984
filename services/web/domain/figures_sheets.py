"""A school's and the provider's publication as one spreadsheet (a header row, then one
row per published row) and as one JSON document, in the asked language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from services.web.domain.figures_export import (
    Words,
    cell_json,
    legend_json,
    ordered,
    statistic_json,
    statistic_rows,
    table_json,
    table_rows,
)
from services.web.domain.figures_school import ProviderFigures, ProviderSchool, SchoolFigures
from services.web.domain.figures_words import FIGURE_LABELS, STAFF_LABELS
from services.web.domain.words import N_

__all__ = ["provider_document", "provider_sheet", "school_document", "school_name", "school_sheet"]

REASONS = {
    "too_small": N_(
        "Too few students to publish this school's figures on their own: they are counted "
        "in \u201cother schools\u201d."
    ),
    "no_data": N_("Nothing has been counted for this school year yet."),
}


def school_name(school: ProviderSchool, words: Words) -> str:
    if school.school_id:
        return school.school_id
    return words.say(N_("Other schools (%(n)s)")) % {"n": school.rolled_up}


def school_sheet(figures: SchoolFigures, words: Words) -> Iterator[list[str]]:
    yield words.header(figures.months)
    school = figures.school_id
    if not figures.publishable:
        reason = REASONS.get(figures.reason or "", REASONS["no_data"])
        blanks = [""] * (len(figures.months) + 3)
        yield [school, words.say(N_("Not published")), words.say(reason), *blanks]
        return
    yield from table_rows(school, figures.tables, words)
    label = words.say(N_("Open cases at the end of the month"))
    # At a month's end only: a term or a year has no single end to count open cases at.
    yield [school, label, label, *(c.shown for c in figures.open_cases), "", "", ""]
    yield from statistic_rows(school, figures.statistics, len(figures.months), words)
    if figures.staffing:
        blanks = [""] * (len(figures.months) + 2)
        staffing = words.say(N_("Staffing (§9a)"))
        yield [school, staffing, words.say(N_("Students")), *blanks, str(figures.staffing.students)]
        for load in figures.staffing.professions:
            per = "" if load.students_per_fte is None else str(round(load.students_per_fte, 1))
            per_label, ceiling_label = STAFF_LABELS[load.role]
            yield [school, staffing, words.say(per_label), *blanks, per]
            yield [school, staffing, words.say(ceiling_label), *blanks, str(load.ceiling)]


def _months(months: tuple[str, ...], words: Words) -> list[dict[str, str]]:
    return [{"month": m, "label": words.month(m)} for m in months]


def school_document(figures: SchoolFigures, words: Words) -> dict[str, Any]:
    document: dict[str, Any] = {
        "school_id": figures.school_id,
        "school_year": figures.school_year,
        "language": words.language,
        "as_of": figures.as_of.isoformat() if figures.as_of else None,
        "publishable": figures.publishable,
        "reason": figures.reason,
    }
    if not figures.publishable:
        reason = REASONS.get(figures.reason or "", REASONS["no_data"])
        return {**document, "reason_text": words.say(reason)}
    staffing = figures.staffing
    return {
        **document,
        "months": _months(figures.months, words),
        "tables": [table_json(t, words) for t in ordered(figures.tables)],
        "open_cases": [cell_json(c) for c in figures.open_cases],
        "statistics": {n: statistic_json(n, s, words) for n, s in figures.statistics.items()},
        "staffing": None
        if staffing is None
        else {
            "students": staffing.students,
            "professions": [
                {
                    "role": p.role,
                    "fte": p.fte,
                    "students_per_fte": p.students_per_fte,
                    "ceiling": p.ceiling,
                    "load": p.load.value,
                }
                for p in staffing.professions
            ],
        },
        "legend": legend_json(words),
    }


def _headline_rows(
    school: ProviderSchool, name: str, words: Words, months: int
) -> Iterator[list[str]]:
    label = words.say(N_("The year's main figures"))
    blanks = [""] * (months + 2)
    for code, cell in school.figures.items():
        figure = words.say(FIGURE_LABELS[code]) if code in FIGURE_LABELS else code
        yield [name, label, figure, *blanks, cell.shown]
    yield from statistic_rows(name, school.statistics, months, words)


def provider_sheet(figures: ProviderFigures, words: Words) -> Iterator[list[str]]:
    yield words.header(figures.months)
    for school in figures.schools:
        yield from _headline_rows(school, school_name(school, words), words, len(figures.months))
    everyone = words.say(N_("All schools"))
    yield from _headline_rows(figures.total, everyone, words, len(figures.months))
    yield from table_rows(everyone, figures.tables, words)


def _school_json(school: ProviderSchool, words: Words) -> dict[str, Any]:
    return {
        "school_id": school.school_id,
        "label": school_name(school, words),
        "rolled_up": school.rolled_up,
        "figures": {
            code: {"label": words.say(FIGURE_LABELS.get(code, code)), **cell_json(cell)}
            for code, cell in school.figures.items()
        },
        "statistics": {n: statistic_json(n, s, words) for n, s in school.statistics.items()},
    }


def provider_document(figures: ProviderFigures, words: Words) -> dict[str, Any]:
    total = _school_json(figures.total, words)
    return {
        "school_year": figures.school_year,
        "language": words.language,
        "as_of": figures.as_of.isoformat() if figures.as_of else None,
        "months": _months(figures.months, words),
        "schools": [_school_json(s, words) for s in figures.schools],
        "total": {**total, "label": words.say(N_("All schools"))},
        "tables": [table_json(t, words) for t in ordered(figures.tables)],
        "legend": legend_json(words),
    }
