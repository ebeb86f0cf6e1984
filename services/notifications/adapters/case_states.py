"""The cases as this service knows them: kept current from every case event it reads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from services.notifications.domain.sending import CaseState, Round
from shared.storage import Session, Store

__all__ = ["CASE_STATES", "CaseStates"]

CASE_STATES = "case_states"


class CaseStates:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._states = store.collection(CASE_STATES)
        self._session = session

    async def update(
        self,
        case_id: UUID,
        *,
        responsible_id: str | None,
        guardian_may_be_notified: bool | None = None,
        status: str | None = None,
        new_round: Round | None = None,
    ) -> None:
        fields: dict[str, Any] = {"responsible_id": responsible_id}
        if guardian_may_be_notified is not None:
            fields["guardian_may_be_notified"] = guardian_may_be_notified
        if status is not None:
            fields["status"] = status
        if new_round is not None:
            fields["round_until"] = new_round.until
            due = new_round.due_on
            fields["round_due_on"] = due.isoformat() if due else None
        await self._states.update_one(
            {"_id": str(case_id)}, {"$set": fields}, upsert=True, session=self._session
        )

    async def get(self, case_id: UUID) -> CaseState | None:
        document = await self._states.find_one({"_id": str(case_id)}, session=self._session)
        return None if document is None else _state(document)

    async def of_cases(self, case_ids: Iterable[UUID]) -> dict[UUID, CaseState]:
        """The known ones of these cases, in one read."""
        wanted = {"_id": {"$in": sorted({str(c) for c in case_ids})}}
        found = self._states.find(wanted, session=self._session)
        return {UUID(d["_id"]): _state(d) async for d in found}

    async def forget_case(self, case_id: UUID) -> None:
        """The case was erased: nothing of it stays here either."""
        await self._states.delete_one({"_id": str(case_id)}, session=self._session)


def _state(document: dict[str, Any]) -> CaseState:
    until, due_on = document.get("round_until"), document.get("round_due_on")
    return CaseState(
        responsible_id=document.get("responsible_id"),
        guardian_may_be_notified=document.get("guardian_may_be_notified", True),
        status=document.get("status", "opened"),
        round=Round(until, date.fromisoformat(due_on) if due_on else None) if until else None,
    )
