"""HTTP in for group members: one endpoint per declared case step, made from its declaration.

Only a caller on a basis the step admits may take it, and the acting professional is the
one the token names; on the steps that admit the family (the consent answered, withdrawn
online), so is the student or guardian, who acts for themselves. A step the law forbids
is answered 409 with the rule and what to do instead; an unknown case 404; a malformed
request 422. Every accepted step is in the
record and announced.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from inspect import Parameter, Signature
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.welfare_group.domain.case import Case, CaseStatus
from services.welfare_group.domain.consent_requests import FamilyMember
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.entrypoints.family import family_member
from services.welfare_group.entrypoints.guards import CaseAccess, GuardFactory
from services.welfare_group.service_layer.steps import CaseStep
from services.welfare_group.service_layer.taking_steps import CaseNotFound, take_step
from services.welfare_group.service_layer.unit_of_work import WelfareTransact, WelfareUnit
from shared.contracts import StaffMember
from shared.security import (
    CASE_STEP,
    FAMILY,
    PROFESSIONALS,
    Action,
    Outcome,
    Principal,
    Rule,
    Scope,
)

__all__ = ["FAMILY_CASE_STEP", "StepTaken", "step_routes", "step_rules"]

# A step the family may take themselves: a professional, or the student or a guardian, on a
# basis its declaration admits (the case's facts decide, §18), every use logged.
FAMILY_CASE_STEP = Rule(PROFESSIONALS | FAMILY, Scope.CASE, Action.WRITE, case_data=True)


def step_rules(steps: Iterable[CaseStep[Any]]) -> dict[str, Rule]:
    """The access policy's entry for each declared step."""
    return {
        f"POST {step.route}": FAMILY_CASE_STEP if step.admits_family else CASE_STEP
        for step in steps
    }


def _actor(who: Principal) -> StaffMember | FamilyMember:
    return who.as_staff() if who.is_staff else family_member(who)


class StepTaken(BaseModel):
    case_id: UUID
    status: CaseStatus
    record_length: int


REFUSED: dict[int | str, dict[str, Any]] = {
    409: {"description": "The law forbids this step now; says which rule and what instead."}
}


def step_routes(
    steps: Iterable[CaseStep[Any]],
    transact: WelfareTransact,
    guard_admitting: GuardFactory,
    timezone: ZoneInfo,
) -> APIRouter:
    router = APIRouter(tags=["case steps"], responses=REFUSED)

    async def take(
        step: CaseStep[Any], body: BaseModel, allowed: CaseAccess, path_id: UUID | None
    ) -> StepTaken | JSONResponse:
        access = allowed.access

        async def work(unit: WelfareUnit) -> Case:
            case = await take_step(
                step,
                body,
                case_id=allowed.case.case_id,
                by=_actor(access.who),
                unit=unit,
                timezone=timezone,
                path_id=path_id,
            )
            await unit.log_granted(access)  # logged with the change, or not at all
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

    for step in steps:
        router.add_api_route(
            step.route,
            _endpoint(step, take, guard_admitting(step.admits)),
            methods=["POST"],
            status_code=201,
            response_model=StepTaken,
            summary=step.summary,
            description=step.description,
            name=step.name,
        )
    return router


Take = Callable[[CaseStep[Any], BaseModel, CaseAccess, UUID | None], Awaitable[Any]]


def _endpoint(step: CaseStep[Any], take: Take, guard: Callable[..., Any]) -> Callable[..., Any]:
    """An endpoint whose signature FastAPI reads: the path's ids, the body, the guard."""

    async def endpoint(body: BaseModel, allowed: CaseAccess, **path: UUID) -> Any:
        return await take(step, body, allowed, path.get(step.path_param or ""))

    named = [step.path_param] if step.path_param else []
    endpoint.__signature__ = Signature(  # type: ignore[attr-defined]
        [
            Parameter("case_id", Parameter.KEYWORD_ONLY, annotation=UUID),
            *(Parameter(p, Parameter.KEYWORD_ONLY, annotation=UUID) for p in named),
            Parameter("body", Parameter.KEYWORD_ONLY, annotation=step.request),
            Parameter(
                "allowed", Parameter.KEYWORD_ONLY, annotation=CaseAccess, default=Depends(guard)
            ),
        ]
    )
    endpoint.__name__ = step.name
    return endpoint
