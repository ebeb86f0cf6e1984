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
from services.welfare_group.domain.record_content import MeetingScheduled
from services.welfare_group.domain.routing import Roster
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.statutes import Statute
from services.welfare_group.service_layer.concerns import take_up_concern
from services.welfare_group.service_layer.retention import purge_case
from services.welfare_group.service_layer.steps import CASE_STEPS
from services.welfare_group.service_layer.taking_steps import CaseNotFound, take_step
from shared.contracts import Audience, CaseStepRecordedV1, EntryKind, Role, StaffMember
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
        {"attendees": GROUP_MEMBERS, "handling": "plan agreed"},
        path_id=meeting.meeting_id,
    )
    measure = {"kind": "support_discussions", "description": "weekly talks",
               "carried_out_by": ELIAS.staff_id, "followed_up_by": "nurse-aino",
               "review_on": day_ahead(45)}  # fmt: skip
    (agreed,) = await w.step("measures", {"measures": [measure]})
    assert agreed.data.involved == ["nurse-aino", ELIAS.staff_id]
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
                "purpose": "expert group", "members": [ELIAS.staff_id],
                "form": "oral_recorded"}  # fmt: skip
    await w.step("consent-decisions", decision)
    (withdrawn,) = await w.step("consent-withdrawals", {})
    assert withdrawn.data.step is EntryKind.CONSENT_WITHDRAWN


async def test_a_bar_on_the_guardian_is_recorded_and_shuts_the_guardian_out() -> None:
    w = await walk()
    (barred,) = await w.step("guardian-bar", {"reason": "asked", "assessment": "in her interest"})
    assert barred.data.guardian_may_be_notified is False


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
