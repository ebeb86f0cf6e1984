"""The schools a concern may name: the education provider's directory, as intake knows it.

A concern naming a school that is not here is refused at the door: a typo must never
become a case that nobody at the real school is told of.

Asked of every concern raised, and changed only by seeding: a school found is kept in the
process for at most ``REFERENCE_TTL_S`` (30 s; ``shared.reference_cache``). A school not
found is asked again each time, so a school added is known at once; one removed from the
directory is refused within 30 s (at once by this process, after its own ``put``).
"""

from __future__ import annotations

from shared.reference_cache import ReferenceCache
from shared.storage import Session, Store

__all__ = ["SCHOOLS", "SchoolDirectory"]

SCHOOLS = "schools"

# By (database, school): one process may serve more than one database (the tests do).
_KNOWN: ReferenceCache[tuple[str, str], bool] = ReferenceCache()


class SchoolDirectory:
    """The directory, bound to one transaction's session (or to none, for seeding)."""

    def __init__(self, store: Store, session: Session | None = None) -> None:
        self._schools = store.collection(SCHOOLS)
        self._database = store.name
        self._session = session

    async def knows(self, school_id: str) -> bool:
        async def read() -> bool | None:
            found = await self._schools.find_one(
                {"_id": school_id}, projection={"_id": True}, session=self._session
            )
            return True if found is not None else None  # a miss is not kept

        return bool(await _KNOWN.through((self._database, school_id), read))

    async def put(self, school_id: str) -> None:
        await self._schools.replace_one({"_id": school_id}, {}, upsert=True, session=self._session)
        _KNOWN.forget((self._database, school_id))
