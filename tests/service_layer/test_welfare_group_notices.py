"""Child Welfare Act §25: any staff member of the school notes a notice they made, with its
day and the authority, without the case team: in the student's open case if there is one,
and in the disclosure ledger either way."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.record_content import ChildWelfareNotice
from services.welfare_group.domain.statutes import Statute
from services.welfare_group.service_layer.child_welfare import note_child_welfare_notice
from services.welfare_group.service_layer.concerns import take_up_concern
from shared.contracts import Audience, CaseStepRecordedV1, Role, StaffMember
from tests.factories import concern_raised
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup

HELSINKI = ZoneInfo("Europe/Helsinki")
TEACHER = StaffMember("teacher-tiina", Role.TEACHER)
DAY = date(2026, 11, 20)


async def note(group: FakeWelfareGroup, student_ref: str = "student-0001") -> None:
    await group.transact(
        lambda unit: note_child_welfare_notice(
            student_ref=student_ref, school_id="kallio-school", made_on=DAY,
            to="helsinki-child-welfare", by=TEACHER, unit=unit,
        )
    )  # fmt: skip


async def test_a_teacher_not_on_the_case_notes_a_notice_in_the_open_case_and_the_ledger() -> None:
    group = FakeWelfareGroup([KALLIO])
    case = await group.transact(lambda unit: take_up_concern(concern_raised(), unit, HELSINKI))
    before = len(group.published)
    await note(group)
    kept = await group.cases.get(case.case_id)
    assert kept is not None
    last = kept.record.entries[-1]
    assert last.author == TEACHER
    assert last.content == ChildWelfareNotice(
        made_by=TEACHER.staff_id, made_on=DAY, to="helsinki-child-welfare"
    )
    (row,) = await group.disclosures.search()
    assert (row.case_id, row.statute, row.data, row.made_on, row.to) == (
        case.case_id, Statute.CHILD_WELFARE_ACT_25, RecordData.CHILD_WELFARE_NOTICE, DAY,
        "helsinki-child-welfare",
    )  # fmt: skip
    (announced,) = group.published[before:]
    assert isinstance(announced, CaseStepRecordedV1)
    assert announced.data.audience is Audience.NOBODY


async def test_a_notice_about_a_student_with_no_open_case_is_kept_in_the_ledger() -> None:
    group = FakeWelfareGroup([KALLIO])
    await note(group, "student-0042")
    assert group.cases.stored == {}
    assert group.published == []
    (row,) = await group.disclosures.of_student("student-0042")
    assert (row.case_id, row.school_id, row.by, row.by_profession) == (
        None, "kallio-school", TEACHER.staff_id, "teacher",
    )  # fmt: skip
