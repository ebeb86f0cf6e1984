"""The gate every request passes: a verified token (401), a role the policy admits (403),
and the checks that need nothing but the token and the path (one's own, one's school).

Checks that need the service's data (is this person on this case's team?) are the
service's own, made through ``Access.grant`` / ``Access.refuse`` so that every use of case
data, granted or refused, reaches the access log before any data leaves the service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NoReturn

from fastapi import FastAPI, HTTPException, Request, status

from shared.access_log import AccessEntry, AccessLog
from shared.contracts import utc_now
from shared.security.identity import Principal, Role
from shared.security.policy import POLICY, Action, Rule, Scope
from shared.security.tokens import TokenVerifier, Unauthenticated
from shared.storage import Session

__all__ = [
    "Access",
    "Gate",
    "Outcome",
    "require_policy_for_every_route",
    "settle_rejected_request",
]

_SELF_PARAMS = ("person_id", "staff_id")


class Outcome(StrEnum):
    """What became of a use of case data, as the access log records it."""

    GRANTED = "granted"  # the data was shown, or the write took effect
    REFUSED = "refused"  # the caller has no basis (403), or nothing here is theirs to see
    REFUSED_BY_RULE = "refused_by_rule"  # the law forbids the step now (409): nothing changed
    INVALID_REQUEST = "invalid_request"  # the request was malformed (422): nothing changed
    NOT_FOUND = "not_found"  # what was named is gone (404): nothing changed


@dataclass(frozen=True)
class _Held:
    basis: str
    record_id: str | None
    student_ref: str | None


@dataclass(frozen=True)
class Access:
    """One request let through the gate: who, under which rule, to which endpoint.

    A read is logged when it is granted. A write is logged by what became of it: the
    basis it would stand on is *held* when the caller is let in, and the entry is written
    as granted only where the change takes effect (in its transaction), or with the
    outcome that stopped it. So the log never shows a write that did not happen.
    """

    who: Principal
    rule: Rule
    what: str
    log: AccessLog
    path: dict[str, Any]
    _held: list[_Held] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return bool(self._held)

    def hold(
        self, basis: str, *, record_id: str | None = None, student_ref: str | None = None
    ) -> None:
        self._held[:] = [_Held(basis, record_id, student_ref)]

    async def grant(
        self,
        basis: str | None = None,
        *,
        record_id: str | None = None,
        student_ref: str | None = None,
        session: Session | None = None,
    ) -> None:
        """Log the use as granted: a read now, a write where it took effect (inside its
        transaction, which may run again: the held basis stays for each attempt)."""
        held = self._held[0] if self._held else _Held("none", None, None)
        entry = self._entry(
            basis or held.basis,
            Outcome.GRANTED,
            record_id or held.record_id,
            student_ref or held.student_ref,
        )
        await self._append(entry, session)

    async def settle(self, outcome: Outcome, detail: str | None = None) -> None:
        """A held write did not take effect: log what stopped it."""
        if self._held:
            held = self._held.pop()
            entry = self._entry(held.basis, outcome, held.record_id, held.student_ref, detail)
            await self._append(entry, None)

    async def refuse(
        self, reason: str, *, record_id: str | None = None, student_ref: str | None = None
    ) -> NoReturn:
        held = self._held.pop() if self._held else None
        record_id = record_id or (held.record_id if held else None)
        student_ref = student_ref or (held.student_ref if held else None)
        await self._append(self._entry("none", Outcome.REFUSED, record_id, student_ref), None)
        raise HTTPException(status.HTTP_403_FORBIDDEN, reason)

    async def nothing_to_see(self, *, student_ref: str | None = None) -> None:
        """Nothing here is the caller's to see, and they are answered with nothing: logged
        as a refusal all the same, so the log shows every look."""
        entry = self._entry("none", Outcome.REFUSED, None, student_ref, "nothing to see")
        await self._append(entry, None)

    async def _append(self, entry: AccessEntry, session: Session | None) -> None:
        if self.rule.case_data:
            await self.log.append(entry, session)

    def _entry(
        self,
        basis: str,
        outcome: Outcome,
        record_id: str | None,
        student_ref: str | None,
        detail: str | None = None,
    ) -> AccessEntry:
        return AccessEntry(
            at=utc_now(),
            service=self.log.service,
            actor=self.who.subject,
            role=self.who.role.value,
            action=self.rule.action.value,
            what=self.what,
            basis=basis,
            granted=outcome is Outcome.GRANTED,
            record_id=record_id,
            student_ref=student_ref or self.path.get("student_ref"),
            outcome=outcome.value,
            detail=detail,
        )


async def settle_rejected_request(request: Request) -> None:
    """A request the gate let in was refused as malformed before its handler ran."""
    access = getattr(request.state, "access", None)
    if isinstance(access, Access):
        await access.settle(Outcome.INVALID_REQUEST)


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
                await access.refuse("A principal sees only their own school.")
            await access.grant("own_school")
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
