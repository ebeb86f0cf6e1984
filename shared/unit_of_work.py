"""One transaction: the state change and the events it causes commit together or not at all."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from shared.contracts import EventEnvelope
from shared.outbox import Outbox
from shared.storage import Session, Store

__all__ = ["Transactor", "UnitOfWork"]

T = TypeVar("T")


class UnitOfWork:
    """What a handler is given: the session for its repositories and a place for events."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.events: list[EventEnvelope] = []

    def emit(self, *events: EventEnvelope) -> None:
        self.events.extend(events)


class Transactor:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self._store = store
        self._outbox = outbox

    async def __call__(self, work: Callable[[UnitOfWork], Coroutine[Any, Any, T]]) -> T:
        appended = False

        async def attempt(session: Session) -> T:
            nonlocal appended
            # A fresh unit per attempt: a retried transaction must not emit twice.
            unit = UnitOfWork(session)
            result = await work(unit)
            await self._outbox.append(session, unit.events)
            appended = bool(unit.events)  # the last attempt is the one that committed
            return result

        result = await self._store.in_transaction(attempt)
        self._outbox.committed(appended=appended)
        return result
