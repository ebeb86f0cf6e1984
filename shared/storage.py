"""MongoDB access: the only module that imports motor or pymongo.

Motor is in maintenance upstream; PyMongo's own async API replaces it. Everything the
services use is named here (``Store``, ``Session``, ``Collection``, the error helpers), so
the switch is a change to this one file.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from motor.motor_asyncio import (
    AsyncIOMotorClient,
    AsyncIOMotorClientSession,
    AsyncIOMotorCollection,
)
from pymongo import ASCENDING, DESCENDING, IndexModel, ReturnDocument, UpdateMany, UpdateOne
from pymongo.errors import BulkWriteError, ConnectionFailure, DuplicateKeyError, PyMongoError
from pymongo.read_concern import ReadConcern
from pymongo.write_concern import WriteConcern

if TYPE_CHECKING:
    from shared.settings import PlatformSettings

__all__ = [
    "ASCENDING",
    "DESCENDING",
    "BulkWriteError",
    "Collection",
    "DuplicateKeyError",
    "Index",
    "ReturnDocument",
    "Session",
    "Store",
    "UpdateMany",
    "UpdateOne",
    "is_transient",
]

T = TypeVar("T")
Session: TypeAlias = AsyncIOMotorClientSession
Collection: TypeAlias = "AsyncIOMotorCollection[dict[str, Any]]"


@dataclass(frozen=True)
class Index:
    keys: Sequence[tuple[str, int]]
    unique: bool = False
    # Sparse: only documents that have the field are indexed (so unique holds among those).
    sparse: bool = False
    expire_after_seconds: int | None = None
    partial: dict[str, Any] | None = field(default=None)

    def options(self) -> dict[str, Any]:
        """The options as the server reports them back (``index_information``)."""
        options: dict[str, Any] = {}
        if self.unique:
            options["unique"] = True
        if self.sparse:
            options["sparse"] = True
        if self.expire_after_seconds is not None:
            options["expireAfterSeconds"] = self.expire_after_seconds
        if self.partial is not None:
            options["partialFilterExpression"] = self.partial
        return options

    def model(self) -> IndexModel:
        return IndexModel(list(self.keys), **self.options())


_OPTIONS = ("unique", "sparse", "expireAfterSeconds", "partialFilterExpression")


def is_transient(exc: BaseException) -> bool:
    """True for failures that a retry can cure: the database is away, not the data wrong."""
    if isinstance(exc, ConnectionFailure):
        return True
    return isinstance(exc, PyMongoError) and (
        exc.has_error_label("TransientTransactionError")
        or exc.has_error_label("UnknownTransactionCommitResult")
        or exc.has_error_label("RetryableWriteError")
    )


class Store:
    """One service's database; every state change goes through ``in_transaction``."""

    def __init__(
        self, uri: str, database: str, *, timeout_ms: int = 5000, **client_options: Any
    ) -> None:
        """``client_options`` go to the driver as they are (``username``, ``tls``, ...)."""
        self._client: AsyncIOMotorClient[dict[str, Any]] = AsyncIOMotorClient(
            uri,
            tz_aware=True,
            serverSelectionTimeoutMS=timeout_ms,
            # Majority writes: a committed state change survives a primary failover.
            w="majority",
            **client_options,
        )
        self._database = self._client[database]

    @classmethod
    def from_settings(cls, settings: PlatformSettings, *, timeout_ms: int = 5000) -> Store:
        """The service's database, with the credentials and TLS options of its settings.

        Only what is set is passed, so a URI that carries its own options keeps them.
        """
        options: dict[str, Any] = {}
        if settings.mongodb_username and settings.mongodb_password:
            options["username"] = settings.mongodb_username
            options["password"] = settings.mongodb_password.get_secret_value()
        if settings.mongodb_auth_source:
            options["authSource"] = settings.mongodb_auth_source
        if settings.mongodb_tls:
            options["tls"] = True
        if settings.mongodb_tls_ca_file is not None:
            options["tlsCAFile"] = str(settings.mongodb_tls_ca_file)
        return cls(
            settings.mongodb_uri.get_secret_value(),
            settings.mongodb_database,
            timeout_ms=timeout_ms,
            **options,
        )

    @property
    def name(self) -> str:
        return str(self._database.name)

    def collection(self, name: str) -> Collection:
        return self._database[name]

    async def ensure_indexes(self, collection: str, indexes: Sequence[Index]) -> None:
        """Create the indexes; one whose options changed (a TTL, uniqueness) is rebuilt."""
        if not indexes:
            return
        target = self._database[collection]
        existing = await target.index_information()
        for index in indexes:
            name = index.model().document["name"]
            found = existing.get(name)
            if found is not None and {k: found[k] for k in _OPTIONS if k in found} != (
                index.options()
            ):
                await target.drop_index(name)
        await target.create_indexes([i.model() for i in indexes])

    async def in_transaction(
        self, work: Callable[[Session], Coroutine[Any, Any, T]], *, retried: bool = True
    ) -> T:
        """Run ``work`` in one multi-document transaction, retried on transient errors
        unless not ``retried`` (then a write conflict raises, for the caller to deal with).

        ``work`` may run more than once, so it must do nothing but database writes through
        the session it is given.
        """
        read_concern, write_concern = ReadConcern("snapshot"), WriteConcern("majority")
        async with await self._client.start_session() as session:
            if not retried:
                async with session.start_transaction(read_concern, write_concern):
                    once: T = await work(session)
                return once
            result: T = await session.with_transaction(
                work, read_concern=read_concern, write_concern=write_concern
            )
            return result

    async def ping(self) -> None:
        await self._client.admin.command("ping")

    async def collection_names(self) -> list[str]:
        names: list[str] = await self._database.list_collection_names()
        return names

    async def drop(self) -> None:
        await self._client.drop_database(self._database.name)

    def close(self) -> None:
        self._client.close()
