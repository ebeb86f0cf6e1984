"""The consent steps (§14): asked for, decided, withdrawn at once.

The professional asks item by item and records the capacity assessment with the request;
the family answers online themselves (the student, or the guardian of a minor who cannot
judge), item by item, in electronic form, or the professional records their decision.
"""

from __future__ import annotations

from typing import Any

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.need_to_know import CASE_TEAM, FAMILY_BASES
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.service_layer.steps.consent_fields import (
    ConsentDecisionRequest,
    ConsentRequestRequest,
)
from services.welfare_group.service_layer.steps.declaration import CaseStep, StepContext
from services.welfare_group.service_layer.steps.fields import StepRequest
from shared.contracts import Audience

__all__ = ["CONSENT_STEPS", "ConsentDecisionRequest", "ConsentRequestRequest"]


def _ask(case: Case, r: ConsentRequestRequest, s: StepContext) -> Case:
    return law.request_consent(
        case, from_=r.from_, purpose=r.purpose, by=s.by, at=s.at, members=r.members,
        outside_parties=r.outside_parties, student_can_judge=r.student_can_judge,
        capacity_reasons=r.capacity_reasons,
    )  # fmt: skip


def _decide(case: Case, r: ConsentDecisionRequest, s: StepContext) -> Case:
    if s.family is not None:
        _professionals_only(r)
        return law.answer_consent(
            case, who=s.family, request_id=r.request_id, given=r.given is not False,
            members=r.members,
            outside_parties=r.outside_parties, refused_members=r.refused_members,
            refused_outside_parties=r.refused_outside_parties, form=r.form, at=s.at,
        )  # fmt: skip
    if r.given is None or r.given_by is None or r.student_can_judge is None or r.purpose is None:
        raise RuleViolation(
            "§14",
            "a professional's record of a decision says whether consent was given, who decided, "
            "the capacity assessment and the purpose",
            instead="give given, given_by, student_can_judge and purpose",
        )
    return law.decide_consent(
        case, given=r.given, given_by=r.given_by, student_can_judge=r.student_can_judge,
        purpose=r.purpose, members=r.members, outside_parties=r.outside_parties, form=r.form,
        capacity_reasons=r.capacity_reasons, by=s.by, at=s.at,
        refused_members=r.refused_members, refused_outside_parties=r.refused_outside_parties,
    )  # fmt: skip


def _professionals_only(r: ConsentDecisionRequest) -> None:
    """Who decides is the token's; the capacity assessment and the purpose, the request's."""
    named = [
        k for k in ("given_by", "student_can_judge", "capacity_reasons", "purpose")
        if getattr(r, k) is not None
    ]  # fmt: skip
    if named:
        raise RuleViolation(
            "§14",
            f"{', '.join(named)} is not the family's to give: who answers is the one signed "
            "in, and the capacity assessment and purpose are the request's, the professional's",
            instead=f"leave out {', '.join(named)} and answer the items asked",
        )


def _withdraw(case: Case, _: StepRequest, s: StepContext) -> Case:
    if s.family is not None:
        return law.withdraw_family_consent(case, family=s.family, at=s.at)
    return law.withdraw_consent(case, by=s.by, at=s.at)


CONSENT_STEPS: tuple[CaseStep[Any], ...] = (
    CaseStep(
        path="consent-requests",
        summary="Ask the student or guardian for consent",
        description=(
            "Asks the student, or the guardian where the student cannot judge, for consent to "
            "handle the matter in an expert group (§14), item by item: the members and outside "
            "parties proposed. With the capacity assessment (student_can_judge and its reasons, "
            "by a nurse, psychologist or kuraattori) the family can answer it online. Asking "
            "again while a request is pending is a reminder; the guardian is told unless held "
            "back (§18)."
        ),
        request=ConsentRequestRequest,
        take=_ask,
        audience=lambda r, _: Audience.GUARDIAN if r.from_ == "guardian" else Audience.NOBODY,
    ),
    CaseStep(
        path="consent-decisions",
        summary="Record a consent or a refusal (§14), or answer a request online",
        description=(
            "Records a consent or a refusal, itemised: the members and outside parties it "
            "consents to and those it refuses, its purpose, its form and the capacity "
            "assessment, which for a minor a nurse, psychologist or kuraattori makes and records "
            "with its reasons. Outside parties need written consent (§14); electronic is "
            "written (13/2003 §9). A guardian decides only for a minor; for a student of age, "
            "the student or a court-appointed representative. Every decision is kept.\n\n"
            "The student or guardian answers their own open request (request_id) online: who "
            "answers is the one signed in, the form is electronic, and only the items the "
            "request asked may be consented to or refused; given_by, student_can_judge, "
            "capacity_reasons and purpose are refused from them (409). The case's responsible "
            "person is told."
        ),
        request=ConsentDecisionRequest,
        take=_decide,
        admits=CASE_TEAM | FAMILY_BASES,
        involved=lambda r: r.members,
    ),
    CaseStep(
        path="consent-withdrawals",
        summary="Withdraw consent, at once",
        description=(
            "Withdraws every consent in force, at once (the student or guardian online: every "
            "one they gave). The members it covered leave the expert group in the same step; "
            "the responsible person keeps leading the case, and is told of a family's "
            "withdrawal."
        ),
        request=StepRequest,
        take=_withdraw,
        admits=CASE_TEAM | FAMILY_BASES,
    ),
)
