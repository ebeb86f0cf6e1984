"""HTTP in for group members: one endpoint per step of a case.

Only the case's team may take a step, and the acting professional is the one the token
names. A step the law forbids is answered 409 with the rule and what to do instead; an unknown
case 404; a malformed request 422. Every accepted step is in the record and announced.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.welfare_group.adapters.repository import CaseRepository, RosterRepository
from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.group import Measure
from services.welfare_group.domain.need_to_know import CASE_TEAM, Basis
from services.welfare_group.domain.record import EntryKind, RecordEntry
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.handlers import step_requests as req
from services.welfare_group.handlers.access import CaseAccess, GuardFactory
from services.welfare_group.handlers.deadlines import Deadlines
from services.welfare_group.handlers.step_descriptions import STEP_DESCRIPTIONS
from services.welfare_group.handlers.steps import CaseNotFound, Step, take_step
from shared.contracts import Audience, StaffMember
from shared.security import Outcome
from shared.unit_of_work import Transactor, UnitOfWork

__all__ = ["StepTaken", "step_routes"]


class StepTaken(BaseModel):
    case_id: UUID
    status: CaseStatus
    record_length: int


Endpoint = Callable[..., Awaitable[Any]]
REFUSED: dict[int | str, dict[str, Any]] = {
    409: {"description": "The law forbids this step now; says which rule and what instead."}
}


def step_routes(
    transact: Transactor[UnitOfWork],
    cases: CaseRepository,
    rosters: RosterRepository,
    deadlines: Deadlines,
    guard_admitting: GuardFactory,
) -> APIRouter:
    router = APIRouter(tags=["case steps"], responses=REFUSED)
    guard = guard_admitting(CASE_TEAM)
    # The principal reaches an unassigned case to see it led: assign the lead, form the group.
    lead_or_principal = guard_admitting({Basis.RESPONSIBLE, Basis.PRINCIPAL})
    team_or_principal = guard_admitting(CASE_TEAM | {Basis.PRINCIPAL})

    async def take(
        allowed: CaseAccess,
        step: Step,
        involved: Iterable[str] = (),
        audience: Callable[[RecordEntry], Audience] = lambda _: Audience.NOBODY,
    ) -> StepTaken | JSONResponse:
        access = allowed.access

        async def work(unit: UnitOfWork) -> Case:
            case = await take_step(
                allowed.case.case_id,
                step,
                by=access.who.as_staff(),
                involved=involved,
                audience=audience,
                unit=unit,
                cases=cases,
                deadlines=deadlines,
            )
            await access.grant(session=unit.transaction)  # logged with the change, or not at all
            return case

        try:
            case = await transact(work)
        except CaseNotFound:
            await access.settle(Outcome.NOT_FOUND)
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No case with that id.") from None
        except RuleViolation as refused:
            await access.settle(Outcome.REFUSED_BY_RULE, detail=refused.rule)
            return JSONResponse(
                status_code=409, content={"detail": refused.message, **refused.as_dict()}
            )
        return StepTaken(
            case_id=case.case_id, status=case.status, record_length=len(case.record.entries)
        )

    def post(step: str, summary: str) -> Callable[[Endpoint], Endpoint]:
        return router.post(
            "/cases/{case_id}/" + step,
            status_code=201,
            summary=summary,
            description=STEP_DESCRIPTIONS[step],
        )

    @post("discussion-offers", "Offer the §15 discussion")
    async def offer_discussion(
        body: req.DiscussionOfferRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.offer_discussion(c, offered_on=body.offered_on, by=by, at=at),
        )

    @post("consent-requests", "Ask the student or guardian for consent")
    async def request_consent(
        body: req.ConsentRequestRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.request_consent(
                c, from_=body.from_, purpose=body.purpose, by=by, at=at
            ),
            audience=lambda _: Audience.GUARDIAN if body.from_ == "guardian" else Audience.NOBODY,
        )

    @post("consent-decisions", "Record a consent or a refusal (§14)")
    async def decide_consent(
        body: req.ConsentDecisionRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.decide_consent(
                c,
                given=body.given,
                given_by=body.given_by,
                student_can_judge=body.student_can_judge,
                purpose=body.purpose,
                members=body.members,
                outside_parties=body.outside_parties,
                form=body.form,
                by=by,
                at=at,
            ),
            involved=body.members,
        )

    @post("consent-withdrawals", "Withdraw consent, at once")
    async def withdraw_consent(body: req.StepRequest, allowed: CaseAccess = Depends(guard)) -> Any:
        return await take(allowed, lambda c, by, at: law.withdraw_consent(c, by=by, at=at))

    @post("expert-group", "Form the expert group (§14)")
    async def form_group(
        body: req.GroupRequest, allowed: CaseAccess = Depends(team_or_principal)
    ) -> Any:
        members = [m.domain() for m in body.members]
        return await take(
            allowed,
            lambda c, by, at: law.form_group(
                c, members=members, responsible=body.responsible, by=by, at=at
            ),
            involved=[m.staff_id for m in members],
            audience=lambda e: (
                Audience.GROUP if e.kind is EntryKind.GROUP_FORMED else Audience.NOBODY
            ),
        )

    @post("meetings", "Schedule a meeting of the group")
    async def schedule_meeting(
        body: req.MeetingRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        attendees = [m.domain() for m in body.attendees]
        return await take(
            allowed,
            lambda c, by, at: law.schedule_meeting(
                c, on=body.on, attendees=attendees, by=by, at=at
            ),
            involved=[a.staff_id for a in attendees],
            audience=lambda _: Audience.GROUP,
        )

    @post("meetings/{meeting_id}/held", "Record a meeting held")
    async def hold_meeting(
        meeting_id: UUID, body: req.MeetingHeldRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        attendees = [m.domain() for m in body.attendees]
        return await take(
            allowed,
            lambda c, by, at: law.hold_meeting(
                c, meeting_id=meeting_id, attendees=attendees, handling=body.handling, by=by, at=at
            ),
            involved=[a.staff_id for a in attendees],
        )

    @post("measures", "Agree measures, each with an owner and a review")
    async def agree_measures(
        body: req.MeasuresRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        measures = [
            Measure(
                uuid.uuid4(), m.kind, m.description, m.carried_out_by, m.followed_up_by, m.review_on
            )
            for m in body.measures
        ]
        return await take(
            allowed,
            lambda c, by, at: law.agree_measures(c, measures=measures, by=by, at=at),
            involved=[p for m in measures for p in (m.carried_out_by, m.followed_up_by)],
        )

    @post("reviews", "Review the follow-up: continue, change, close")
    async def review(body: req.ReviewRequest, allowed: CaseAccess = Depends(guard)) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.review(
                c,
                outcome=body.outcome,
                progress=body.progress,
                closing_reason=body.closing_reason,
                by=by,
                at=at,
            ),
        )

    @post("closure", "Close the case with a reason")
    async def close(body: req.ClosureRequest, allowed: CaseAccess = Depends(guard)) -> Any:
        return await take(allowed, lambda c, by, at: law.close(c, reason=body.reason, by=by, at=at))

    @post("student-views", "Record the student's own views (§18)")
    async def hear_student(
        body: req.StudentViewRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.hear_student(
                c, views=body.views, wishes=body.wishes, by=by, at=at
            ),
        )

    @post("guardian-bar", "Record a student's bar on the guardian (§18)")
    async def bar_guardian(
        body: req.GuardianBarRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.bar_guardian(
                c, reason=body.reason, assessment=body.assessment, by=by, at=at
            ),
        )

    @post("disclosures", "Disclose record data outside the work (§21)")
    async def disclose(body: req.DisclosureRequest, allowed: CaseAccess = Depends(guard)) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.disclose(
                c, to=body.to, what=body.what, legal_basis=body.legal_basis, by=by, at=at
            ),
        )

    @post("child-welfare-notices", "Note a child-welfare notice made")
    async def child_welfare_notice(
        body: req.StepRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        return await take(
            allowed, lambda c, by, at: law.record_child_welfare_notice(c, by=by, at=at)
        )

    @post("record/{entry_id}/corrections", "Correct a record entry")
    async def correct(
        entry_id: UUID, body: req.CorrectionRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.correct(
                c, entry_id=entry_id, correction=body.correction, by=by, at=at
            ),
        )

    @post("responsible", "Assign the case's responsible person (§16)")
    async def assign_responsible(
        body: req.ResponsibleRequest, allowed: CaseAccess = Depends(lead_or_principal)
    ) -> Any:
        member = StaffMember(body.staff_id, body.role)
        on_roster = member in (await rosters.get(allowed.case.school_id)).members

        def assign(c: Case, by: StaffMember, at: datetime) -> Case:
            if not on_roster:
                raise RuleViolation(
                    "§16",
                    f"{body.staff_id} is not a {body.role.value} of this school's roster",
                    instead="assign someone the school's welfare staff roster names",
                )
            return law.assign_responsible(c, member=member, by=by, at=at)

        return await take(
            allowed, assign, involved=[member.staff_id], audience=lambda _: Audience.NEW_LEAD
        )

    @post("guardian-hold-decisions", "Keep or lift a request that the guardian not be told yet")
    async def decide_guardian_hold(
        body: req.GuardianHoldDecisionRequest, allowed: CaseAccess = Depends(guard)
    ) -> Any:
        return await take(
            allowed,
            lambda c, by, at: law.decide_guardian_hold(
                c, keep=body.keep, ground=body.ground, by=by, at=at
            ),
            audience=lambda e: (
                Audience.GUARDIAN if e.kind is EntryKind.GUARDIAN_HOLD_LIFTED else Audience.NOBODY
            ),
        )

    return router
