"""The access policy: for every endpoint of every service, who may call it and on what basis.

This table is the policy, with the case steps the welfare group declares (each covered by
``CASE_STEP``). Each service refuses to start with an endpoint missing from it,
and a test calls every endpoint as every role and checks the answer against it.

Need-to-know (§21): a role alone opens no case. A professional reaches a case only as its
responsible person or as an expert group member covered by consent in force; the student
and a guardian reach the student's record within §18; the administrator sees flows,
counts and the access log, never case content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from shared.security.identity import FAMILY, PROFESSIONALS, STAFF, Role

__all__ = ["CASE_STEP", "DEAD_LETTER_RULES", "POLICY", "Action", "Rule", "Scope", "rule_for"]


class Scope(StrEnum):
    PUBLIC = "public"  # no token: liveness and nothing else
    ROLE = "role"  # the role alone suffices
    SELF = "self"  # the path names the caller: one's own inbox, one's own caseload
    SCHOOL = "school"  # the administrator any school, staff (a principal) their own
    RAISER = "raiser"  # only who raised, asked or recorded the concern
    CASE = "case"  # the case's team (responsible, consented members) or its family (§18)
    STUDENT = "student"  # the family (§18), or staff through the cases they are on


class Action(StrEnum):
    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    scope: Scope
    action: Action = Action.READ
    case_data: bool = False  # every use is written to the access log


_ADMIN = frozenset({Role.ADMINISTRATOR})
# The administrator and the county's service supervisor hear of escalations (§15 breaches).
_EVERYONE_WITH_INBOX = STAFF | FAMILY | _ADMIN | {Role.SERVICE_SUPERVISOR}
_HEALTH = Rule(frozenset(), Scope.PUBLIC)
# Communal welfare (§4, §13): the school's staff, and the education provider's welfare lead.
_SCHOOL_COMMUNITY = STAFF | {Role.WELFARE_LEAD}
# Every case step: a professional on a basis the step's declaration admits. The welfare
# group covers each step it declares with this rule (``Gate.cover``), so no path repeats here.
CASE_STEP = Rule(PROFESSIONALS, Scope.CASE, Action.WRITE, case_data=True)
_AUDIT = Rule(_ADMIN, Scope.ROLE, case_data=True)  # reading the log is itself logged
_OWN_AUDIT = Rule(FAMILY, Scope.STUDENT, case_data=True)
# Every consuming service's dead-letter ledger (shared/dead_letter_ledger): the administrator
# runs the platform, so only they list, replay and discard. The payload may carry anything,
# case data included: revealing it needs a reason and is logged as a use of case data.
DEAD_LETTER_RULES: Mapping[str, Rule] = {
    "GET /dead-letters": Rule(_ADMIN, Scope.ROLE),
    "GET /dead-letters/{entry_id}": Rule(_ADMIN, Scope.ROLE),
    "POST /dead-letters/{entry_id}/reveal": Rule(_ADMIN, Scope.ROLE, Action.WRITE, case_data=True),
    "POST /dead-letters/replay": Rule(_ADMIN, Scope.ROLE, Action.WRITE),
    "POST /dead-letters/{entry_id}/discard": Rule(_ADMIN, Scope.ROLE, Action.WRITE),
}

# The operations console (shared/operations): counts and identifiers of the platform's own
# machinery, the administrator's only.
_OPERATIONS = Rule(_ADMIN, Scope.ROLE)

# Communal welfare (§4, §13, §25): no individual data at all. A school's figures are its
# staff's and the provider's welfare lead's (their school_ids claim lists the provider's
# schools); the communal group's work is its members'; the plans are drawn up by the
# principal for the school and by the welfare lead for the provider.
_LEAD = frozenset({Role.WELFARE_LEAD})
_COMMUNAL_GROUP = frozenset(
    {
        Role.PRINCIPAL,
        Role.NURSE,
        Role.PSYCHOLOGIST,
        Role.KURAATTORI,
        Role.SPECIAL_NEEDS_TEACHER,
        Role.COUNSELLOR,
    }
)
_SCHOOL_FIGURES = Rule(STAFF | _LEAD, Scope.SCHOOL)
_GROUP_READ = Rule(_COMMUNAL_GROUP | _LEAD, Scope.SCHOOL)
_GROUP_WRITE = Rule(_COMMUNAL_GROUP | _LEAD, Scope.SCHOOL, Action.WRITE)
_SCHOOL_PLAN_WRITE = Rule(frozenset({Role.PRINCIPAL}) | _LEAD, Scope.SCHOOL, Action.WRITE)

POLICY: Mapping[str, Mapping[str, Rule]] = {
    "intake": {
        "GET /health": _HEALTH,
        "POST /concerns": Rule(STAFF, Scope.ROLE, Action.WRITE, case_data=True),
        # §15.1-2: the student for themselves, a guardian for a child in their care.
        "POST /students/{student_ref}/discussion-requests": Rule(
            FAMILY, Scope.STUDENT, Action.WRITE, case_data=True
        ),
        # §15.2: another person's contact, only as a staff member who took it records it.
        "POST /contacts": Rule(STAFF, Scope.ROLE, Action.WRITE, case_data=True),
        # Its raiser, its asker or the staff member who recorded the contact; nobody else.
        "GET /concerns/{concern_id}/status": Rule(STAFF | FAMILY, Scope.RAISER, case_data=True),
        "GET /access-log": _AUDIT,
        "GET /students/{student_ref}/access-log": _OWN_AUDIT,
        **DEAD_LETTER_RULES,
        "GET /operations/status": _OPERATIONS,
    },
    "welfare_group": {
        "GET /health": _HEALTH,
        "GET /cases/{case_id}": Rule(PROFESSIONALS, Scope.CASE, case_data=True),
        "GET /cases/{case_id}/record": Rule(PROFESSIONALS | FAMILY, Scope.CASE, case_data=True),
        "GET /staff/{staff_id}/cases": Rule(PROFESSIONALS, Scope.SELF, case_data=True),
        "GET /students/{student_ref}/record": Rule(
            PROFESSIONALS | FAMILY, Scope.STUDENT, case_data=True
        ),
        "GET /students/{student_ref}/record.html": Rule(
            PROFESSIONALS | FAMILY, Scope.STUDENT, case_data=True
        ),
        "GET /schools/{school_id}/caseload": Rule(_ADMIN | {Role.PRINCIPAL}, Scope.SCHOOL),
        "GET /caseload": Rule(_ADMIN, Scope.ROLE),  # §9a across the schools, counts only
        # Communal welfare's texts screened for the school's students (which fields, never
        # whom): its staff and the provider's welfare lead (whose token lists their schools).
        # It reads the student register, no case, and changes nothing: no use of case data.
        "POST /schools/{school_id}/text-screening": Rule(_SCHOOL_COMMUNITY, Scope.SCHOOL),
        # Child Welfare Act §25: every staff member's own duty, noted without the case team.
        "POST /schools/{school_id}/students/{student_ref}/child-welfare-notices": Rule(
            STAFF, Scope.SCHOOL, Action.WRITE, case_data=True
        ),
        "GET /access-log": _AUDIT,
        "GET /students/{student_ref}/access-log": _OWN_AUDIT,
        # Who received the data (§20.5): read as the access log is, and logged the same.
        "GET /disclosure-ledger": _AUDIT,
        "GET /students/{student_ref}/disclosure-ledger": _OWN_AUDIT,
        **DEAD_LETTER_RULES,
        "GET /operations/status": _OPERATIONS,
    },
    "notifications": {
        "GET /health": _HEALTH,
        "GET /people/{person_id}/inbox": Rule(_EVERYONE_WITH_INBOX, Scope.SELF),
        "POST /people/{person_id}/inbox/{notification_id}/read": Rule(
            _EVERYONE_WITH_INBOX, Scope.SELF, Action.WRITE
        ),
        "GET /deliveries/failed": Rule(_ADMIN, Scope.ROLE),
        # A failed delivery sent again (the address was corrected): recorded with who asked.
        "POST /deliveries/{notification_id}/retry": Rule(_ADMIN, Scope.ROLE, Action.WRITE),
        "GET /cases/{case_id}/deliveries": Rule(_ADMIN, Scope.ROLE),
        **DEAD_LETTER_RULES,
        "GET /operations/status": _OPERATIONS,
    },
    "communal": {
        "GET /health": _HEALTH,
        "GET /statistics/schools/{school_id}": _SCHOOL_FIGURES,
        "GET /statistics/provider": Rule(_LEAD, Scope.ROLE),
        "GET /schools/{school_id}/group/meetings": _GROUP_READ,
        "POST /schools/{school_id}/group/meetings": _GROUP_WRITE,
        "GET /schools/{school_id}/group/meetings/{meeting_id}": _GROUP_READ,
        "POST /schools/{school_id}/group/meetings/{meeting_id}/minutes": _GROUP_WRITE,
        "GET /schools/{school_id}/welfare-plan": Rule(STAFF | _LEAD, Scope.SCHOOL),
        "POST /schools/{school_id}/welfare-plan": _SCHOOL_PLAN_WRITE,
        "GET /schools/{school_id}/welfare-plan/versions/{version}": Rule(
            STAFF | _LEAD, Scope.SCHOOL
        ),
        # The provider's own plan: its schools' staff may read it, its welfare lead writes it.
        "GET /welfare-plan": Rule(STAFF | _LEAD, Scope.ROLE),
        "POST /welfare-plan": Rule(_LEAD, Scope.ROLE, Action.WRITE),
        "GET /welfare-plan/versions/{version}": Rule(STAFF | _LEAD, Scope.ROLE),
        **DEAD_LETTER_RULES,
        "GET /operations/status": _OPERATIONS,
    },
}


def rule_for(service: str, method: str, path: str) -> Rule | None:
    return POLICY.get(service, {}).get(f"{method} {path}")
