"""The gate every request passes: a verified token (401), a role the policy admits (403),
and the checks that need nothing but the token and the path (one's own, one's school).

Checks that need the service's data (is this person on this case's team?) are the
service's own, made through ``Access.grant`` / ``Access.refuse`` so that every use of case
data, granted or refused, reaches the access log before any data leaves the service.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI, HTTPException, Request, status

from shared.access_log import AccessLog
from shared.security.access import Access
from shared.security.identity import Principal, Role
from shared.security.policy import POLICY, Action, Rule, Scope
from shared.security.tokens import TokenVerifier, Unauthenticated

__all__ = ["Gate", "require_policy_for_every_route"]

_SELF_PARAMS = ("person_id", "staff_id")


def _unauthenticated(reason: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        reason,
        headers={"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{reason}"'},
    )


class Gate:
    """A FastAPI dependency: ``Depends(gate)`` gives the handler its ``Access``."""

    def __init__(self, service: str, verifier: TokenVerifier, log: AccessLog) -> None:
        self._service = service
        self._verifier = verifier
        self._log = log
        self._rules: dict[str, Rule] = dict(POLICY.get(service, {}))

    @property
    def rules(self) -> Mapping[str, Rule]:
        """The policy's rules for this service: ``"METHOD /path"`` to the rule."""
        return self._rules

    def cover(self, rules: Mapping[str, Rule]) -> None:
        """Add the rules of endpoints the service declares itself (its case steps)."""
        self._rules.update(rules)

    def rule_for(self, method: str, path: str) -> Rule | None:
        return self._rules.get(f"{method} {path}")

    async def __call__(self, request: Request) -> Access:
        route = request.scope.get("route")
        what = f"{request.method} {getattr(route, 'path', request.url.path)}"
        rule = self.rule_for(request.method, getattr(route, "path", ""))
        if rule is None or rule.scope is Scope.PUBLIC:
            # Unreachable while the startup check holds; refused all the same.
            raise HTTPException(status.HTTP_403_FORBIDDEN, "No access rule covers this endpoint.")
        access = Access(
            await self._principal(request), rule, what, self._log, dict(request.path_params)
        )
        request.state.access = access  # for the handler of a request found malformed later
        who = access.who
        if who.role not in rule.roles:
            await access.refuse(f"A {who.role.value} may not use {what}.")
        await self._check_path(access)
        return access

    async def _principal(self, request: Request) -> Principal:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthenticated("a bearer token is required: Authorization: Bearer <token>")
        try:
            return await self._verifier.principal(token.strip())
        except Unauthenticated as refused:
            raise _unauthenticated(str(refused)) from None

    async def _check_path(self, access: Access) -> None:
        """The scopes decided by the token and the path alone."""
        who, scope, path = access.who, access.rule.scope, access.path
        if scope is Scope.SELF:
            named = next(path[p] for p in _SELF_PARAMS if p in path)
            if named != who.subject:
                await access.refuse("Only the person themselves may use this.")
            await access.grant("self")
        elif scope is Scope.SCHOOL:
            if who.role is not Role.ADMINISTRATOR and not who.works_at(path["school_id"]):
                await access.refuse("Staff use only their own school's data here.")
            if access.rule.action is Action.READ:
                await access.grant("own_school")
            else:  # logged where the write takes effect, as every write is
                access.hold("own_school", student_ref=path.get("student_ref"))
        elif scope is Scope.STUDENT and not who.is_staff:
            if not who.is_family_of(path["student_ref"]):
                await access.refuse("Only the student and their guardians may see this.")
        elif scope is Scope.ROLE and access.rule.action is Action.READ:
            await access.grant(who.role.value)
        elif scope is Scope.ROLE:
            access.hold(who.role.value)


def require_policy_for_every_route(app: FastAPI, service: str) -> None:
    """Refuse to start a service with an endpoint the policy does not cover. (That every
    closed endpoint passes the gate is what the authorisation matrix test proves.)

    The policy keys full paths as the route declares them, so routers take no prefix."""
    gate: Gate = app.state.gate  # as ``shared.http.create_app`` puts it there
    missing = [
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if gate.rule_for(method.upper(), path) is None
    ]
    if missing:
        raise RuntimeError(f"{service}: no access rule for {', '.join(sorted(missing))}")
