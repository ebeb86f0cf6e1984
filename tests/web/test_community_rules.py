"""The community screens' pure rules: rows typed without JavaScript, a review's state,
and a published figure as published (never a number for what was hidden)."""

from __future__ import annotations

from datetime import date

from services.web.domain.community_figures import Shown, figure, headlines
from services.web.domain.community_forms import placed, rows_of, rows_shown
from services.web.domain.welfare_plan_scope import Review
from tests.web.community_fixtures import school_figures


def test_rows_are_closed_up_in_their_order_and_crafted_names_are_no_rows() -> None:
    fields = {
        "agenda.10": ["ten"],
        "agenda.2": ["two"],
        "agenda.0": [" "],
        "agenda.40": ["beyond the last row"],
        "agenda.1.note": ["a column where none is"],
    }
    assert rows_of(fields, "agenda") == [{"": "two"}, {"": "ten"}]
    assert rows_shown(typed=2, at_least=5, more=False) == 5
    assert rows_shown(typed=5, at_least=5, more=True) == 9


def test_a_refusal_lands_on_the_form_as_a_whole_when_it_names_no_field_of_it() -> None:
    errors, mentions = placed([("members.0", "no", ""), ("title", "bad", "")], ("title",))
    assert errors == {"title": "bad", "form": "no"}
    assert not mentions


def test_a_reviews_state_is_in_words_not_colour() -> None:
    day = date(2027, 8, 15)
    assert Review(day, -1, overdue=True).state == "overdue"
    assert Review(day, 0, overdue=False).state == "today"
    assert Review(day, 30, overdue=False).state == "soon"
    assert Review(day, 31, overdue=False).state == "ahead"


def test_figures_are_shown_as_published() -> None:
    published = school_figures()
    tables, statistics = published["tables"], published["statistics"]
    assert figure(tables, statistics, "concerns_total") == Shown("value", 41.0)
    assert figure(tables, statistics, "concerns_social_relations_and_bullying") == Shown("small")
    assert figure(tables, statistics, "concerns_mental_health") == Shown("value", 9.0)
    share = Shown("value", 0.75, share=True)
    assert figure(tables, statistics, "discussions_within_limit_share") == share
    assert figure(tables, statistics, "median_days_case_open") == Shown("too_few")
    # a row or table not published is not guessed as 0
    assert figure(tables, statistics, "consents_refused") == Shown("missing")
    assert figure(tables, statistics, "notifications_failed") == Shown("missing")


def test_a_school_too_small_has_no_headline_numbers() -> None:
    seen = headlines(school_figures(publishable=False, reason="too_small"))
    assert seen.reason == "too_small"
    assert seen.figures == ()
