"""§9a: pupils per full-time psychologist and kuraattori, counting allocated working time."""

from __future__ import annotations

from services.communal.domain.publication_staffing import staffing_of
from services.communal.domain.staffing import from_roster


def test_allocated_time_is_summed_per_profession_and_heads_do_not_count() -> None:
    roster = [("psychologist", 0.5), ("psychologist", 0.25), ("kuraattori", 0.9), ("nurse", 1.0)]
    staffing = from_roster(540, roster)
    assert (staffing.psychologist_fte, staffing.kuraattori_fte) == (0.75, 0.9)
    figures = staffing_of([staffing])
    assert figures is not None
    assert (figures.students_per_psychologist, figures.students_per_kuraattori) == (720.0, 600.0)


def test_a_school_without_allocated_time_has_no_ratio_rather_than_an_infinite_one() -> None:
    figures = staffing_of([from_roster(310, [("kuraattori", 0.5)])])
    assert figures is not None
    assert figures.students_per_psychologist is None
    assert figures.students_per_kuraattori == 620.0
