"""The welfare group's clock and retention, with no servers: a due timer is announced once
and only while it still matters, and a case kept past its retention is erased and told of."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.calendar import SchoolCalendar
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.case_intake import open_case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.group import Measure, MeasureKind
from services.welfare_group.domain.timers import Timer, TimerKind, TimerState
from services.welfare_group.service_layer.deadlines import fire_timer, schedule_deadlines
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from services.welfare_group.workers.deadline_clock import DeadlineClock
from services.welfare_group.workers.retention import Retention
from shared.contracts import (
    Audience,
    CasePurgedV1,
    CaseStepRecordedV1,
    ConcernCategory,
    DeadlineApproachingV1,
    DeadlineBreachedV1,
    EntryKind,
    FollowUpDueV1,
    GuardianHoldGround,
    Role,
    StaffMember,
    StudentNoticeDueV1,
    Urgency,
)
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup
from tests.support.cases import STUDENT

HELSINKI = ZoneInfo("Europe/Helsinki")
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
AINO = StaffMember("nurse-aino", Role.NURSE)
KAISA = StaffMember("kuraattori-kaisa", Role.KURAATTORI)
TEACHER = StaffMember("teacher-tiina", Role.TEACHER)
OPENED = datetime(2026, 9, 7, 9, tzinfo=UTC)  # a Monday: the §15 discussion is due on 16 Sep
DUE_ON = date(2026, 9, 16)
ON_THE_EVE = datetime(2026, 9, 15, 9, tzinfo=HELSINKI)  # after the reminder's school morning
DAY_AFTER = datetime(2026, 9, 17, 9, tzinfo=HELSINKI)  # after the breach's: too late to remind
REVIEW_ON = date(2026, 10, 1)


def a_case(student_ref: str = "student-0001", at: datetime = OPENED) -> Case:
    return open_case(
        concern_id=uuid.uuid4(), student_ref=student_ref, school_id="kallio-school",
        categories=[ConcernCategory.MENTAL_HEALTH], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=False, responsible=ELIAS, raised_by=TEACHER,
        requested_on=at.date(), calendar=SchoolCalendar(), now=at,
    )  # fmt: skip


async def opened(group: FakeWelfareGroup, *cases: Case) -> None:
    """Each case stored with its timers, as taking up a concern does."""
    for case in cases:

        async def open_(unit: WelfareUnit, case: Case = case) -> None:
            await unit.cases.add(case)
            await schedule_deadlines(case, unit, HELSINKI)

        await group.transact(open_)


async def changed(group: FakeWelfareGroup, case: Case) -> None:
    """A step saved, its timers scheduled anew, as taking a step does."""

    async def save(unit: WelfareUnit) -> None:
        await unit.cases.save(case)
        await schedule_deadlines(case, unit, HELSINKI)

    await group.transact(save)


async def fire(group: FakeWelfareGroup, timer: Timer, now: datetime) -> TimerState | None:
    return await group.transact(lambda unit: fire_timer(timer, unit, now=now))


async def due(group: FakeWelfareGroup, now: datetime, kind: TimerKind) -> list[Timer]:
    return [t for t in await group.timers.due(now, limit=100) if t.kind is kind]


async def test_a_due_deadline_timer_fires_once_and_announces_the_deadline() -> None:
    group, case = FakeWelfareGroup([KALLIO]), a_case()
    await opened(group, case)
    (approaching,) = await due(group, ON_THE_EVE, TimerKind.DEADLINE_APPROACHING)
    assert await fire(group, approaching, ON_THE_EVE) is TimerState.FIRED
    assert await fire(group, approaching, ON_THE_EVE) is None  # settled: said once
    (reminder,) = group.published
    assert isinstance(reminder, DeadlineApproachingV1)
    assert (reminder.data.timer_id, reminder.data.case_id, reminder.data.due_on) == (
        approaching.timer_id, case.case_id, DUE_ON,
    )  # fmt: skip
    assert (reminder.data.responsible, reminder.data.fired_at) == (ELIAS, ON_THE_EVE)
    assert reminder.partition_key == case.student_ref

    (breached,) = await due(group, DAY_AFTER, TimerKind.DEADLINE_BREACHED)
    assert await fire(group, breached, DAY_AFTER) is TimerState.FIRED
    assert await fire(group, breached, DAY_AFTER) is None
    assert [type(e) for e in group.published] == [DeadlineApproachingV1, DeadlineBreachedV1]
    assert isinstance(breach := group.published[-1], DeadlineBreachedV1)
    assert (breach.data.timer_id, breach.data.due_on) == (breached.timer_id, DUE_ON)
    assert await group.timers.due(DAY_AFTER, limit=100) == []


async def test_a_discussion_offered_silences_the_deadline_timers() -> None:
    group, case = FakeWelfareGroup([KALLIO]), a_case()
    await opened(group, case)
    offered_at = OPENED + timedelta(days=3)
    await changed(
        group, step.offer_discussion(case, offered_on=offered_at.date(), by=ELIAS, at=offered_at)
    )
    (approaching,) = await due(group, ON_THE_EVE, TimerKind.DEADLINE_APPROACHING)
    assert await fire(group, approaching, ON_THE_EVE) is TimerState.SILENCED
    (breached,) = await due(group, DAY_AFTER, TimerKind.DEADLINE_BREACHED)
    assert await fire(group, breached, DAY_AFTER) is TimerState.SILENCED
    assert group.published == []
    assert {state for _, state in group.timers.stored.values()} == {TimerState.SILENCED}


def measure(carried_out_by: str, followed_up_by: str, review_on: date) -> Measure:
    return Measure(uuid.uuid4(), MeasureKind.SUPPORT_DISCUSSIONS, "weekly talks",
                   carried_out_by, followed_up_by, review_on)  # fmt: skip


def following_up(case: Case, measures: list[Measure]) -> Case:
    """The case taken through consent and the expert group to agreed measures."""
    members = [ELIAS, AINO, KAISA]
    at = [OPENED + timedelta(hours=h) for h in range(1, 5)]
    case = step.request_consent(
        case, from_=Consenter.STUDENT, purpose="expert group", by=ELIAS, at=at[0]
    )
    case = step.decide_consent(
        case, given=True, given_by=Consenter.STUDENT, student_can_judge=True,
        purpose="expert group", members=[m.staff_id for m in members], outside_parties=(),
        form=ConsentForm.WRITTEN, capacity_reasons="understands it", by=ELIAS, at=at[1],
    )  # fmt: skip
    case = step.form_group(
        case, members=members, responsible=ELIAS.staff_id, by=ELIAS, at=at[2], student=STUDENT
    )
    return step.agree_measures(case, measures=measures, by=ELIAS, at=at[3])


async def test_a_follow_up_review_names_its_followers_and_the_measures_due_that_day() -> None:
    group, case = FakeWelfareGroup([KALLIO]), a_case()
    await opened(group, case)
    today = [measure("psychologist-elias", "nurse-aino", REVIEW_ON),
             measure("kuraattori-kaisa", "kuraattori-kaisa", REVIEW_ON)]  # fmt: skip
    later = measure("psychologist-elias", "psychologist-elias", REVIEW_ON + timedelta(days=7))
    await changed(group, following_up(case, [*today, later]))

    morning = datetime.combine(REVIEW_ON, datetime.min.time(), HELSINKI) + timedelta(hours=9)
    (review,) = await due(group, morning, TimerKind.FOLLOW_UP_DUE)
    assert review.due_on == REVIEW_ON
    assert await fire(group, review, morning) is TimerState.FIRED
    assert await fire(group, review, morning) is None
    (reminder,) = group.published
    assert isinstance(reminder, FollowUpDueV1)
    assert reminder.data.followed_up_by == ["kuraattori-kaisa", "nurse-aino"]
    assert reminder.data.measure_ids == [m.measure_id for m in today]
    assert (reminder.data.due_on, reminder.data.responsible) == (REVIEW_ON, ELIAS)


async def test_the_clock_fires_every_due_timer_a_batch_at_a_time() -> None:
    group = FakeWelfareGroup([KALLIO])
    await opened(group, *(a_case(f"student-000{n}") for n in range(3)))
    clock = DeadlineClock(group.timers, group.transact, batch=4, now=lambda: DAY_AFTER)
    assert await clock.fire_due()  # a full batch: more may be waiting
    assert not await clock.fire_due()
    assert not await clock.fire_due()  # nothing left: nothing said again

    assert Counter(state for _, state in group.timers.stored.values()) == {
        TimerState.SILENCED: 3,  # the reminders came due too late to remind
        TimerState.FIRED: 3,
    }
    assert [type(e) for e in group.published] == [DeadlineBreachedV1] * 3
    assert len({e.data.timer_id for e in group.published if isinstance(e, DeadlineBreachedV1)}) == 3


async def test_retention_erases_a_case_closed_longer_ago_than_kept_and_tells_of_it() -> None:
    group = FakeWelfareGroup([KALLIO])
    now = OPENED + timedelta(days=400)
    expired, recent, open_ = a_case("student-0001"), a_case("student-0002"), a_case("student-0003")
    await opened(group, expired, recent, open_)
    gone = step.close(expired, reason="supported", by=ELIAS, at=OPENED + timedelta(days=1))
    await changed(group, gone)
    await changed(group, step.close(recent, reason="moved", by=ELIAS, at=now - timedelta(days=10)))

    retention = Retention(group.cases, group.transact, keep_closed=timedelta(days=365),
                          now=lambda: now)  # fmt: skip
    assert not await retention.purge_expired()
    assert set(group.cases.stored) == {recent.case_id, open_.case_id}
    (purged,) = group.published
    assert isinstance(purged, CasePurgedV1)
    assert (purged.data.case_id, purged.data.concern_ids) == (
        expired.case_id, list(expired.concern_ids),
    )  # fmt: skip
    assert (purged.data.closed_at, purged.data.purged_at) == (gone.closed_at, now)
    assert purged.partition_key == expired.student_ref
    timed = {timer.case_id for timer, _ in group.timers.stored.values()}
    assert expired.case_id not in timed
    assert open_.case_id in timed

    assert not await retention.purge_expired()
    assert len(group.published) == 1


async def test_an_owed_notice_to_the_student_is_announced_on_its_day_unless_done() -> None:
    group = FakeWelfareGroup([KALLIO])
    owed = step.owe_student_notice(
        a_case(), requested_on=OPENED.date(), urgency=Urgency.ROUTINE, calendar=SchoolCalendar()
    )
    done = step.tell_student(
        step.owe_student_notice(
            a_case("student-0002"), requested_on=OPENED.date(), urgency=Urgency.ROUTINE,
            calendar=SchoolCalendar(),
        ),
        told_on=OPENED.date(), by=AINO, at=OPENED + timedelta(hours=1),
    )  # fmt: skip
    await opened(group, owed, done)
    morning = datetime.combine(DUE_ON, datetime.min.time(), HELSINKI) + timedelta(hours=9)
    (notice,) = await due(group, morning, TimerKind.STUDENT_NOTICE_DUE)
    assert await fire(group, notice, morning) is TimerState.FIRED
    (reminder,) = group.published
    assert isinstance(reminder, StudentNoticeDueV1)
    assert (reminder.data.case_id, reminder.data.due_on) == (owed.case_id, DUE_ON)


async def test_a_hold_no_professional_kept_lapses_at_its_expiry_and_the_guardian_is_told() -> None:
    group = FakeWelfareGroup([KALLIO])
    case = open_case(
        concern_id=uuid.uuid4(), student_ref="student-0001", school_id="kallio-school",
        categories=[ConcernCategory.MENTAL_HEALTH], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=True, responsible=ELIAS, raised_by=TEACHER,
        requested_on=OPENED.date(), calendar=SchoolCalendar(), now=OPENED,
        guardian_hold_ground=GuardianHoldGround.STUDENT_ASKED, hold_days=14,
    )  # fmt: skip
    await opened(group, case)
    assert await due(group, OPENED + timedelta(days=13), TimerKind.GUARDIAN_HOLD_EXPIRES) == []
    (expiry,) = await due(group, OPENED + timedelta(days=15), TimerKind.GUARDIAN_HOLD_EXPIRES)
    assert await fire(group, expiry, OPENED + timedelta(days=15)) is TimerState.FIRED
    (told,) = [e for e in group.published if isinstance(e, CaseStepRecordedV1)]
    assert told.data.step is EntryKind.GUARDIAN_HOLD_LAPSED
    assert (told.data.audience, told.data.guardian_may_be_notified) == (Audience.GUARDIAN, True)
    stored = await group.cases.get(case.case_id)
    assert stored is not None
    assert stored.guardian_notice_hold is None


async def test_a_kept_hold_does_not_lapse_at_its_first_expiry() -> None:
    group = FakeWelfareGroup([KALLIO])
    case = open_case(
        concern_id=uuid.uuid4(), student_ref="student-0001", school_id="kallio-school",
        categories=[ConcernCategory.MENTAL_HEALTH], urgency=Urgency.ROUTINE,
        guardian_must_not_be_told_yet=True, responsible=ELIAS, raised_by=TEACHER,
        requested_on=OPENED.date(), calendar=SchoolCalendar(), now=OPENED,
        guardian_hold_ground=GuardianHoldGround.STUDENT_ASKED, hold_days=14,
    )  # fmt: skip
    await opened(group, case)
    kept = step.decide_guardian_hold(
        case, keep=True, ground="still at risk", by=ELIAS, at=OPENED + timedelta(days=10)
    )
    await changed(group, kept)
    first, second = sorted(
        await due(group, OPENED + timedelta(days=30), TimerKind.GUARDIAN_HOLD_EXPIRES),
        key=lambda t: t.due_on,
    )
    assert await fire(group, first, OPENED + timedelta(days=15)) is TimerState.SILENCED
    assert await fire(group, second, OPENED + timedelta(days=25)) is TimerState.FIRED
    assert [e.data.step for e in group.published if isinstance(e, CaseStepRecordedV1)] == [
        EntryKind.GUARDIAN_HOLD_LAPSED
    ]
