"""§9a: pupils per full-time psychologist and kuraattori, counting allocated working time."""

from __future__ import annotations

from services.communal.domain.staffing import staffing_of


def test_allocated_time_is_summed_per_profession_and_heads_do_not_count() -> None:
    staffing = staffing_of(
        540,
        [("psychologist", 0.5), ("psychologist", 0.25), ("kuraattori", 0.9), ("nurse", 1.0)],
    )
    assert (staffing.psychologist_fte, staffing.kuraattori_fte) == (0.75, 0.9)
    assert staffing.students_per_psychologist == 720.0
    assert staffing.students_per_kuraattori == 600.0


def test_a_school_without_allocated_time_has_no_ratio_rather_than_an_infinite_one() -> None:
    staffing = staffing_of(310, [("kuraattori", 0.5)])
    assert staffing.students_per_psychologist is None
    assert staffing.students_per_kuraattori == 620.0
