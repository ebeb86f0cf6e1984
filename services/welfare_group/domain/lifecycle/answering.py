"""The family answers a consent request online (§14): item by item, in electronic form,
as the request's capacity assessment says who decides.

The family member is the one their token names; what they answer is only what the request
asked (its members and outside parties); its purpose and the capacity assessment are the
request's, the professional's who asked and who enters the answer in the record. An
electronic answer signed in with strong authentication is a written one (13/2003 §9), so
it can consent to outside parties.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.consent_requests import FamilyMember, OpenRequest, requests_for
from services.welfare_group.domain.lifecycle.decisions import record_decision
from services.welfare_group.domain.lifecycle.guards import OPEN, require
from services.welfare_group.domain.rules import RuleViolation

__all__ = ["answer_consent", "answering_request"]


def answering_request(case: Case, who: FamilyMember, request_id: UUID | None) -> OpenRequest:
    """The open request the family member answers: the one named, or their latest."""
    mine = requests_for(case, who)
    found = [r for r in mine if request_id in (None, r.request_id)]
    if not found:
        raise RuleViolation(
            "§14",
            "no consent request open for you to answer" + (" has that id" if request_id else ""),
            instead="answer a request the welfare staff have asked of you, or ask them to ask",
        )
    return found[-1]


def answer_consent(
    case: Case,
    *,
    who: FamilyMember,
    request_id: UUID | None,
    given: bool,
    members: Iterable[str],
    outside_parties: Iterable[str],
    refused_members: Iterable[str],
    refused_outside_parties: Iterable[str],
    form: ConsentForm,
    at: datetime,
) -> Case:
    require(case, OPEN, "record consent", instead="open a new case")
    request = answering_request(case, who, request_id)
    if form is not ConsentForm.ELECTRONIC:
        raise RuleViolation(
            "§14",
            "an answer given online is in electronic form",
            instead="send form: electronic (13/2003 §9: it meets the written form)",
        )
    members, parties = set(members), set(outside_parties)
    refused_m, refused_p = set(refused_members), set(refused_outside_parties)
    asked_members = {m.staff_id for m in request.members}
    not_asked = (members | refused_m) - asked_members | (parties | refused_p) - set(
        request.outside_parties
    )
    if not_asked:
        raise RuleViolation(
            "§14",
            f"not asked in the request: {', '.join(sorted(not_asked))}",
            instead="answer only the members and outside parties the request names; the "
            "welfare staff ask again for anyone else",
        )
    if not members | parties | refused_m | refused_p:
        raise RuleViolation(
            "§14",
            "the answer names nothing it consents to or refuses",
            instead="name each member and outside party of the request you consent to or refuse",
        )
    if not given:  # "no" to everything named
        refused_m, refused_p, members, parties = (
            refused_m | members,
            refused_p | parties,
            set(),
            set(),
        )
    consents = bool(members | parties)
    if not consents:  # a refusal names what it refuses as its own
        members, parties, refused_m, refused_p = refused_m, refused_p, set(), set()
    return record_decision(
        case, given=consents, given_by=who.consenter,
        student_can_judge=_who_decides(case, request, who), assessed_by=request.asked_by.staff_id,
        capacity_reasons=None, purpose=request.purpose, members=members, outside_parties=parties,
        refused_members=refused_m, refused_outside_parties=refused_p, form=form,
        by=request.asked_by, at=at, answered_by=who.ref, answers=request.request_id,
    )  # fmt: skip


def _who_decides(case: Case, request: OpenRequest, who: FamilyMember) -> bool:
    """The request's capacity assessment: a student of age who answers is presumed able."""
    if request.student_can_judge is not None:
        return request.student_can_judge
    if case.student_of_age and who.consenter is Consenter.STUDENT:
        return True
    raise RuleViolation(
        "§14",
        "the request records no assessment of whether the student can judge what consenting "
        "means, so who decides is not settled",
        instead="ask the nurse, psychologist or kuraattori to ask again with the assessment",
    )
