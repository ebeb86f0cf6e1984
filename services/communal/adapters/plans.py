"""The welfare plans in MongoDB: a document per version of a scope's plan (the provider's
or a school's), never rewritten (the unique ``_id`` refuses a second version n)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from services.communal.domain.welfare_plan import PlanVersion, PlanVersionEntry
from shared.storage import Index, Session, Store

__all__ = ["PLANS", "MongoPlans"]

PLANS = "welfare_plans"
_PLAN: TypeAdapter[PlanVersion] = TypeAdapter(PlanVersion)


class MongoPlans:
    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._store = store
        self._plans = store.collection(PLANS)
        self._session = session

    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(PLANS, [Index([("scope", 1), ("version", -1)])])

    async def add(self, plan: PlanVersion) -> None:
        document = _PLAN.dump_python(plan, mode="json")
        await self._plans.insert_one(
            {"_id": f"{plan.scope}:{plan.version}", **document}, session=self._session
        )

    async def latest(self, scope: str) -> PlanVersion | None:
        cursor = self._plans.find({"scope": scope}, session=self._session)
        found = await cursor.sort("version", -1).limit(1).to_list(1)
        return _plan(found[0]) if found else None

    async def get(self, scope: str, version: int) -> PlanVersion | None:
        found = await self._plans.find_one({"_id": f"{scope}:{version}"}, session=self._session)
        return None if found is None else _plan(found)

    async def versions(self, scope: str) -> list[PlanVersionEntry]:
        cursor = self._plans.find({"scope": scope}, session=self._session).sort("version", -1)
        return [
            PlanVersionEntry(plan.version, plan.content.adopted_on, plan.saved_at)
            for plan in [_plan(found) async for found in cursor]
        ]


def _plan(document: dict[str, Any]) -> PlanVersion:
    return _PLAN.validate_python({k: v for k, v in document.items() if k != "_id"})
