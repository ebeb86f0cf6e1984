"""The cases as this service knows them: kept current from every case event it reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from services.notifications.domain.sending import CaseState
from shared.storage import Session, Store

__all__ = ["CASE_STATES", "CaseStates"]

CASE_STATES = "case_states"


class CaseStates:
    def __init__(self, store: Store) -> None:
        self._states = store.collection(CASE_STATES)

    async def update(self, case_id: UUID, session: Session, **fields: Any) -> None:
        await self._states.update_one(
            {"_id": str(case_id)}, {"$set": fields}, upsert=True, session=session
        )

    async def get(self, case_id: UUID, session: Session | None = None) -> CaseState | None:
        document = await self._states.find_one({"_id": str(case_id)}, session=session)
        if document is None:
            return None
        round_due_on = document.get("round_due_on")
        return CaseState(
            responsible_id=document.get("responsible_id"),
            guardian_may_be_notified=document.get("guardian_may_be_notified", True),
            status=document.get("status", "opened"),
            round_until=document.get("round_until"),
            round_due_on=date.fromisoformat(round_due_on) if round_due_on else None,
        )

    @staticmethod
    def new_round(*, until: datetime, due_on: date) -> dict[str, Any]:
        """The fields that start a round of messages, to ``update`` with the rest."""
        return {"round_until": until, "round_due_on": due_on.isoformat()}

    async def forget_case(self, case_id: UUID, session: Session) -> None:
        """The case was erased: nothing of it stays here either."""
        await self._states.delete_one({"_id": str(case_id)}, session=session)
