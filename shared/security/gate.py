"""The gate every request passes: a verified token (401), a role the policy admits (403),
and the checks that need nothing but the token and the path (one's own, one's school).

Checks that need the service's data (is this person on this case's team?) are the
service's own, made through ``Access.grant`` / ``Access.refuse`` so that every use of case
data, granted or refused, reaches the access log before any data leaves the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

from fastapi import FastAPI, HTTPException, Request, status

from shared.access_log import AccessEntry, AccessLog
from shared.contracts import utc_now
from shared.security.identity import Principal, Role
from shared.security.policy import Action, Rule, Scope, rule_for
from shared.security.tokens import TokenVerifier, Unauthenticated
from shared.storage import Session

__all__ = ["Access", "Gate", "require_policy_for_every_route"]

_SELF_PARAMS = ("person_id", "staff_id")


@dataclass(frozen=True)
class Access:
    """One request let through the gate: who, under which rule, to which endpoint."""

    who: Principal
    rule: Rule
    what: str
    log: AccessLog
    path: dict[str, Any]

    async def grant(
        self,
        basis: str,
        *,
        record_id: str | None = None,
        student_ref: str | None = None,
        session: Session | None = None,
    ) -> None:
        if self.rule.case_data:
            await self.log.append(self._entry(basis, True, record_id, student_ref), session)

    async def refuse(
        self, reason: str, *, record_id: str | None = None, student_ref: str | None = None
    ) -> NoReturn:
        if self.rule.case_data:
            await self.log.append(self._entry("none", False, record_id, student_ref))
        raise HTTPException(status.HTTP_403_FORBIDDEN, reason)

    def _entry(
        self, basis: str, granted: bool, record_id: str | None, student_ref: str | None
    ) -> AccessEntry:
        return AccessEntry(
            at=utc_now(),
            service=self.log.service,
            actor=self.who.subject,
            role=self.who.role.value,
            action=self.rule.action.value,
            what=self.what,
            basis=basis,
            granted=granted,
            record_id=record_id,
            student_ref=student_ref or self.path.get("student_ref"),
        )


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

    async def __call__(self, request: Request) -> Access:
        route = request.scope.get("route")
        what = f"{request.method} {getattr(route, 'path', request.url.path)}"
        rule = rule_for(self._service, request.method, getattr(route, "path", ""))
        if rule is None or rule.scope is Scope.PUBLIC:
            # Unreachable while the startup check holds; refused all the same.
            raise HTTPException(status.HTTP_403_FORBIDDEN, "No access rule covers this endpoint.")
        access = Access(
            await self._principal(request), rule, what, self._log, dict(request.path_params)
        )
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
            if who.role is not Role.ADMINISTRATOR and who.school_id != path["school_id"]:
                await access.refuse("A principal sees only their own school.")
            await access.grant("own_school")
        elif scope is Scope.STUDENT and not who.is_staff:
            if not who.is_family_of(path["student_ref"]):
                await access.refuse("Only the student and their guardians may see this.")
        elif scope is Scope.ROLE and access.rule.action is Action.READ:
            await access.grant(who.role.value)


def require_policy_for_every_route(app: FastAPI, service: str) -> None:
    """Refuse to start a service with an endpoint the policy does not cover. (That every
    closed endpoint passes the gate is what the authorisation matrix test proves.)

    The policy keys full paths as the route declares them, so routers take no prefix."""
    missing = [
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if rule_for(service, method.upper(), path) is None
    ]
    if missing:
        raise RuntimeError(f"{service}: no access rule for {', '.join(sorted(missing))}")
