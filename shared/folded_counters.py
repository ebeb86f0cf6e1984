"""Counters moved by inserts and folded into their totals later, so that no two
transactions ever write the same document to count.

A counter moved by ``$inc`` in the transaction of what it counts is one document that every
such transaction writes: two replicas' batches about one school write the same caseload,
and all but one of them are rolled back and tried again (299 of 1,075 events in the
two-replica benchmark, one of them 43 times). Here a transaction inserts a *move* instead,
a new document beside the totals, which nothing else writes. Readers sum the totals and the
moves not yet folded, so a count is exact at once; ``fold`` adds the oldest moves to their
totals and deletes them, in one transaction, so the moves stay few.

A total is ``{"_id": <id>, <labels>..., <counted fields>...}``; a move is the same shape
with ``folds_into: <id>`` and the changes. Numbers are added, strings kept as labels,
nested documents (``{"by_status": {"open": 1}}``) added field by field.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from shared.storage import ASCENDING, Index, Session, Store, UpdateOne

__all__ = ["FOLDS_INTO", "FoldedCounters", "changes_of", "folding"]

FOLDS_INTO = "folds_into"
_NOT_COUNTED = {"_id", FOLDS_INTO}


def changes_of(document: Mapping[str, Any], prefix: str = "") -> dict[str, int]:
    """The counted fields of a total or a move, as dotted paths (``by_status.open``)."""
    changes: dict[str, int] = {}
    for field, value in document.items():
        if not prefix and field in _NOT_COUNTED:
            continue
        if isinstance(value, Mapping):
            changes |= changes_of(value, f"{prefix}{field}.")
        elif isinstance(value, int) and not isinstance(value, bool):
            changes[prefix + field] = value
    return changes


def _add(total: dict[str, int], document: Mapping[str, Any]) -> None:
    for field, change in changes_of(document).items():
        total[field] = total.get(field, 0) + change


def _labels(document: Mapping[str, Any]) -> dict[str, Any]:
    return {f: v for f, v in document.items() if f not in _NOT_COUNTED and isinstance(v, str)}


class FoldedCounters:
    def __init__(self, store: Store, collection: str) -> None:
        self._store = store
        self._name = collection
        self._documents = store.collection(collection)

    async def ensure_indexes(self, indexes: Iterable[Index] = ()) -> None:
        # Sparse: only moves have the field, and the fold finds them by it.
        moves = Index([(FOLDS_INTO, ASCENDING)], sparse=True)
        await self._store.ensure_indexes(self._name, [moves, *indexes])

    async def move(self, moves: list[tuple[str, dict[str, Any]]], session: Session | None) -> None:
        """Insert a move per (total's id, its labels and changes)."""
        if moves:
            documents = [{FOLDS_INTO: total} | body for total, body in moves]
            await self._documents.insert_many(documents, session=session)

    async def totals(
        self, query: Mapping[str, Any], session: Session | None = None
    ) -> dict[str, dict[str, int]]:
        """Each total matching ``query`` (on its labels) with its moves added, by id."""
        summed: dict[str, dict[str, int]] = {}
        async for document in self._documents.find(dict(query), session=session):
            _add(summed.setdefault(str(document.get(FOLDS_INTO, document["_id"])), {}), document)
        return summed

    async def fold(self, limit: int = 1000) -> bool:
        """Add up to ``limit`` of the oldest moves to their totals; True if more wait.

        The moves are read inside the transaction that deletes them: two replicas folding
        at once then either see different moves or write the same ones, and one is rolled
        back, so no move is ever added twice."""

        async def attempt(session: Session) -> int:
            found = self._documents.find({FOLDS_INTO: {"$gt": ""}}, session=session)
            moves = await found.sort("_id", ASCENDING).to_list(limit)
            if not moves:
                return 0
            changes: dict[str, dict[str, int]] = {}
            labels: dict[str, dict[str, Any]] = {}
            for move in moves:
                _add(changes.setdefault(move[FOLDS_INTO], {}), move)
                labels.setdefault(move[FOLDS_INTO], {}).update(_labels(move))
            writes = [
                UpdateOne(
                    {"_id": t},
                    {"$inc": c} | ({"$set": labels[t]} if labels[t] else {}),
                    upsert=True,
                )
                for t, c in changes.items()
            ]
            await self._documents.bulk_write(writes, ordered=True, session=session)
            ids = [move["_id"] for move in moves]
            await self._documents.delete_many({"_id": {"$in": ids}}, session=session)
            return len(moves)

        return await self._store.in_transaction(attempt) == limit


def folding(*counters: FoldedCounters) -> Callable[[], Awaitable[bool]]:
    """One step of a pump that folds each of ``counters``; True if any has more waiting."""

    async def step() -> bool:
        more = [await each.fold() for each in counters]
        return any(more)

    return step
