"""The figures in the person's language: months, numbers, statistics, and the same in
another language for an export (its own catalogue, whatever the page's language is)."""

from __future__ import annotations

from functools import cache
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations

from services.web.adapters.catalogues import load_translations
from services.web.domain import figures_words as labels
from services.web.domain.figures import MARKS, Statistic
from services.web.domain.figures_chart import stacked_chart
from services.web.domain.figures_export import Words, ordered
from services.web.domain.figures_periods import month_day
from services.web.domain.languages import LANGUAGES
from services.web.entrypoints.i18n import current_language, gettext
from services.web.entrypoints.local_time import day_and_time

__all__ = ["month_long", "month_short", "number", "statistic", "template_helpers", "words_in"]


def month_short(month: str, language: str | None = None) -> str:
    return format_date(month_day(month), "LLL", locale=language or current_language())


def month_long(month: str, language: str | None = None) -> str:
    return format_date(month_day(month), "LLLL yyyy", locale=language or current_language())


def number(value: float) -> str:
    return format_decimal(value, "#,##0.#", locale=current_language())


def statistic(name: str, seen: Statistic | None) -> str:
    """A published statistic as the person's language writes it; "too few" if it is not."""
    if seen is None or seen.value is None:
        return gettext("too few")
    if name.endswith("_share"):
        return format_percent(seen.value, "#,##0 %", locale=current_language())
    return number(seen.value)


@cache
def _catalogue(language: str) -> NullTranslations:
    return load_translations((language,))[language]


def words_in(language: str) -> Words:
    """An export's words: its own language's catalogue, months named in that language."""
    if language not in LANGUAGES:
        raise ValueError(language)
    catalogue = _catalogue(language)
    return Words(
        say=catalogue.gettext,
        month=lambda m: format_date(month_day(m), "LLL yyyy", locale=language),
        language=language,
    )


def template_helpers() -> dict[str, Any]:
    """What the figures' templates format and label with."""
    return {
        "month_short": month_short,
        "month_long": month_long,
        "number": number,
        "statistic": statistic,
        "day_and_time": day_and_time,
        "ordered": ordered,
        "stacked_chart": stacked_chart,
        "marks": MARKS,
        "hidden_labels": labels.HIDDEN_LABELS,
        "hidden_meanings": labels.HIDDEN_MEANINGS,
        "table_labels": labels.TABLE_LABELS,
        "row_labels": labels.ROW_LABELS,
        "statistic_labels": labels.STATISTIC_LABELS,
        "figure_labels": labels.FIGURE_LABELS,
    }
