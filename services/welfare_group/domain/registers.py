"""The three registers a case's entries belong to, each with its controller (§20, §21).

Since 2023 the wellbeing services county arranges the nurse, the psychologist and the
kuraattori: their own work with a student goes to the county's health care patient records
(nurse, psychologist) or social care client records (kuraattori), not to the school's. The
education provider's welfare register holds the expert group's record (the
opiskeluhuoltokertomus) and every consent, refusal and withdrawal. Every entry names its
register; each register is sealed with its own key and logged on its own; copying between
registers is a disclosure.

Which register an entry goes to (``register_for``):

- the professional's own work (the §15 request, its urgency as they judge it, the §15.2
  exception, the §16.2 notice to the student, the discussion offered) goes to their county
  register;
- every consent, refusal and withdrawal (to take part, or to a disclosure) goes to the
  welfare register;
- the record's header and the group formed begin the opiskeluhuoltokertomus;
- a correction goes where the entry it corrects is;
- anything else goes to the welfare register once the record has begun. Before it, a
  county professional's entry is their own work, in their own county register, and anyone
  else's (a teacher's concern joining, the principal assigning a lead) goes to the
  register of the referral: the county register of the professional it is with.
"""

from __future__ import annotations

from enum import StrEnum

from shared.contracts import EntryKind, Role

__all__ = [
    "CONSENT_KINDS",
    "COUNTY_REGISTERS",
    "Controller",
    "Register",
    "register_for",
    "register_of",
]


class Controller(StrEnum):
    EDUCATION_PROVIDER = "education_provider"  # koulutuksen järjestäjä
    WELLBEING_SERVICES_COUNTY = "wellbeing_services_county"  # hyvinvointialue


class Register(StrEnum):
    WELFARE = "welfare"  # opiskeluhuoltorekisteri: the record and the consents
    HEALTH_CARE = "health_care"  # the county's patient records: nurse, psychologist
    SOCIAL_CARE = "social_care"  # the county's social care client records: kuraattori

    @property
    def controller(self) -> Controller:
        if self is Register.WELFARE:
            return Controller.EDUCATION_PROVIDER
        return Controller.WELLBEING_SERVICES_COUNTY

    @property
    def professions(self) -> frozenset[Role]:
        """The professionals whose own work this county register holds (none: the school's)."""
        return _PROFESSIONS[self]


_PROFESSIONS = {
    Register.WELFARE: frozenset[Role](),
    Register.HEALTH_CARE: frozenset({Role.NURSE, Role.PSYCHOLOGIST}),
    Register.SOCIAL_CARE: frozenset({Role.KURAATTORI}),
}
COUNTY_REGISTERS = frozenset({Register.HEALTH_CARE, Register.SOCIAL_CARE})

# The tahdonilmaisut: kept in the welfare register whenever they are made (§14, §19).
CONSENT_KINDS = frozenset(
    {
        EntryKind.CONSENT_DECISION,
        EntryKind.CONSENT_WITHDRAWN,
        EntryKind.DISCLOSURE_CONSENT_DECISION,
        EntryKind.DISCLOSURE_CONSENT_WITHDRAWN,
    }
)
_BEGIN_RECORD = frozenset({EntryKind.RECORD_HEADER, EntryKind.GROUP_FORMED})
# The §15 clock's bookkeeping is the county professional's own: the request, its urgency as
# they judge it, the §15.2 exception, the §16.2 notice to the student, the offer.
_OWN_WORK = frozenset(
    {
        EntryKind.DISCUSSION_OFFERED,
        EntryKind.DISCUSSION_REQUESTED,
        EntryKind.URGENCY_REASSESSED,
        EntryKind.DISCUSSION_NOT_NEEDED,
        EntryKind.STUDENT_TOLD,
    }
)


def register_of(role: Role) -> Register | None:
    """The county register a professional's own work goes to; None for school staff."""
    return next((r for r in COUNTY_REGISTERS if role in r.professions), None)


def register_for(kind: EntryKind, author: Role, referral: Register, record_begun: bool) -> Register:
    """The register an entry of this kind goes to (corrections: see ``Record.append``)."""
    if kind in CONSENT_KINDS or kind in _BEGIN_RECORD:
        return Register.WELFARE
    if kind in _OWN_WORK or not record_begun:
        return register_of(author) or referral
    return Register.WELFARE
