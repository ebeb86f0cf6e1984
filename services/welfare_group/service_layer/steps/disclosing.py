"""The steps by which record data leaves the work (§20.5, §22): the written consent to a
disclosure, its withdrawal, and the disclosure entered with its basis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.statutes import Statute
from services.welfare_group.service_layer.steps.declaration import CaseStep
from services.welfare_group.service_layer.steps.fields import Short, StepRequest
from shared.contracts import Identifier

__all__ = [
    "DISCLOSING_STEPS",
    "DisclosureConsentRequest",
    "DisclosureRequest",
    "TransferDecisionRequest",
]


class DisclosureConsentRequest(StepRequest):
    given: bool = Field(description="False records a refusal.")
    given_by: Consenter
    student_can_judge: bool = Field(description="The capacity assessment (§14).")
    to: Identifier = Field(description="The recipient the consent names.")
    data: list[RecordData] = Field(min_length=1, max_length=len(RecordData))
    purpose: Short
    form: ConsentForm = Field(description="A consent to a disclosure must be written (§22).")


class DisclosureRequest(StepRequest):
    to: Identifier
    what: Short
    data: RecordData = Field(description="The part of the record disclosed.")
    statute: Statute | None = Field(
        default=None,
        description="The statute it rests on, from the maintained list; none: a written "
        "consent to this disclosure in force naming the recipient and the data (§22).",
    )


class TransferDecisionRequest(StepRequest):
    given: bool = Field(description="False records a refusal: nothing moves.")
    given_by: Consenter
    student_can_judge: bool = Field(description="The capacity assessment (§14).")
    to: Identifier = Field(description="The new education provider.")
    form: ConsentForm = Field(description="A consent to the transfer must be written.")


DISCLOSING_STEPS: tuple[CaseStep[Any], ...] = (
    CaseStep(
        path="disclosure-consents",
        summary="Record a written consent to a disclosure, or its refusal (§22)",
        description=(
            "Records the student's or guardian's decision (as the capacity assessment decides, "
            "§14) on disclosing named record data to a named recipient outside the work. A "
            "consent must be written (§22); a refusal is kept as well."
        ),
        request=DisclosureConsentRequest,
        take=lambda c, r, s: law.decide_disclosure_consent(
            c,
            given=r.given,
            given_by=r.given_by,
            student_can_judge=r.student_can_judge,
            to=r.to,
            data=r.data,
            purpose=r.purpose,
            form=r.form,
            by=s.by,
            at=s.at,
        ),
    ),
    CaseStep(
        path="disclosure-consents/{consent_id}/withdrawal",
        summary="Withdraw a consent to a disclosure, at once",
        description="Withdraws one consent to a disclosure; the withdrawal is kept (§22).",
        request=StepRequest,
        take=lambda c, _, s: law.withdraw_disclosure_consent(
            c, consent_id=s.named_id, by=s.by, at=s.at
        ),
    ),
    CaseStep(
        path="disclosures",
        summary="Disclose record data outside the work (§20.5, §22)",
        description=(
            "Enters a disclosure of record data outside the work: what, to whom and on what "
            "basis, a written consent to this disclosure naming the recipient and the data, or "
            "a statute from the maintained list (§22). 409 naming §22 without either. Each "
            "disclosure is also kept in the disclosure ledger."
        ),
        request=DisclosureRequest,
        take=lambda c, r, s: law.disclose(
            c, to=r.to, what=r.what, data=r.data, statute=r.statute, by=s.by, at=s.at
        ),
    ),
    CaseStep(
        path="transfer-decisions",
        summary="Record the decision on moving welfare data to a new education provider (§23.3)",
        description=(
            "Records the student's or guardian's decision on moving the welfare data continuity "
            "needs to a named new education provider (§23.3). Given in writing, the entries "
            "needed (the matter, the measures agreed, their follow-up) are disclosed: a "
            "Disclosure entry and a ledger row. A refusal is kept, and nothing moves."
        ),
        request=TransferDecisionRequest,
        take=lambda c, r, s: law.decide_transfer(
            c,
            given=r.given,
            given_by=r.given_by,
            student_can_judge=r.student_can_judge,
            to=r.to,
            form=r.form,
            by=s.by,
            at=s.at,
        ),
    ),
)
