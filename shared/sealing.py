"""Envelope encryption at rest, and erasure by forgetting a key (crypto-shredding).

Each case (in intake, each concern) has its own data key. Free text and identifying fields
are sealed with it (AES-256-GCM, bound to the owner's id); the data key itself is stored
only wrapped by a key-encryption key (KEK) that comes from settings or a file, never from
the database. Deleting the owner's data key makes every copy of what it sealed unreadable,
backups included. KEKs rotate: new data keys are wrapped with the first KEK, old ones stay
readable with the rest until ``DataKeys.rewrap`` has moved them over.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.contracts import utc_now
from shared.storage import BulkWriteError, DuplicateKeyError, Session, Store

__all__ = ["DATA_KEYS", "DataKeys", "KeyRing", "Sealer", "Unreadable"]

DATA_KEYS = "data_keys"
_VERSION = b"\x01"
_NONCE = 12


class Unreadable(Exception):
    """The data's key is gone (erased) or wrapped with a KEK this service does not hold."""


def _encrypt(key: bytes, plain: bytes, bound_to: str) -> bytes:
    nonce = os.urandom(_NONCE)
    return _VERSION + nonce + AESGCM(key).encrypt(nonce, plain, bound_to.encode())


def _decrypt(key: bytes, blob: bytes, bound_to: str) -> bytes:
    if blob[:1] != _VERSION:
        raise Unreadable("unknown sealing version")
    try:
        return AESGCM(key).decrypt(blob[1 : 1 + _NONCE], blob[1 + _NONCE :], bound_to.encode())
    except InvalidTag:
        raise Unreadable("the sealed data does not open with its key") from None


class KeyRing:
    """The KEKs: ``id:base64key`` pairs separated by commas, the first one current."""

    def __init__(self, keks: Mapping[str, bytes], current: str) -> None:
        if current not in keks or any(len(k) != 32 for k in keks.values()):
            raise ValueError("each KEK must be 32 bytes, and the current one among them")
        self._keks = dict(keks)
        self.current = current

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        keks: dict[str, bytes] = {}
        for item in (part.strip() for part in spec.split(",") if part.strip()):
            kek_id, sep, encoded = item.partition(":")
            try:
                keks[kek_id] = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raise ValueError(f"KEK {kek_id!r} is not base64") from None
            if not sep or not kek_id:
                raise ValueError("write each KEK as id:base64key")
        if not keks:
            raise ValueError("no KEK given")
        return cls(keks, next(iter(keks)))

    @staticmethod
    def new_kek() -> str:
        return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()

    def wrap(self, data_key: bytes, owner: str) -> tuple[str, bytes]:
        return self.current, _encrypt(self._keks[self.current], data_key, owner)

    def unwrap(self, kek_id: str, wrapped: bytes, owner: str) -> bytes:
        if kek_id not in self._keks:
            raise Unreadable(f"the data key is wrapped with KEK {kek_id!r}, which is not held")
        return _decrypt(self._keks[kek_id], wrapped, owner)


class Sealer:
    """Seals and opens JSON-able values with one owner's data key."""

    def __init__(self, data_key: bytes, owner: str) -> None:
        self._key = data_key
        self._owner = owner

    def seal(self, value: Any) -> bytes:
        plain = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
        return _encrypt(self._key, plain, self._owner)

    def open(self, blob: bytes) -> Any:
        return json.loads(_decrypt(self._key, bytes(blob), self._owner))


class DataKeys:
    """One data key per owner (a case, a concern), stored wrapped, deleted to erase."""

    def __init__(self, store: Store, ring: KeyRing) -> None:
        self._keys = store.collection(DATA_KEYS)
        self._ring = ring

    async def create(self, owner: str, session: Session | None) -> Sealer:
        """A new key for the owner; one it has already raises ``DuplicateKeyError``."""
        document, sealer = self._new(owner)
        await self._keys.insert_one(document, session=session)
        return sealer

    async def create_many(
        self, owners: Iterable[str], session: Session | None
    ) -> dict[str, Sealer]:
        """A new key for each owner, in one write (failed whole if any owner has one)."""
        made = {owner: self._new(owner) for owner in dict.fromkeys(owners)}
        try:
            if made:
                await self._keys.insert_many([d for d, _ in made.values()], session=session)
        except BulkWriteError as failure:  # raised as ``create`` would: the owner has a key
            errors = failure.details.get("writeErrors", [])
            if errors and all(e.get("code") == 11000 for e in errors):
                raise DuplicateKeyError(errors[0].get("errmsg", "duplicate key"), 11000) from None
            raise
        return {owner: sealer for owner, (_, sealer) in made.items()}

    def _new(self, owner: str) -> tuple[dict[str, Any], Sealer]:
        data_key = AESGCM.generate_key(bit_length=256)
        kek_id, wrapped = self._ring.wrap(data_key, owner)
        document = {"_id": owner, "kek_id": kek_id, "wrapped": wrapped, "created_at": utc_now()}
        return document, Sealer(data_key, owner)

    async def sealer(self, owner: str, session: Session | None = None) -> Sealer:
        document = await self._keys.find_one({"_id": owner}, session=session)
        if document is None:
            raise Unreadable(f"no data key for {owner}: erased or never created")
        return Sealer(self._ring.unwrap(document["kek_id"], document["wrapped"], owner), owner)

    async def sealers(
        self, owners: Iterable[str], session: Session | None = None
    ) -> dict[str, Sealer]:
        """The sealers of the owners whose keys exist, in one look-up; an erased one is absent."""
        found = self._keys.find({"_id": {"$in": list(owners)}}, session=session)
        return {
            d["_id"]: Sealer(self._ring.unwrap(d["kek_id"], d["wrapped"], d["_id"]), d["_id"])
            for d in await found.to_list(None)
        }

    async def shred(self, owner: str, session: Session | None) -> bool:
        deleted = await self._keys.delete_one({"_id": owner}, session=session)
        return bool(deleted.deleted_count)

    async def rewrap(self) -> int:
        """Move every data key to the current KEK; returns how many moved."""
        moved = 0
        async for document in self._keys.find({"kek_id": {"$ne": self._ring.current}}):
            owner = document["_id"]
            data_key = self._ring.unwrap(document["kek_id"], document["wrapped"], owner)
            kek_id, wrapped = self._ring.wrap(data_key, owner)
            await self._keys.update_one(
                {"_id": owner, "kek_id": document["kek_id"]},
                {"$set": {"kek_id": kek_id, "wrapped": wrapped}},
            )
            moved += 1
        return moved
