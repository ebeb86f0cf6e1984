"""Every declared case step, taken through the service layer with no servers: what it
records, whom it involves, whom it tells, and that a refusal changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.record_content import MeetingScheduled, RecordHeader
from services.welfare_group.domain.routing import Roster
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.statutes import Statute
from services.welfare_group.domain.timers import still_matters
from services.welfare_group.service_layer.concerns import take_up_concern
from services.welfare_group.service_layer.retention import purge_case
from services.welfare_group.service_layer.steps import CASE_STEPS
from services.welfare_group.service_layer.taking_steps import CaseNotFound, take_step
from shared.contracts import (
    Audience,
    CaseOpenedV1,
    CaseStepRecordedV1,
    EntryKind,
    Role,
    StaffMember,
)
from tests.factories import GROUP_MEMBERS, concern_raised, day_ahead, moment_ahead
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup

HELSINKI = ZoneInfo("Europe/Helsinki")
ELIAS = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
PAULA = StaffMember("principal-paula", Role.PRINCIPAL)
STEPS = {step.path: step for step in CASE_STEPS}
taken: set[str] = set()  # the steps this module's tests took, checked by the last test


class Walk:
    def __init__(self, group: FakeWelfareGroup, case: Case) -> None:
        self.group, self.case_id = group, case.case_id

    async def step(
        self,
        path: str,
        body: dict[str, Any],
        *,
        by: StaffMember = ELIAS,
        path_id: UUID | None = None,
    ) -> list[CaseStepRecordedV1]:
        declared = STEPS[path]
        request = declared.request.model_validate(body)
        before = len(self.group.published)
        await self.group.transact(
            lambda unit: take_step(
                declared, request, case_id=self.case_id, by=by, unit=unit,
                timezone=HELSINKI, path_id=path_id,
            )
        )  # fmt: skip
        taken.add(path)
        told = self.group.published[before:]
        assert all(isinstance(e, CaseStepRecordedV1) for e in told)
        return [e for e in told if isinstance(e, CaseStepRecordedV1)]

    async def case(self) -> Case:
        case = await self.group.cases.get(self.case_id)
        assert case is not None
        return case


async def walk(roster: Roster = KALLIO, **concern: Any) -> Walk:
    group = FakeWelfareGroup([roster])
    event = concern_raised(**concern)
    case = await group.transact(lambda unit: take_up_concern(event, unit, HELSINKI))
    return Walk(group, case)


async def test_a_case_walks_every_group_step_to_closure_telling_whom_each_declares() -> None:
    w = await walk()
    (offered,) = await w.step("discussion-offers", {"offered_on": date.today().isoformat()})
    assert offered.data.step is EntryKind.DISCUSSION_OFFERED
    assert offered.data.audience is Audience.NOBODY
    (asked,) = await w.step("consent-requests", {"from": "guardian", "purpose": "expert group"})
    assert (asked.data.audience, asked.data.consent_asked_of) == (Audience.GUARDIAN, "guardian")
    members = [m["staff_id"] for m in GROUP_MEMBERS]
    decision = {"given": True, "given_by": "guardian", "student_can_judge": False,
                "capacity_reasons": "too young to take in what the group would do",
                "purpose": "expert group", "members": members, "form": "written"}  # fmt: skip
    (decided,) = await w.step("consent-decisions", decision)
    assert decided.data.involved == sorted(members)
    formed = await w.step("expert-group", {"members": GROUP_MEMBERS, "responsible": ELIAS.staff_id})
    assert [e.data.audience for e in formed if e.data.step is EntryKind.GROUP_FORMED] == [
        Audience.GROUP
    ]
    (scheduled,) = await w.step("meetings", {"on": moment_ahead(3), "attendees": GROUP_MEMBERS})
    assert scheduled.data.audience is Audience.GROUP
    assert scheduled.data.meeting_on is not None
    meeting = (await w.case()).record.entries[-1].content
    assert isinstance(meeting, MeetingScheduled)
    await w.step(
        "meetings/{meeting_id}/held",
        {
            "attendees": GROUP_MEMBERS,
            "handling": "plan agreed",
            "others": [{"position": "student", "name": "Testi Oppilas-Yksi"}],
        },
        path_id=meeting.meeting_id,
    )
    measure = {"kind": "support_discussions", "description": "weekly talks",
               "carried_out_by": ELIAS.staff_id, "followed_up_by": "nurse-aino",
               "review_on": day_ahead(45)}  # fmt: skip
    (agreed,) = await w.step("measures", {"measures": [measure]})
    assert agreed.data.involved == ["nurse-aino", ELIAS.staff_id]
    (plan,) = (await w.case()).measures
    (done,) = await w.step(
        "measures/{measure_id}/carried-out",
        {"on": date.today().isoformat(), "what_was_done": "first weekly talk held"},
        path_id=plan.measure_id,
    )
    assert (done.data.step, done.data.audience) == (EntryKind.MEASURE_CARRIED_OUT, Audience.NOBODY)
    await w.step("student-views", {"views": "feels left out", "wishes": "talks at school"})
    await w.step("disclosures", {"to": "nurse-aino", "what": "plan", "data": "plan_of_measures",
                                 "statute": "1287/2013-23"})  # fmt: skip
    await w.step("child-welfare-notices", {"made_on": date.today().isoformat(), "to": "cw-1"})
    first = (await w.case()).record.entries[0]
    await w.step("record/{entry_id}/corrections", {"correction": "date"}, path_id=first.entry_id)
    await w.step("reviews", {"outcome": "continue", "progress": "going well"})
    (closed,) = await w.step("closure", {"reason": "goals met"})
    assert closed.data.status == "closed"
    steps = [e for e in w.group.published if isinstance(e, CaseStepRecordedV1)]
    assert all(e.data.recorded_by == ELIAS for e in steps)


async def test_a_refused_step_changes_nothing_and_announces_nothing() -> None:
    w = await walk()
    before = await w.case()
    with pytest.raises(RuleViolation) as refused:
        await w.step("expert-group", {"members": GROUP_MEMBERS, "responsible": ELIAS.staff_id})
    assert refused.value.rule == "case lifecycle"
    assert await w.case() == before
    assert len(w.group.published) == 1  # the case opened, nothing since


async def test_the_record_begins_with_the_student_registers_identity_kept_out_of_events() -> None:
    w = await walk()
    members = [m["staff_id"] for m in GROUP_MEMBERS]
    decision = {"given": True, "given_by": "guardian", "student_can_judge": False,
                "capacity_reasons": "too young to take in what the group would do",
                "purpose": "expert group", "members": members, "form": "written"}  # fmt: skip
    await w.step("consent-decisions", decision)
    group = {"members": GROUP_MEMBERS, "responsible": ELIAS.staff_id,
             "background": "tired in class", "background_shared_with_raiser": True}  # fmt: skip
    unknown, w.group.students.stored = w.group.students.stored, {}
    with pytest.raises(RuleViolation) as refused:  # the student register does not know them
        await w.step("expert-group", group)
    assert refused.value.rule == "§20"
    w.group.students.stored = unknown
    told = await w.step("expert-group", group)
    assert [e.data.step for e in told] == [EntryKind.RECORD_HEADER, EntryKind.GROUP_FORMED]
    header = (await w.case()).record.entries[-2].content
    assert isinstance(header, RecordHeader)
    assert header.identity_code == "150312A9018"
    assert header.background == "tired in class"
    for event in told:  # identifiers only: no name, identity code or background
        dumped = event.model_dump_json()
        assert all(t not in dumped for t in ("150312A9018", "Oppilas", "Demokunta", "tired"))


async def test_an_unknown_case_is_not_found() -> None:
    w = await walk()
    w.case_id = UUID(int=1)
    with pytest.raises(CaseNotFound):
        await w.step("closure", {"reason": "nothing"})


async def test_consent_asked_of_the_student_tells_no_guardian_and_withdrawal_is_recorded() -> None:
    w = await walk()
    (asked,) = await w.step("consent-requests", {"from": "student", "purpose": "expert group"})
    assert asked.data.audience is Audience.NOBODY
    decision = {"given": True, "given_by": "student", "student_can_judge": True,
                "capacity_reasons": "understands what the group would do",
                "purpose": "expert group", "members": [ELIAS.staff_id],
                "form": "oral_recorded"}  # fmt: skip
    await w.step("consent-decisions", decision)
    (withdrawn,) = await w.step("consent-withdrawals", {})
    assert withdrawn.data.step is EntryKind.CONSENT_WITHDRAWN


async def test_a_bar_on_the_guardian_is_recorded_and_shuts_the_guardian_out() -> None:
    w = await walk()
    both = ["participation", "confidential_data"]
    bar = {"bars": both, "reason": "asked", "assessment": "in her interest"}
    (barred,) = await w.step("guardian-bar", bar)
    assert barred.data.guardian_may_be_notified is False


async def test_a_consent_decision_without_the_capacity_assessments_reasons_is_refused() -> None:
    w = await walk()
    decision = {"given": True, "given_by": "student", "student_can_judge": True,
                "purpose": "expert group", "members": [ELIAS.staff_id],
                "form": "written"}  # fmt: skip
    with pytest.raises(RuleViolation) as refused:
        await w.step("consent-decisions", decision)
    assert refused.value.rule == "§14"
    assert (await w.case()).consents == ()


async def test_the_two_guardian_bars_are_chosen_apart_and_lifted_each_on_its_own() -> None:
    w = await walk()
    why = {"reason": "asked", "assessment": "in her interest"}
    (taking_part,) = await w.step("guardian-bar", {"bars": ["participation"], **why})
    told, sees = taking_part.data.guardian_may_be_notified, taking_part.data.guardian_may_see_record
    assert (told, sees) == (False, True)  # no notices; the record not barred by this one
    (data,) = await w.step("guardian-bar", {"bars": ["confidential_data"], **why})
    assert data.data.guardian_may_see_record is False
    teacher = StaffMember("teacher-tiina", Role.TEACHER)
    lift = {"bars": ["participation"], "reason": "she withdrew it"}
    with pytest.raises(RuleViolation) as judged:
        await w.step("guardian-bar-lifts", lift, by=teacher)
    assert judged.value.rule == "§18"
    (lifted,) = await w.step("guardian-bar-lifts", lift)
    assert lifted.data.step is EntryKind.GUARDIAN_BAR_LIFTED
    assert lifted.data.audience is Audience.GUARDIAN
    told, sees = lifted.data.guardian_may_be_notified, lifted.data.guardian_may_see_record
    assert (told, sees) == (True, False)  # told again; the data bar stands
    with pytest.raises(RuleViolation) as not_in_force:
        await w.step("guardian-bar-lifts", lift)
    assert not_in_force.value.rule == "§18"
    case = await w.case()
    assert [e.kind for e in case.record.entries[-3:]] == [
        EntryKind.GUARDIAN_BARRED,
        EntryKind.GUARDIAN_BARRED,
        EntryKind.GUARDIAN_BAR_LIFTED,
    ]


async def test_a_student_of_age_can_set_no_bar_on_a_guardian() -> None:
    w = await walk()
    await w.group.students.born("student-0001", date(2000, 1, 1))
    bar = {"bars": ["participation"], "reason": "asked", "assessment": "in her interest"}
    with pytest.raises(RuleViolation) as refused:
        await w.step("guardian-bar", bar)
    assert refused.value.rule == "§18"


async def test_the_principal_assigns_a_lead_from_the_roster_only() -> None:
    bare = Roster("kallio-school", (PAULA,))
    w = await walk(bare)
    assert (await w.case()).unassigned
    with pytest.raises(RuleViolation) as refused:
        await w.step("responsible", {"staff_id": "nurse-aino", "role": "nurse"}, by=PAULA)
    assert refused.value.rule == "§16"
    w.group.rosters.stored["kallio-school"] = KALLIO
    (assigned,) = await w.step("responsible", {"staff_id": "nurse-aino", "role": "nurse"}, by=PAULA)
    assert assigned.data.audience is Audience.NEW_LEAD
    assert assigned.data.involved == ["nurse-aino"]
    assert assigned.data.responsible == StaffMember("nurse-aino", Role.NURSE)


async def test_a_lifted_guardian_hold_tells_the_guardian_and_a_kept_one_does_not() -> None:
    w = await walk(guardian_must_not_be_told_yet=True)
    (kept,) = await w.step("guardian-hold-decisions", {"keep": True, "ground": "safety first"})
    assert (kept.data.audience, kept.data.guardian_may_be_notified) == (Audience.NOBODY, False)
    (lifted,) = await w.step("guardian-hold-decisions", {"keep": False, "ground": "safe now"})
    assert lifted.data.step is EntryKind.GUARDIAN_HOLD_LIFTED
    assert (lifted.data.audience, lifted.data.guardian_may_be_notified) == (Audience.GUARDIAN, True)


NURSE = StaffMember("nurse-aino", Role.NURSE)


async def test_a_discussion_request_starts_the_clock_on_a_nurses_case() -> None:
    w = await walk(categories=["physical_health"])
    assert (await w.case()).discussion_due_on is None
    assert not w.group.timers.stored
    today = date.today().isoformat()
    body = {"requested_on": today, "requested_by": "student", "with_profession": "kuraattori"}
    (requested,) = await w.step("discussion-requests", body, by=NURSE)
    assert requested.data.step is EntryKind.DISCUSSION_REQUESTED
    case = await w.case()
    assert case.discussion_requested_on == date.today()
    assert case.discussion_due_on is not None
    assert w.group.timers.stored, "the §15 clock runs from the request"
    with pytest.raises(RuleViolation) as refused:
        await w.step("discussion-requests", body, by=StaffMember("teacher-tiina", Role.TEACHER))
    assert refused.value.rule == "§15"


async def test_a_professional_reassesses_urgency_and_the_clock_follows() -> None:
    w = await walk(categories=["mental_health"])  # routine: due the 7th school day
    routine_due = (await w.case()).discussion_due_on
    body = {"urgency": "urgent", "reason": "she spoke of self-harm"}
    (judged,) = await w.step("urgency-assessments", body, by=NURSE)
    assert judged.data.step is EntryKind.URGENCY_REASSESSED
    case = await w.case()
    assert case.urgency.value == "urgent"
    assert case.discussion_due_on is not None
    assert routine_due is not None
    assert case.discussion_due_on < routine_due
    due_dates = {t.due_on for t, _ in w.group.timers.stored.values()}
    assert case.discussion_due_on in due_dates, "the new deadline is timed"
    with pytest.raises(RuleViolation) as refused:
        await w.step("urgency-assessments", body, by=PAULA)
    assert refused.value.rule == "§15"


async def test_a_section_15_2_exception_silences_the_deadline() -> None:
    w = await walk(categories=["mental_health"])
    body = {"exception": "advice_to_the_caller", "explanation": "the guardian wanted advice"}
    with pytest.raises(RuleViolation) as refused:
        await w.step("discussion-exceptions", body, by=NURSE)
    assert refused.value.rule == "§15"
    (excepted,) = await w.step("discussion-exceptions", body)
    assert excepted.data.step is EntryKind.DISCUSSION_NOT_NEEDED
    case = await w.case()
    assert case.discussion_exception is not None
    timers = [t for t, _ in w.group.timers.stored.values()]
    assert timers
    assert not any(still_matters(t, case, t.fire_at) for t in timers)


async def test_a_concern_raised_without_the_student_owes_a_notice_recorded_done_once() -> None:
    w = await walk(student_informed=False, categories=["physical_health"])
    owed = (await w.case()).student_notice
    assert owed is not None
    assert owed.pending
    opened = w.group.published[-1]
    assert isinstance(opened, CaseOpenedV1)
    assert opened.data.student_to_be_told_by == owed.due_on
    today = date.today().isoformat()
    (told,) = await w.step("student-notices", {"told_on": today}, by=NURSE)
    assert told.data.step is EntryKind.STUDENT_TOLD
    notice = (await w.case()).student_notice
    assert notice is not None
    assert notice.told_on == date.today()
    with pytest.raises(RuleViolation) as refused:
        await w.step("student-notices", {"told_on": today}, by=NURSE)
    assert refused.value.rule == "§16"


async def test_a_concern_raised_with_the_student_owes_no_notice() -> None:
    w = await walk()
    assert (await w.case()).student_notice is None
    with pytest.raises(RuleViolation) as refused:
        await w.step("student-notices", {"told_on": date.today().isoformat()})
    assert refused.value.rule == "§16"


async def test_a_disclosure_rests_on_a_written_consent_to_it_until_it_is_withdrawn() -> None:
    w = await walk()
    disclosure = {"to": "youth-services", "what": "plan", "data": "plan_of_measures"}
    with pytest.raises(RuleViolation) as refused:
        await w.step("disclosures", disclosure)
    assert refused.value.rule == "§22"
    consent = {"given": True, "given_by": "student", "student_can_judge": True,
               "to": "youth-services", "data": ["plan_of_measures"],
               "purpose": "support in the youth centre", "form": "written"}  # fmt: skip
    (decided,) = await w.step("disclosure-consents", consent)
    assert decided.data.step is EntryKind.DISCLOSURE_CONSENT_DECISION
    (disclosed,) = await w.step("disclosures", disclosure)
    assert disclosed.data.step is EntryKind.DISCLOSURE
    (given,) = (await w.case()).disclosure_consents
    (row,) = await w.group.disclosures.search()  # the ledger, in the step's transaction
    assert (row.case_id, row.to, row.consent_id, row.by) == (
        w.case_id, "youth-services", given.consent_id, ELIAS.staff_id
    )  # fmt: skip
    (withdrawn,) = await w.step(
        "disclosure-consents/{consent_id}/withdrawal", {}, path_id=given.consent_id
    )
    assert withdrawn.data.step is EntryKind.DISCLOSURE_CONSENT_WITHDRAWN
    with pytest.raises(RuleViolation):
        await w.step("disclosures", disclosure)


async def test_a_consented_transfer_enters_its_disclosure_and_a_refused_one_moves_nothing() -> None:
    w = await walk()
    decision = {"given": False, "given_by": "student", "student_can_judge": True,
                "to": "espoo-education", "form": "oral_recorded"}  # fmt: skip
    (kept,) = await w.step("transfer-decisions", decision)
    assert kept.data.step is EntryKind.TRANSFER_DECISION
    assert await w.group.disclosures.search() == []
    decided, disclosed = await w.step("transfer-decisions", {**decision, "given": True,
                                                             "form": "written"})  # fmt: skip
    assert (decided.data.step, disclosed.data.step) == (
        EntryKind.TRANSFER_DECISION, EntryKind.DISCLOSURE
    )  # fmt: skip
    (row,) = await w.group.disclosures.search()
    assert (row.to, row.data) == ("espoo-education", RecordData.CONTINUITY)


async def test_a_disclosure_stays_in_the_ledger_after_its_case_is_purged() -> None:
    w = await walk()
    await w.step("disclosures", {"to": "child-welfare", "what": "the concern",
                                 "data": "whole_record", "statute": "417/2007-25"})  # fmt: skip
    await w.step("closure", {"reason": "handed to child welfare"})
    later = (await w.case()).opened_at + timedelta(days=1)
    purged = await w.group.transact(lambda unit: purge_case(w.case_id, unit, now=later))
    assert purged
    assert await w.group.cases.get(w.case_id) is None
    (row,) = await w.group.disclosures.of_student("student-0001")
    assert (row.case_id, row.statute) == (w.case_id, Statute.CHILD_WELFARE_ACT_25)


@pytest.fixture(scope="module", autouse=True)
def every_declared_step_is_taken_here() -> Iterator[None]:
    """After this module's tests: a newly declared step must get its fast test here."""
    yield
    assert taken == set(STEPS), f"steps without a fast test: {set(STEPS) - taken}"


def test_each_declaration_is_one_route_with_its_documentation() -> None:
    routes = [step.route for step in CASE_STEPS]
    assert len(routes) == len(set(routes))
    assert all(step.summary and len(step.description) > 40 for step in CASE_STEPS)
    assert STEPS["meetings/{meeting_id}/held"].path_param == "meeting_id"
