"""The schools a concern may name: the education provider's directory, as intake knows it.

A concern naming a school that is not here is refused at the door: a typo must never
become a case that nobody at the real school is told of.
"""

from __future__ import annotations

from shared.storage import Session, Store

__all__ = ["SCHOOLS", "SchoolDirectory"]

SCHOOLS = "schools"


class SchoolDirectory:
    """The directory, bound to one transaction's session (or to none, for seeding)."""

    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._schools = store.collection(SCHOOLS)
        self._session = session

    async def knows(self, school_id: str) -> bool:
        found = await self._schools.find_one(
            {"_id": school_id}, projection={"_id": True}, session=self._session
        )
        return found is not None

    async def put(self, school_id: str) -> None:
        await self._schools.replace_one({"_id": school_id}, {}, upsert=True, session=self._session)
