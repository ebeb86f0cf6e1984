"""Random sequences of steps, legal or not, never reach a state the law forbids and never
lose a record entry."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent import Consenter, ConsentForm, active_consent
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.group import Measure, MeasureKind, ReviewOutcome
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.record import EntryKind
from services.welfare_group.domain.record_content import Disclosure
from services.welfare_group.domain.registers import (
    CONSENT_KINDS,
    COUNTY_REGISTERS,
    Register,
    register_of,
)
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.statutes import Statute
from shared.contracts import Role, StaffMember
from tests.support.cases import PSYCHOLOGIST, START, STUDENT, TEACHER, opened_case

STAFF = {
    "psychologist-elias": Role.PSYCHOLOGIST,
    "nurse-aino": Role.NURSE,
    "kuraattori-kaisa": Role.KURAATTORI,
    "teacher-tiina": Role.TEACHER,
}

Step = Callable[[Case, datetime], Case]

people = st.lists(st.sampled_from(sorted(STAFF)), min_size=1, max_size=4, unique=True)
authors = st.sampled_from([PSYCHOLOGIST, TEACHER])
texts = st.sampled_from(["", "discussed at school", "weekly talks agreed"])


def members(ids: list[str]) -> list[StaffMember]:
    return [StaffMember(i, STAFF[i]) for i in ids]


@st.composite
def steps(draw: st.DrawFn) -> Step:
    by = draw(authors)
    # Weighted towards the steps that move a case forward, so that deep states are reached.
    kind = draw(
        st.sampled_from(
            [
                "offer",
                "request",
                "decide",
                "decide",
                "decide",
                "withdraw",
                "form",
                "form",
                "form",
                "schedule",
                "schedule",
                "hold",
                "hold",
                "measures",
                "measures",
                "review",
                "review",
                "close",
                "hear",
                "bar",
                "lift",
                "disclose",
                "disclosure consent",
                "notice",
                "correct",
            ]
        )
    )
    if kind == "offer":
        days = draw(st.integers(-1, 10))
        return lambda c, at: step.offer_discussion(
            c, offered_on=START.date() + timedelta(days=days), by=by, at=at
        )
    if kind == "request":
        who = draw(st.sampled_from(list(Consenter)))
        return lambda c, at: step.request_consent(
            c, from_=who, purpose="welfare group", by=by, at=at
        )
    if kind == "decide":
        given_, judge = draw(st.booleans()), draw(st.booleans())
        covered = draw(st.one_of(st.just(sorted(STAFF)), people))
        rightful = Consenter.STUDENT if judge else Consenter.GUARDIAN
        wrongful = Consenter.GUARDIAN if judge else Consenter.STUDENT
        who = draw(st.sampled_from([rightful, rightful, rightful, wrongful]))
        parties = draw(st.sampled_from([[], ["youth-services"]]))
        form = draw(st.sampled_from(list(ConsentForm)))
        reasons = draw(st.sampled_from(["understands the matter", "understands it", None]))
        return lambda c, at: step.decide_consent(
            c,
            given=given_,
            given_by=who,
            student_can_judge=judge,
            purpose="welfare group",
            members=covered,
            outside_parties=parties,
            form=form,
            capacity_reasons=reasons,
            by=by,
            at=at,
        )
    if kind == "withdraw":
        return lambda c, at: step.withdraw_consent(c, by=by, at=at)
    if kind == "form":
        group = draw(people)
        lead = draw(st.one_of(st.sampled_from(group), st.sampled_from(sorted(STAFF))))
        return lambda c, at: step.form_group(
            c, members=members(group), responsible=lead, by=by, at=at, student=STUDENT
        )
    if kind == "schedule":
        group = draw(people)
        return lambda c, at: step.schedule_meeting(
            c, on=at + timedelta(days=2), attendees=members(group), by=by, at=at
        )
    if kind == "hold":
        pick, group, handling = draw(st.integers(0, 3)), draw(people), draw(texts)
        return lambda c, at: step.hold_meeting(
            c,
            meeting_id=c.meetings[pick % len(c.meetings)].meeting_id
            if c.meetings
            else uuid.uuid4(),
            attendees=members(group),
            handling=handling,
            by=by,
            at=at,
        )
    if kind == "measures":
        measure_kind = draw(st.sampled_from(list(MeasureKind)))
        owner, follower = draw(st.sampled_from(sorted(STAFF))), draw(st.sampled_from(sorted(STAFF)))
        measure = Measure(
            uuid.uuid4(), measure_kind, "weekly talks", owner, follower, date(2027, 1, 15)
        )
        return lambda c, at: step.agree_measures(c, measures=[measure], by=by, at=at)
    if kind == "review":
        outcome, progress = draw(st.sampled_from(list(ReviewOutcome))), draw(texts)
        return lambda c, at: step.review(c, outcome=outcome, progress=progress, by=by, at=at)
    if kind == "close":
        reason = draw(texts)
        return lambda c, at: step.close(c, reason=reason, by=by, at=at)
    if kind == "hear":
        views = draw(texts)
        return lambda c, at: step.hear_student(c, views=views, wishes="to be heard", by=by, at=at)
    if kind in ("bar", "lift"):
        bars = draw(st.sampled_from([[b] for b in GuardianBar] + [list(GuardianBar)]))
        if kind == "lift":
            return lambda c, at: step.lift_guardian_bar(
                c, bars=bars, reason="the student withdrew it", by=by, at=at
            )
        return lambda c, at: step.bar_guardian(
            c, bars=bars, reason="weighty", assessment="in the child's interest", by=by, at=at
        )
    if kind == "disclose":
        basis = draw(st.sampled_from([None, Statute.CHILD_WELFARE_ACT_25]))
        return lambda c, at: step.disclose(
            c,
            to="youth-services",
            what="plan of measures",
            data=RecordData.PLAN_OF_MEASURES,
            statute=basis,
            by=by,
            at=at,
        )
    if kind == "disclosure consent":
        form = draw(st.sampled_from(list(ConsentForm)))
        return lambda c, at: step.decide_disclosure_consent(
            c,
            given=True,
            given_by=Consenter.STUDENT,
            student_can_judge=True,
            to="youth-services",
            data=[RecordData.PLAN_OF_MEASURES],
            purpose="continuity of support",
            form=form,
            by=by,
            at=at,
        )
    if kind == "notice":
        return lambda c, at: step.record_child_welfare_notice(
            c, made_on=at.date(), to="child-welfare", by=by, at=at
        )
    pick = draw(st.integers(0, 50))
    return lambda c, at: step.correct(
        c,
        entry_id=c.record.entries[pick % len(c.record.entries)].entry_id,
        correction="date was wrong",
        by=by,
        at=at,
    )


def assert_lawful(case: Case) -> None:
    consent = active_consent(case.consents)
    if case.status in (CaseStatus.CONSENT_GIVEN, CaseStatus.GROUP_FORMED, CaseStatus.FOLLOW_UP):
        assert consent is not None, case.status
    if case.status in (CaseStatus.GROUP_FORMED, CaseStatus.FOLLOW_UP):
        assert case.group is not None
        assert case.group.responsible in case.group.member_ids
        assert case.responsible is not None
        assert case.responsible.staff_id == case.group.responsible
    if case.status is CaseStatus.FOLLOW_UP:
        assert case.measures
    if case.status is CaseStatus.CLOSED:
        assert case.closed_reason
        assert EntryKind.CLOSED in {e.kind for e in case.record.entries}
    assert all(m.kind is not MeasureKind.DISCIPLINE for m in case.measures)
    # Each §18.2 bar stops exactly its own: notices, or the record.
    if GuardianBar.PARTICIPATION in case.guardian_bars:
        assert not case.guardian_may_be_notified
    assert case.guardian_may_see_record is (GuardianBar.CONFIDENTIAL_DATA not in case.guardian_bars)
    assert all(m.kind is not MeasureKind.LEARNING_SUPPORT for m in case.measures)
    entries = case.record.entries
    assert [e.seq for e in entries] == list(range(len(entries)))
    assert all(a.at <= b.at for a, b in itertools.pairwise(entries))
    assert entries[0].kind is EntryKind.CASE_OPENED
    offers = [e for e in entries if e.kind is EntryKind.DISCUSSION_OFFERED]
    assert (case.discussion_offered_on is None) == (not offers)
    assert all(e.author.role is not Role.TEACHER for e in offers)
    # §22: every disclosure rests on a statute or on a written consent to it.
    written = {c.consent_id for c in case.disclosure_consents if c.form is ConsentForm.WRITTEN}
    for disclosed in (e.content for e in entries if isinstance(e.content, Disclosure)):
        assert disclosed.statute is not None or disclosed.consent_id in written


@settings(max_examples=500, deadline=None)
@given(st.lists(steps(), min_size=15, max_size=40))
def test_no_sequence_of_steps_breaks_the_law_or_loses_a_record_entry(sequence: list[Step]) -> None:
    case = opened_case()
    at = START
    for apply in sequence:
        at += timedelta(minutes=5)
        before = case
        try:
            case = apply(case, at)
        except RuleViolation as refused:
            # A refusal is one of the expected outcomes of a random step, not the test's subject.
            assert refused.rule, "every refusal names its rule"  # noqa: PT017
            assert refused.instead, "every refusal says what to do instead"  # noqa: PT017
            assert case is before
            continue
        assert case.record.entries[: len(before.record.entries)] == before.record.entries
        assert len(case.record.entries) > len(before.record.entries)  # every step is recorded
        if before.status is CaseStatus.CLOSED:
            assert case.status is CaseStatus.CLOSED
        if not before.guardian_may_see_record and case.guardian_may_see_record:
            # Only a professional lifting the data bar opens the record to the guardian again.
            lifted = case.record.entries[-1]
            assert lifted.kind is EntryKind.GUARDIAN_BAR_LIFTED
            assert lifted.author.role is not Role.TEACHER
        assert_lawful(case)
        event(f"reached {case.status.value}")


def assert_registers_kept_apart(case: Case) -> None:
    """§5.2, §20.3, §21: nothing reaches the welfare register before consent, and its
    record proper (all but the tahdonilmaisut) begins with the §20.4 header, written as the
    group is formed; the professionals' own work stays in their county registers."""
    entries = case.record.entries
    welfare = [e for e in entries if e.register is Register.WELFARE]
    # A tahdonilmaisu (to take part, or to a disclosure) is the first thing the register keeps.
    decided = {EntryKind.CONSENT_DECISION, EntryKind.DISCLOSURE_CONSENT_DECISION}
    decisions = [e.seq for e in entries if e.kind in decided]
    assert all(decisions and e.seq >= decisions[0] for e in welfare)
    consents: set[uuid.UUID] = set()
    for e in welfare:  # a correction of a consent decision is kept with it (and so on)
        if e.kind in CONSENT_KINDS or e.corrects in consents:
            consents.add(e.entry_id)
    record_proper = [e for e in welfare if e.entry_id not in consents]
    if record_proper:
        header = record_proper[0]
        assert header.kind is EntryKind.RECORD_HEADER
        assert entries[header.seq + 1].kind is EntryKind.GROUP_FORMED
        assert any(c.decided_at <= header.at and c.given for c in case.consents)
    assert sum(e.kind is EntryKind.RECORD_HEADER for e in entries) == len(record_proper[:1])
    for e in entries:
        own = register_of(e.author.role)
        if e.register in COUNTY_REGISTERS and own is not None and e.corrects is None:
            assert e.register is own  # a professional writes only into their own register
        if e.kind is EntryKind.DISCUSSION_OFFERED:
            assert e.register is register_of(e.author.role)


@settings(max_examples=400, deadline=None)
@given(st.lists(steps(), min_size=10, max_size=40))
def test_no_welfare_register_entry_before_consent_and_the_record_begins_with_its_header(
    sequence: list[Step],
) -> None:
    case = opened_case()
    assert [e.register for e in case.record.entries] == [Register.HEALTH_CARE]  # the referral
    at = START
    for apply in sequence:
        at += timedelta(minutes=5)
        try:
            case = apply(case, at)
        except RuleViolation:
            continue
        assert_registers_kept_apart(case)
        event(f"record begun: {case.record.begun}")
