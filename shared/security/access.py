"""A use of case data let through the gate, and what became of it, for the access log.

The gate (``shared.security.gate``) creates an ``Access`` for every request it lets in;
the service grants or refuses it with what only its data can tell (is this person on
this case's team?), so that every use, granted or refused, is logged before any data
leaves the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, NoReturn

from fastapi import HTTPException, Request, status

from shared.access_log import AccessEntry, AccessLog
from shared.contracts import utc_now
from shared.security.identity import Principal
from shared.security.policy import Rule
from shared.storage import Session

__all__ = ["Access", "Outcome", "settle_rejected_request"]


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
        register: str | None = None,
    ) -> None:
        """Log the use as granted: a read now, a write where it took effect (inside its
        transaction, which may run again: the held basis stays for each attempt). A use
        of one register's data names it, for that register's own log."""
        held = self._held[0] if self._held else _Held("none", None, None)
        entry = self._entry(
            basis or held.basis,
            Outcome.GRANTED,
            record_id or held.record_id,
            student_ref or held.student_ref,
        )
        await self._append(replace(entry, register=register), session)

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
