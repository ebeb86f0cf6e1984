"""Moving to another education provider (§23.3): what continuity needs moves only with consent.

Between schools of one provider the register stays the same; to a new provider, the
welfare data needed to go on with the support moves only with the student's consent, or
the guardian's where the student cannot judge what consenting means (§14). The decision
is kept either way (the tahdonilmaisu). Given, in writing, the entries continuity needs
(the matter and its background, the measures agreed and their follow-up) are disclosed to
the new provider: a Disclosure entry names them, and the ledger keeps it. Refused,
nothing moves.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from uuid import uuid4

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.disclosure import DisclosureConsent, RecordData
from services.welfare_group.domain.lifecycle.guards import entry
from services.welfare_group.domain.record_content import Disclosure, TransferDecision
from services.welfare_group.domain.rules import RuleViolation
from shared.contracts import EntryKind, StaffMember

__all__ = ["CONTINUITY", "decide_transfer"]

# What a new provider needs to go on with the support; not the meetings, views or consents.
CONTINUITY = frozenset(
    {
        EntryKind.CASE_OPENED,
        EntryKind.CONCERN_LINKED,
        EntryKind.MEASURES_AGREED,
        EntryKind.FOLLOW_UP_REVIEW,
    }
)


def decide_transfer(
    case: Case,
    *,
    given: bool,
    given_by: Consenter,
    student_can_judge: bool,
    to: str,
    form: ConsentForm,
    by: StaffMember,
    at: datetime,
) -> Case:
    if given and form is not ConsentForm.WRITTEN:
        raise RuleViolation(
            "§23",
            "welfare data moves to a new education provider only on a written consent (§23.3)",
            instead="record the written consent naming the new provider, or the refusal",
        )
    consent = DisclosureConsent(
        consent_id=uuid4(), given=given, given_by=given_by, student_can_judge=student_can_judge,
        capacity_assessed_by=by.staff_id, to=to, data=frozenset({RecordData.CONTINUITY}),
        purpose="continuity of support at the new education provider (§23.3)", form=form,
        decided_at=at,
    )  # fmt: skip
    moved = [e.entry_id for e in case.record.entries if e.kind in CONTINUITY] if given else []
    decision = TransferDecision(
        given=given, given_by=given_by, student_can_judge=student_can_judge, to=to, form=form,
        consent_id=consent.consent_id, entries=moved,
    )  # fmt: skip
    case = entry(case, decision, by, at)
    case = replace(case, disclosure_consents=(*case.disclosure_consents, consent))
    if not given:
        return case
    disclosed = Disclosure(
        to=to,
        what=f"{len(moved)} record entries continuity needs: the matter, the measures, "
        "their follow-up",
        legal_basis="written consent to the transfer (§23.3)",
        data=RecordData.CONTINUITY,
        consent_id=consent.consent_id,
    )
    return entry(case, disclosed, by, at)
