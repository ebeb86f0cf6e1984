"""The dead-letter ledger: each dead letter of this service's consumers, its state, who did
what with it and why, and each replay with its outcome. Kept in the service's own
database, written in the transaction that puts the dead letter in the outbox, so the
ledger and the dead-letter topic never disagree and the ledger survives the broker.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import uuid4

from shared.contracts import utc_now
from shared.dead_letter_ledger.entries import DETAIL_SHOWN, State, described, origin_of
from shared.dead_letter_ledger.reads import DEAD_LETTER_LEDGER, LedgerFilter, LedgerReads
from shared.received import ReceivedMessage
from shared.storage import DESCENDING, DuplicateKeyError, Index, Session

__all__ = ["DEAD_LETTER_LEDGER", "DeadLetterLedger", "LedgerFilter"]


def _step(action: str, by: str, why: str, at: datetime) -> dict[str, Any]:
    return {"action": action, "by": by, "why": why, "at": at}


class DeadLetterLedger(LedgerReads):
    async def ensure_indexes(self) -> None:
        await self._store.ensure_indexes(
            DEAD_LETTER_LEDGER,
            [
                Index([("origin", 1)], unique=True),
                Index([("dead_lettered_at", DESCENDING)]),
                Index([("state", 1), ("dead_lettered_at", DESCENDING)]),
            ],
        )

    async def record(
        self, session: Session, message: ReceivedMessage, *, consumer: str, reason: str,
        detail: str,
    ) -> str:  # fmt: skip
        """A new dead letter; raises DuplicateKeyError if this very message is recorded."""
        now, entry_id = utc_now(), str(uuid4())
        await self._entries.insert_one(
            {
                "_id": entry_id,
                "origin": origin_of(message, consumer),
                "consumer": consumer,
                "topic": message.topic,
                "partition": message.partition,
                "offset": message.offset,
                **described(message),
                "reason": reason,
                "detail": detail[:DETAIL_SHOWN],
                "state": State.NEW.value,
                "dead_lettered_at": now,
                "first_dead_lettered_at": now,
                "history": [_step("dead_lettered", consumer, reason, now)],
                "attempts": [],
                "payload": {"key": message.key, "value": message.value, "headers": message.headers},
            },
            session=session,
        )
        return entry_id

    async def relapse(
        self, session: Session, entry_id: str, attempt: int, *, consumer: str, reason: str,
        detail: str,
    ) -> bool:  # fmt: skip
        """A replay of ``entry_id`` failed again: the entry is new again, with its new reason.
        False if there is no such entry (then the caller records a new one); raises
        DuplicateKeyError if this attempt was already dead-lettered (a redelivery)."""
        entry = await self._entries.find_one({"_id": entry_id}, session=session)
        if entry is None:
            return False
        if any(a["n"] == attempt and a["outcome"] == "dead_lettered" for a in entry["attempts"]):
            raise DuplicateKeyError(f"replay {attempt} of {entry_id} is dead-lettered already")
        now = utc_now()
        await self._entries.update_one(
            {"_id": entry_id},
            {
                "$set": {
                    "state": State.NEW.value
                    if entry["state"] != State.DISCARDED
                    else entry["state"],
                    "reason": reason,
                    "detail": detail[:DETAIL_SHOWN],
                    "dead_lettered_at": now,
                    "attempts": _settled(entry["attempts"], attempt, "dead_lettered", reason),
                },
                "$push": {"history": _step("dead_lettered_again", consumer, reason, now)},
            },
            session=session,
        )
        return True

    async def settle(self, entry_id: str, attempt: int, outcome: str) -> None:
        """A replay was consumed without a dead letter: processed, or already processed."""

        async def update(session: Session) -> None:
            entry = await self._entries.find_one({"_id": entry_id}, session=session)
            if entry is not None:
                attempts = _settled(entry["attempts"], attempt, outcome, None)
                await self._entries.update_one(
                    {"_id": entry_id}, {"$set": {"attempts": attempts}}, session=session
                )

        await self._store.in_transaction(update)

    async def replaying(self, session: Session, entry: dict[str, Any], *, by: str, why: str) -> int:
        """Note a replay being sent; returns its attempt number."""
        now, attempt = utc_now(), len(entry["attempts"]) + 1
        await self._entries.update_one(
            {"_id": entry["_id"]},
            {
                "$set": {"state": State.REPLAYED.value},
                "$push": {
                    "history": _step("replayed", by, why, now),
                    "attempts": {"n": attempt, "at": now, "by": by, "outcome": "pending"},
                },
            },
            session=session,
        )
        return attempt

    async def discard(self, entry_id: str, *, by: str, why: str) -> dict[str, Any] | None:
        """Give up on an entry; its payload is erased (nothing left to replay or reveal)."""
        await self._entries.update_one(
            {"_id": entry_id, "state": {"$ne": State.DISCARDED.value}},
            {
                "$set": {"state": State.DISCARDED.value, "payload": None},
                "$push": {"history": _step("discarded", by, why, utc_now())},
            },
        )
        return await self.get(entry_id)

    async def revealed(self, entry_id: str, *, by: str, why: str) -> dict[str, Any] | None:
        """The payload, noting who asked and why; None if it is gone (or never was)."""
        await self._entries.update_one(
            {"_id": entry_id}, {"$push": {"history": _step("revealed", by, why, utc_now())}}
        )
        entry = await self._entries.find_one({"_id": entry_id}, projection={"payload": True})
        return entry["payload"] if entry else None


def _settled(
    attempts: list[dict[str, Any]], attempt: int, outcome: str, reason: str | None
) -> list[dict[str, Any]]:
    return [
        a | {"outcome": outcome, "reason": reason}
        if a["n"] == attempt and a["outcome"] == "pending"
        else a
        for a in attempts
    ]
