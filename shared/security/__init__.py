"""Authentication, the access policy and its enforcement, shared by every service."""

from shared.security.access import Access, Outcome, settle_rejected_request
from shared.security.gate import Gate, require_policy_for_every_route
from shared.security.identity import FAMILY, PROFESSIONALS, STAFF, Principal, Role
from shared.security.policy import CASE_STEP, POLICY, Action, Rule, Scope, rule_for
from shared.security.tokens import JwksSource, TokenVerifier, Unauthenticated

__all__ = [
    "CASE_STEP",
    "FAMILY",
    "POLICY",
    "PROFESSIONALS",
    "STAFF",
    "Access",
    "Action",
    "Gate",
    "JwksSource",
    "Outcome",
    "Principal",
    "Role",
    "Rule",
    "Scope",
    "TokenVerifier",
    "Unauthenticated",
    "require_policy_for_every_route",
    "rule_for",
    "settle_rejected_request",
]
